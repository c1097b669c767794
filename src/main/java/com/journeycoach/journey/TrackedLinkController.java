package com.journeycoach.journey;

import com.journeycoach.content.Catalog;
import com.journeycoach.content.Share;
import com.journeycoach.content.Shares;
import com.journeycoach.system.SignedIn;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /s/{token}}: the tracked link a prospect opens. Counts the view, tells the journey on the
 * first one, and redirects to the asset's registered address; nothing in the request chooses where.
 * Only the prospect's opening counts: a Journey Coach user checking the link (signed in to the webapps
 * in that browser, or with HTTP Basic), a {@code HEAD} request and a link-preview bot or other software
 * ({@link LinkPreviewers}) are redirected alike, and neither the view count nor the journey changes.
 */
@RestController
class TrackedLinkController {

  private static final String NOT_FOUND_PAGE = """
      <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Link not found</title></head>
      <body><h1>This link is not known</h1><p>Ask the person who sent it to you for a new one.</p></body></html>
      """;

  private static final Logger log = LoggerFactory.getLogger(TrackedLinkController.class);

  private final Catalog catalog;
  private final Touchpoints touchpoints;
  private final Shares shares;
  private final LinkPreviewers previewers;
  private final SignedIn signedIn;

  TrackedLinkController(Catalog catalog, Touchpoints touchpoints, Shares shares, LinkPreviewers previewers, SignedIn signedIn) {
    this.catalog = catalog;
    this.touchpoints = touchpoints;
    this.shares = shares;
    this.previewers = previewers;
    this.signedIn = signedIn;
  }

  @RequestMapping(path = "/s/{token}", method = {RequestMethod.GET, RequestMethod.HEAD})
  ResponseEntity<String> open(@PathVariable String token, @RequestHeader(value = HttpHeaders.USER_AGENT, required = false) String userAgent,
                              HttpServletRequest request) {
    Optional<Share> viewed = Optional.empty();
    if (token.matches("[A-Za-z0-9_-]{43}")) {
      Optional<String> notTheProspect = notTheProspect(request, userAgent);
      notTheProspect.ifPresent(who -> log.debug("Tracked link opened by {}: not counted as a view", who));
      viewed = notTheProspect.isPresent() ? shares.byToken(token) : touchpoints.viewThroughLink(token);
    }
    if (viewed.isEmpty()) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_HTML).body(NOT_FOUND_PAGE);
    }
    Share share = viewed.get();
    return ResponseEntity.status(HttpStatus.FOUND)
        .location(URI.create(catalog.get(share.assetId()).url().strip()))
        .header("Cache-Control", "no-store")
        .header("Referrer-Policy", "no-referrer")
        .build();
  }

  /** Why this opening is not the prospect's view, if it is not. */
  private Optional<String> notTheProspect(HttpServletRequest request, String userAgent) {
    if (RequestMethod.HEAD.name().equals(request.getMethod())) {
      return Optional.of("a HEAD request");
    }
    Optional<String> user = signedIn.userAt(request);
    if (user.isPresent()) {
      return user.map(id -> "the signed-in user '" + id + "'");
    }
    return previewers.isPreviewer(userAgent) ? Optional.of("a link previewer") : Optional.empty();
  }

  /** HTTP Basic credentials that Camunda refused: the prospect sends none, so this is a person who mistyped. */
  @ExceptionHandler(SignedIn.WrongCredentials.class)
  ResponseEntity<String> wrongCredentials(SignedIn.WrongCredentials e) {
    return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
        .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"journey-coach\"")
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body("""
            {"type":"about:blank","title":"Unauthorized","status":401,"detail":"%s"}""".formatted(e.getMessage()));
  }
}
