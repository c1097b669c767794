package com.journeycoach.people;

import com.journeycoach.system.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The page behind the link of a welcome message: a new distributor sets their password, without a
 * login. The link carries its token after {@code #}; the page's script puts it into the form, which
 * posts it in the body (a request without the token can do nothing, so no other site can make a
 * visitor's browser set a password). A program may post the same fields as JSON and gets JSON back.
 */
@RestController
class PasswordLinkController {

  /** The page's only script: the token from the link's fragment into the form, and out of the address bar. */
  private static final String SCRIPT = "var t=location.hash.replace(/^#/,'');if(t){document.getElementById('token').value=t;"
      + "history.replaceState(null,'',location.pathname);}";
  private static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-" + sha256(SCRIPT)
      + "'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
  private static final String TASKLIST = "/camunda/app/tasklist/default/";

  private final PasswordLinks links;
  private final IdentityService identity;

  PasswordLinkController(PasswordLinks links, IdentityService identity) {
    this.links = links;
    this.identity = identity;
  }

  @GetMapping(PasswordLinks.PATH)
  ResponseEntity<String> form() {
    return page(HttpStatus.OK, "Set your password", form(""));
  }

  @PostMapping(value = PasswordLinks.PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE, produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> submit(@RequestParam(required = false) String token, @RequestParam(required = false) String password,
                                @RequestParam(required = false) String passwordAgain) {
    try {
      String userId = links.redeem(token, password, passwordAgain);
      return page(HttpStatus.OK, "Your password is set",
          "<p>Log in to Tasklist with your user name <strong id=\"user-id\">" + HtmlUtils.htmlEscape(userId)
              + "</strong> and the password you chose.</p><p><a class=\"button\" id=\"tasklist\" href=\"" + TASKLIST
              + "\">Log in to Tasklist</a></p>");
    } catch (InvalidInputException e) {
      StringBuilder body = new StringBuilder("<div class=\"errors\" role=\"alert\"><p>" + HtmlUtils.htmlEscape(e.getMessage())
          + ":</p><ul>");
      e.errors().forEach(error -> body.append("<li>").append(HtmlUtils.htmlEscape(error)).append("</li>"));
      body.append("</ul></div>");
      boolean linkRefused = e.errors().stream().anyMatch(error -> error.startsWith("token:"));
      // a well-formed token goes back into the form, so a second try works; a refused link offers no form
      return page(HttpStatus.BAD_REQUEST, "Set your password", body + (linkRefused ? "" : form(token)));
    }
  }

  /** What a program posting JSON sends; it gets a problem detail (400, naming the field) or the user id. */
  record SetPassword(String token, String password, String passwordAgain) {
  }

  @PostMapping(value = PasswordLinks.PATH, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, String>> submitJson(@RequestBody SetPassword request) {
    String userId = links.redeem(request.token(), request.password(), request.passwordAgain());
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(Map.of("userId", userId, "tasklist", TASKLIST));
  }

  private String form(String token) {
    return "<form method=\"post\" action=\"" + PasswordLinks.PATH + "\">"
        + "<input type=\"hidden\" id=\"token\" name=\"token\" value=\"" + HtmlUtils.htmlEscape(token == null ? "" : token) + "\">"
        + "<label for=\"password\">New password</label>"
        + "<input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"new-password\" required maxlength=\""
        + PasswordLinks.MAX_PASSWORD_LENGTH + "\">"
        + "<label for=\"passwordAgain\">The same password again</label>"
        + "<input type=\"password\" id=\"passwordAgain\" name=\"passwordAgain\" autocomplete=\"new-password\" required maxlength=\""
        + PasswordLinks.MAX_PASSWORD_LENGTH + "\">"
        + "<p class=\"rules\">The password needs " + HtmlUtils.htmlEscape(policyText()) + ".</p>"
        + "<button type=\"submit\" id=\"set-password\">Set password</button></form>"
        + "<script>" + SCRIPT + "</script>";
  }

  /** Camunda's password policy in words, from the policy the engine applies. */
  private String policyText() {
    List<String> rules = identity.getPasswordPolicy().getRules().stream().map(PasswordLinkController::words).toList();
    return String.join(", ", rules);
  }

  private static String words(PasswordPolicyRule rule) {
    Map<String, String> parameters = rule.getParameters();
    String count = parameters == null || parameters.isEmpty() ? "1" : parameters.values().iterator().next();
    return switch (rule.getPlaceholder()) {
      case "PASSWORD_POLICY_LENGTH" -> "at least " + count + " characters";
      case "PASSWORD_POLICY_LOWERCASE" -> "at least " + count + " lower-case letter(s)";
      case "PASSWORD_POLICY_UPPERCASE" -> "at least " + count + " upper-case letter(s)";
      case "PASSWORD_POLICY_DIGIT" -> "at least " + count + " digit(s)";
      case "PASSWORD_POLICY_SPECIAL" -> "at least " + count + " special character(s) such as - ! ?";
      case "PASSWORD_POLICY_USER_DATA" -> "none of your user name, name or e-mail address in it";
      default -> rule.getPlaceholder();
    };
  }

  private static ResponseEntity<String> page(HttpStatus status, String title, String body) {
    return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
        .cacheControl(CacheControl.noStore())
        .header("Content-Security-Policy", POLICY)
        .header("Referrer-Policy", "no-referrer")
        .body("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + title + " · Journey Coach</title>"
            + "<style>body{font-family:system-ui,sans-serif;margin:0;padding:1rem;color:#222;background:#f6f6f6}"
            + "main{max-width:28rem;margin:0 auto;background:#fff;padding:1rem 1.25rem;border-radius:8px;box-sizing:border-box}"
            + "h1{font-size:1.4rem}label{display:block;margin-top:1rem;font-weight:600}"
            + "input[type=password]{display:block;width:100%;box-sizing:border-box;font-size:1rem;padding:.7rem;margin-top:.3rem;"
            + "border:1px solid #888;border-radius:4px}"
            + "button,.button{display:block;width:100%;box-sizing:border-box;margin-top:1.2rem;padding:.8rem;font-size:1.05rem;"
            + "border:0;border-radius:4px;background:#1a5fb4;color:#fff;text-align:center;text-decoration:none}"
            + ".rules{color:#555;font-size:.9rem}.errors{color:#a51d2d;overflow-wrap:anywhere}</style></head><body><main>"
            + "<h1>" + title + "</h1>" + body + "</main></body></html>");
  }

  private static String sha256(String text) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }
}
