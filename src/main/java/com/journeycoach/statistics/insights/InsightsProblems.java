package com.journeycoach.statistics.insights;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin's refusals as RFC 7807 problems. Returned, not thrown: Cockpit's exception handler would answer a
 * thrown one with its own body, naming the exception's class.
 */
final class InsightsProblems {

  private static final int SHOWN_LENGTH = 80;
  private static final Logger log = LoggerFactory.getLogger(InsightsProblems.class);

  private InsightsProblems() {
  }

  static Response of(int status, String title, String detail) {
    return build(status, title, detail, List.of());
  }

  /**
   * A failure of the application's own: logged with its cause, answered without it. Cockpit's own handler would put the
   * exception's class and message, SQL included, into the answer.
   */
  static Response failed(RuntimeException e) {
    log.error("Insights could not answer", e);
    return of(500, "Internal Server Error", "Insights could not be computed; the application's log has the details.");
  }

  static Response invalid(String detail, String error) {
    return build(400, "Invalid input", detail, List.of(error));
  }

  /** A name the caller sent, as the answer may show it: ASCII letters, digits, '.', '_' and '-' only, cut short. */
  static String shown(String value) {
    String plain = value.replaceAll("[^A-Za-z0-9._-]", "?");
    return plain.length() > SHOWN_LENGTH ? plain.substring(0, SHOWN_LENGTH) + "..." : plain;
  }

  private static Response build(int status, String title, String detail, List<String> errors) {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", title);
    problem.put("status", status);
    problem.put("detail", detail);
    if (!errors.isEmpty()) {
      problem.put("errors", errors);
    }
    return Response.status(status).type(MediaType.valueOf("application/problem+json")).entity(problem).build();
  }
}
