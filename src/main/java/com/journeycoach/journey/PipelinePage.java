package com.journeycoach.journey;

import com.journeycoach.people.Distributor;
import com.journeycoach.people.Distributors;
import com.journeycoach.people.JourneyPositions;
import com.journeycoach.people.Prospect;
import com.journeycoach.people.Prospects;
import com.journeycoach.system.EngineAsApplication;
import com.journeycoach.system.Groups;
import com.journeycoach.system.SignedIn;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/**
 * The distributor's pipeline as a page of its own, linked from Tasklist's header ({@code scripts/journey-coach.js}):
 * every open prospect with the step of their journey, since when, and what falls due when, the first due at the top;
 * a prospect with an open task links to it in Tasklist. Signed in with the Tasklist login (the webapps' session, as
 * {@link SignedIn} reads it); without one it sends the browser to Tasklist's login. A distributor sees their own
 * prospects only; managers every distributor's, or one's ({@code ?distributorId=}). Plain HTML that works at 390 px.
 */
@Controller
class PipelinePage {

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", Locale.ENGLISH);

  /** What each step means to the distributor, and what its due date is. */
  private static final Map<String, String[]> STEPS = Map.of(
      "share", new String[] {"Share", "Due"},
      "view", new String[] {"Waiting for the view", "Reminder"},
      "follow-up", new String[] {"Follow up", "Due"},
      "meeting", new String[] {"Meet", "Due"},
      "nurture", new String[] {"Nurture", "Resumes"});

  private final SignedIn signedIn;
  private final IdentityService identity;
  private final EngineAsApplication engine;
  private final Prospects prospects;
  private final Distributors distributors;
  private final JourneyPositions positions;
  private final Clock clock;
  private final String webappPath;

  PipelinePage(SignedIn signedIn, IdentityService identity, EngineAsApplication engine, Prospects prospects, Distributors distributors,
               JourneyPositions positions, Clock clock, @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
    this.signedIn = signedIn;
    this.identity = identity;
    this.engine = engine;
    this.prospects = prospects;
    this.distributors = distributors;
    this.positions = positions;
    this.clock = clock;
    this.webappPath = webappPath;
  }

  @GetMapping(value = "/pipeline", produces = MediaType.TEXT_HTML_VALUE)
  @ResponseBody
  ResponseEntity<String> pipeline(HttpServletRequest request, @RequestParam(required = false) String distributorId) {
    String tasklist = request.getContextPath() + webappPath + "/app/tasklist/default/";
    Optional<String> user = signedIn.userAt(request);
    if (user.isEmpty()) {
      return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, tasklist).build();
    }
    boolean manager = engine.call(() -> identity.createGroupQuery().groupMember(user.get()).groupIdIn(Groups.MANAGERS, Groups.ADMINS)
        .count() > 0);
    // a distributor's own prospects, whatever the address asks for; a manager's choice of distributor, or everyone's
    String of = manager ? distributorId : user.get();
    List<Prospect> open = of == null ? prospects.open() : prospects.openOfDistributor(of);
    List<JourneyPositions.Positioned> rows = positions.pipeline(open);
    ZoneId zone = distributors.find(user.get()).map(Distributor::timeZone).flatMap(PipelinePage::zone).orElse(ZoneOffset.UTC);
    return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
        .cacheControl(CacheControl.noStore())
        .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none';"
            + " form-action 'none'")
        .body(page(rows, tasklist, zone, manager && of == null));
  }

  /** Wrong HTTP Basic credentials sent to the page: 401, as the tracked links answer them. */
  @ExceptionHandler(SignedIn.WrongCredentials.class)
  ResponseEntity<String> wrongCredentials(SignedIn.WrongCredentials e) {
    return ResponseEntity.status(HttpStatus.UNAUTHORIZED).contentType(MediaType.TEXT_PLAIN).body(e.getMessage());
  }

  private String page(List<JourneyPositions.Positioned> rows, String tasklist, ZoneId zone, boolean everyone) {
    Instant now = clock.instant();
    StringBuilder html = new StringBuilder("""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Pipeline · Journey Coach</title>
        <style>
        *{box-sizing:border-box}
        body{margin:0;font:16px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2329;background:#f4f5f7}
        header{background:#1d2329;color:#fff;padding:.75rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:baseline}
        header h1{font-size:1.2rem;margin:0}
        header a{color:#cfe3ff}
        main{max-width:48rem;margin:0 auto;padding:.75rem}
        ol{list-style:none;margin:0;padding:0}
        li{background:#fff;border-radius:6px;margin:0 0 .6rem;padding:.7rem .9rem;box-shadow:0 1px 2px rgba(0,0,0,.12);overflow-wrap:anywhere}
        .name{font-weight:600;font-size:1.05rem}
        .step{display:inline-block;font-size:.8rem;padding:.05rem .45rem;border-radius:3px;background:#e4ecf7;margin-left:.3rem}
        .task{display:block;margin:.3rem 0;padding:.5rem 0;color:#0b5cad}
        .when{font-size:.9rem;color:#4a5561}
        .overdue{color:#b3261e;font-weight:600}
        </style></head><body>
        """);
    html.append("<header><h1>").append(everyone ? "Every open prospect" : "Your pipeline").append("</h1><span>")
        .append(rows.size()).append(rows.size() == 1 ? " open prospect" : " open prospects").append("</span><a href=\"")
        .append(escape(tasklist)).append("\">Back to Tasklist</a></header><main>");
    if (rows.isEmpty()) {
      html.append("<p>No open prospects. Add one in Tasklist with <em>Add a prospect</em>.</p>");
    }
    html.append("<ol class=\"pipeline\">");
    for (JourneyPositions.Positioned row : rows) {
      JourneyPositions.Position position = row.journey();
      String step = position == null ? null : position.step();
      String[] words = step == null ? new String[] {"Between steps", "Due"} : STEPS.getOrDefault(step, new String[] {step, "Due"});
      html.append("<li class=\"prospect\" data-step=\"").append(escape(step == null ? "" : step)).append("\"><span class=\"name\">")
          .append(escape(row.prospect().fullName())).append("</span><span class=\"step\">").append(escape(words[0])).append("</span>");
      if (position != null && position.taskId() != null) {
        html.append("<a class=\"task\" href=\"").append(escape(tasklist + "#/?task=" + position.taskId())).append("\">")
            .append(escape(position.taskName() == null ? "Open the task" : position.taskName())).append("</a>");
      }
      html.append("<div class=\"when\">");
      if (position != null && position.since() != null) {
        html.append("Since ").append(WHEN.format(position.since().atZone(zone)));
      }
      if (position != null && position.due() != null) {
        boolean overdue = position.due().isBefore(now);
        html.append(position.since() != null ? " · " : "").append("<span class=\"due").append(overdue ? " overdue" : "").append("\">")
            .append(words[1]).append(' ').append(WHEN.format(position.due().atZone(zone))).append(overdue ? " (overdue)" : "")
            .append("</span>");
      }
      html.append("</div></li>");
    }
    return html.append("</ol></main></body></html>").toString();
  }

  private static String escape(String text) {
    return HtmlUtils.htmlEscape(text, "UTF-8");
  }

  private static Optional<ZoneId> zone(String id) {
    try {
      return id == null || id.isBlank() ? Optional.empty() : Optional.of(ZoneId.of(id));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }
}
