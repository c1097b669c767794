package com.journeycoach.statistics.insights;

import com.journeycoach.system.Groups;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** The refusals every Insights resource gives first: no Cockpit session, not a manager, a parameter it does not take. */
final class InsightsAccess {

  static final int LONGEST_ID = 64;

  private InsightsAccess() {
  }

  static Optional<Response> refusal(Authentication user, MultivaluedMap<String, String> parameters, Set<String> known) {
    return refusal(user, parameters, known, Set.of(Groups.MANAGERS, Groups.ADMINS), "Insights are for managers and administrators.");
  }

  /** The same, for a resource that members of any of {@code readers} may read ({@code why}: the 403's detail). */
  static Optional<Response> refusal(Authentication user, MultivaluedMap<String, String> parameters, Set<String> known,
                                    Set<String> readers, String why) {
    if (user == null) {
      return Optional.of(InsightsProblems.of(401, "Unauthorized", "Log in to Cockpit first."));
    }
    List<String> groups = user.getGroupIds() == null ? List.of() : user.getGroupIds();
    if (groups.stream().noneMatch(readers::contains)) {
      return Optional.of(InsightsProblems.of(403, "Forbidden", why));
    }
    for (String name : parameters.keySet()) {
      if (!known.contains(name)) {
        return Optional.of(InsightsProblems.invalid("The query parameter '" + InsightsProblems.shown(name) + "' is not known",
            InsightsProblems.shown(name) + ": not a parameter of this resource; it takes " + String.join(", ", known.stream().sorted().toList())));
      }
    }
    return Optional.empty();
  }

  /**
   * The 400 problem naming an optional id parameter: given twice, blank, or longer than an id.
   */
  static Optional<Response> invalidId(MultivaluedMap<String, String> parameters, String name, String what) {
    List<String> values = parameters.getOrDefault(name, List.of());
    if (values.size() > 1) {
      return Optional.of(InsightsProblems.invalid("Give one " + name, name + ": given " + values.size() + " times"));
    }
    if (values.size() == 1 && (values.get(0).isBlank() || values.get(0).length() > LONGEST_ID)) {
      return Optional.of(InsightsProblems.invalid("The " + name + " is not " + what,
          name + ": " + what + " of 1 to " + LONGEST_ID + " characters"));
    }
    return Optional.empty();
  }

  static Optional<String> single(MultivaluedMap<String, String> parameters, String name) {
    return parameters.getOrDefault(name, List.of()).stream().findFirst();
  }

  static Response csv(String fileName, List<List<Object>> table) {
    return Response.ok(Csv.write(table), "text/csv; charset=UTF-8")
        .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"").build();
  }
}
