package com.journeycoach.statistics.insights;

import com.journeycoach.statistics.JourneyInsights;
import com.journeycoach.statistics.JourneyInsights.Change;
import com.journeycoach.statistics.JourneyInsights.Cohort;
import com.journeycoach.statistics.JourneyInsights.Milestone;
import com.journeycoach.statistics.JourneyInsights.PaceHistory;
import com.journeycoach.statistics.JourneyInsights.Report;
import com.journeycoach.statistics.JourneyInsights.StepRow;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginResource;

/**
 * {@code GET .../journeys} (JSON) and its tables as CSV: {@code .../journeys/csv} (the steps of a version),
 * {@code .../journeys/paces/csv} (the paces' change history) and {@code .../journeys/cohorts/csv}. Optional
 * {@code version} (a version number of prospect-development; the latest by default) and {@code from}, {@code to}
 * (ISO dates: the cohorts of the weeks holding them and between; by default the last 26 weeks). Only {@code managers}
 * and {@code camunda-admin} may read them; bad parameters get a 400 problem naming the parameter.
 */
public class JourneysResource extends AbstractCockpitPluginResource {

  static final String VERSION = "version";
  static final String FROM = "from";
  static final String TO = "to";
  static final Set<String> PARAMETERS = Set.of(VERSION, FROM, TO);
  /** The earliest day a cohort may start on, and the longest span of cohorts one request shows. */
  static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
  static final int LONGEST_SPAN_DAYS = 3 * 366;
  static final int DEFAULT_WEEKS = 26;

  private final JourneyInsights insights;
  private final UriInfo request;

  public JourneysResource(String engineName, JourneyInsights insights, UriInfo request) {
    super(engineName);
    this.insights = insights;
    this.request = request;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response journeys() {
    return answer(report -> Response.ok(report, MediaType.APPLICATION_JSON_TYPE).build());
  }

  @GET
  @Path("csv")
  @Produces("text/csv")
  public Response stepsCsv() {
    return answer(report -> InsightsAccess.csv("journey-steps.csv", stepTable(report)));
  }

  @GET
  @Path("paces/csv")
  @Produces("text/csv")
  public Response pacesCsv() {
    return answer(report -> InsightsAccess.csv("pace-history.csv", paceTable(report)));
  }

  @GET
  @Path("cohorts/csv")
  @Produces("text/csv")
  public Response cohortsCsv() {
    return answer(report -> InsightsAccess.csv("onboarding-cohorts.csv", cohortTable(report)));
  }

  private Response answer(Function<Report, Response> body) {
    MultivaluedMap<String, String> parameters = request.getQueryParameters();
    Optional<Response> refused = InsightsAccess.refusal(getCurrentAuthentication(), parameters, PARAMETERS)
        .or(() -> once(parameters, VERSION)).or(() -> once(parameters, FROM)).or(() -> once(parameters, TO));
    if (refused.isPresent()) {
      return refused.get();
    }
    Optional<Integer> version = Optional.empty();
    Optional<String> versionText = InsightsAccess.single(parameters, VERSION);
    if (versionText.isPresent()) {
      if (!versionText.get().matches("[1-9][0-9]{0,8}")) {
        return InsightsProblems.invalid("The version is not a version number", VERSION + ": a whole number from 1");
      }
      version = Optional.of(Integer.valueOf(versionText.get()));
    }
    LocalDate today = insights.today();
    LocalDate to;
    LocalDate from;
    try {
      to = date(parameters, TO).orElse(today);
      from = date(parameters, FROM).orElse(to.minusWeeks(DEFAULT_WEEKS - 1));
    } catch (BadDate e) {
      return InsightsProblems.invalid("The " + e.name + " is not a date", e.name + ": an ISO date (yyyy-mm-dd)");
    }
    if (from.isBefore(EARLIEST) || from.isAfter(today)) {
      return InsightsProblems.invalid("The from date is out of range", FROM + ": a date from " + EARLIEST + " to today");
    }
    if (to.isBefore(from) || to.isAfter(today)) {
      return InsightsProblems.invalid("The to date is out of range", TO + ": a date from the from date to today");
    }
    if (ChronoUnit.DAYS.between(from, to) > LONGEST_SPAN_DAYS) {
      return InsightsProblems.invalid("The dates span too long", TO + ": at most " + LONGEST_SPAN_DAYS + " days after from");
    }
    try {
      return body.apply(insights.report(version, from, to));
    } catch (JourneyInsights.UnknownVersionException e) {
      return InsightsProblems.invalid(e.getMessage(), VERSION + ": no such version");
    }
  }

  private static Optional<Response> once(MultivaluedMap<String, String> parameters, String name) {
    int given = parameters.getOrDefault(name, List.of()).size();
    return given > 1 ? Optional.of(InsightsProblems.invalid("Give one " + name, name + ": given " + given + " times")) : Optional.empty();
  }

  private static final class BadDate extends Exception {
    private final String name;

    BadDate(String name) {
      super(name, null, false, false);
      this.name = name;
    }
  }

  private static Optional<LocalDate> date(MultivaluedMap<String, String> parameters, String name) throws BadDate {
    Optional<String> text = InsightsAccess.single(parameters, name);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    if (!text.get().matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
      throw new BadDate(name);
    }
    try {
      return Optional.of(LocalDate.parse(text.get()));
    } catch (DateTimeParseException e) {
      throw new BadDate(name);
    }
  }

  static List<List<Object>> stepTable(Report report) {
    List<List<Object>> table = new ArrayList<>();
    List<Object> header = new ArrayList<>(List.of("version", "step", "activity", "pace", "journeys", "conversion_from_previous",
        "finished", "within_pace", "mean_hours"));
    header.addAll(bucketNames());
    table.add(header);
    if (report.version() == null) {
      return table;
    }
    for (StepRow step : report.version().steps()) {
      List<Object> line = new ArrayList<>(List.of(report.version().version(), step.step(), step.activityId(),
          DistributorsResource.blankIfNull(step.pace()), step.journeys(), DistributorsResource.blankIfNull(step.conversion()),
          step.finished(), DistributorsResource.blankIfNull(step.withinPace()), DistributorsResource.blankIfNull(step.meanHours())));
      for (int b = 0; b <= JourneyInsights.BUCKETS.size(); b++) {
        line.add(step.buckets().isEmpty() ? "" : step.buckets().get(b));
      }
      table.add(line);
    }
    return table;
  }

  /** The time-in-step buckets' names: up to half the pace, up to the pace, ..., beyond four times the pace. */
  static List<String> bucketNames() {
    List<String> names = new ArrayList<>();
    for (double bound : JourneyInsights.BUCKETS) {
      names.add("up_to_" + trimmed(bound) + "_pace");
    }
    names.add("over_" + trimmed(JourneyInsights.BUCKETS.get(JourneyInsights.BUCKETS.size() - 1)) + "_pace");
    return names;
  }

  private static String trimmed(double bound) {
    return bound == Math.rint(bound) ? String.valueOf((long) bound) : String.valueOf(bound);
  }

  static List<List<Object>> paceTable(Report report) {
    List<List<Object>> table = new ArrayList<>();
    table.add(List.of("threshold", "changed_at", "old_value", "new_value", "old_hours", "new_hours", "changed_by", "reason"));
    for (PaceHistory pace : report.paces()) {
      for (Change change : pace.changes()) {
        table.add(List.of(pace.threshold(), change.changedAt(), change.oldValue(), change.newValue(), change.oldHours(),
            change.newHours(), change.changedBy(), change.reason()));
      }
    }
    return table;
  }

  static List<List<Object>> cohortTable(Report report) {
    List<List<Object>> table = new ArrayList<>();
    table.add(List.of("week_start", "distributors", "day_7_eligible", "day_7_first_prospects", "day_30_eligible", "day_30_first_sale",
        "day_90_eligible", "day_90_first_sale"));
    for (Cohort cohort : report.cohorts()) {
      List<Object> line = new ArrayList<>(List.of(cohort.weekStart(), cohort.distributors()));
      for (Milestone milestone : List.of(cohort.firstProspects(), cohort.firstSale30(), cohort.firstSale90())) {
        line.add(milestone.eligible());
        line.add(milestone.reached());
      }
      table.add(line);
    }
    return table;
  }
}
