package com.journeycoach.statistics.insights;

import com.journeycoach.journey.ProspectDevelopment;
import com.journeycoach.statistics.DistributorInsights;
import com.journeycoach.statistics.DistributorInsights.DistributorRow;
import com.journeycoach.statistics.DistributorInsights.Report;
import com.journeycoach.statistics.DistributorInsights.StepTime;
import com.journeycoach.statistics.ForecastCalibration;
import com.journeycoach.statistics.NudgeFollowThrough;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginResource;
import org.camunda.bpm.engine.repository.ProcessDefinition;

/**
 * {@code GET .../distributors} (JSON), {@code .../distributors/csv} and {@code .../distributors/funnel/csv}, with an
 * optional {@code sponsor} (a distributor id: only their downline): each distributor's funnel, steps, conversion and
 * flag, forecast calibration and nudges followed. Only {@code managers} and {@code camunda-admin}
 * may read them; others logged in to Cockpit get 403 (Cockpit itself answers 401 without a session). Bad
 * parameters get a 400 problem naming the parameter.
 */
public class DistributorsResource extends AbstractCockpitPluginResource {

  static final String SPONSOR = "sponsor";
  static final Set<String> PARAMETERS = Set.of(SPONSOR);
  static final int LONGEST_ID = InsightsAccess.LONGEST_ID;

  private final DistributorInsights insights;
  private final ForecastCalibration forecasts;
  private final NudgeFollowThrough nudges;
  private final UriInfo request;

  public DistributorsResource(String engineName, DistributorInsights insights, ForecastCalibration forecasts,
                              NudgeFollowThrough nudges, UriInfo request) {
    super(engineName);
    this.insights = insights;
    this.forecasts = forecasts;
    this.nudges = nudges;
    this.request = request;
  }

  /** The report, and beside it each shown distributor's forecast calibration and nudges followed, by id. */
  record People(Report report, Map<String, ForecastCalibration.Calibration> calibration, Map<String, NudgeFollowThrough.Record> nudges) {
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response distributors() {
    return answer(people -> {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("report", people.report());
      body.put("calibration", people.calibration());
      body.put("nudgesFollowed", people.nudges());
      // Cockpit's instance list of the latest journey definition, filtered by the distributor: each row's drill-down
      body.put("journeysDefinitionId", latestJourneyDefinition().map(ProcessDefinition::getId).orElse(null));
      return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    });
  }

  @GET
  @Path("csv")
  @Produces("text/csv")
  public Response distributorsCsv() {
    return answer(people -> InsightsAccess.csv("distributors.csv", distributorTable(people)));
  }

  @GET
  @Path("funnel/csv")
  @Produces("text/csv")
  public Response funnelCsv() {
    return answer(people -> {
      List<List<Object>> table = new ArrayList<>();
      table.add(List.of("step", "prospects"));
      var funnel = people.report().funnel();
      List<Long> counts = List.of(funnel.added(), funnel.shared(), funnel.viewed(), funnel.followedUp(), funnel.presented(), funnel.won());
      for (int i = 0; i < counts.size(); i++) {
        table.add(List.of(DistributorInsights.STAGES.get(i), counts.get(i)));
      }
      return InsightsAccess.csv("funnel.csv", table);
    });
  }

  private Response answer(Function<People, Response> body) {
    MultivaluedMap<String, String> parameters = request.getQueryParameters();
    Optional<Response> refused = InsightsAccess.refusal(getCurrentAuthentication(), parameters, PARAMETERS);
    if (refused.isPresent()) {
      return refused.get();
    }
    List<String> sponsors = parameters.getOrDefault(SPONSOR, List.of());
    if (sponsors.size() > 1) {
      return InsightsProblems.invalid("Give one sponsor", SPONSOR + ": given " + sponsors.size() + " times");
    }
    Optional<String> sponsor = sponsors.stream().findFirst();
    if (sponsor.isPresent() && (sponsor.get().isBlank() || sponsor.get().length() > LONGEST_ID)) {
      return InsightsProblems.invalid("The sponsor is not a distributor id", SPONSOR + ": a distributor id of 1 to " + LONGEST_ID + " characters");
    }
    try {
      Report report = insights.report(sponsor);
      Set<String> shown = report.distributors().stream().map(DistributorRow::id).collect(Collectors.toSet());
      return body.apply(new People(report, forecasts.of(shown), nudges.of(shown)));
    } catch (DistributorInsights.UnknownSponsorException e) {
      return InsightsProblems.invalid(e.getMessage(), SPONSOR + ": no such distributor");
    } catch (RuntimeException e) {
      return InsightsProblems.failed(e);
    }
  }

  private Optional<ProcessDefinition> latestJourneyDefinition() {
    return Optional.ofNullable(getProcessEngine().getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey(ProspectDevelopment.KEY).latestVersion().singleResult());
  }

  static List<List<Object>> distributorTable(People people) {
    Report report = people.report();
    List<List<Object>> table = new ArrayList<>();
    List<Object> header = new ArrayList<>(List.of("distributor", "name", "sponsor", "added", "shared", "viewed", "followed_up",
        "presented", "won_or_enrolled", "closed", "converted", "conversion_mean", "conversion_90_lower", "conversion_90_upper",
        "probability_below_team", "flag"));
    for (String step : DistributorInsights.STEPS) {
      header.addAll(List.of(step + "_pace", step + "_measured", step + "_within_pace", step + "_average_hours"));
    }
    header.addAll(List.of("nudges", "nudges_measured", "nudges_followed", "forecast_journeys", "mean_close_estimate", "close_rate",
        "brier_score", "forecast_record_journeys", "over_estimate_points", "over_estimating"));
    table.add(header);
    for (DistributorRow row : report.distributors()) {
      var f = row.funnel();
      var c = row.conversion();
      List<Object> line = new ArrayList<>(List.of(row.id(), row.name(), row.sponsorId() == null ? "" : row.sponsorId(), f.added(),
          f.shared(), f.viewed(), f.followedUp(), f.presented(), f.won(), c.closed(), c.converted(), blankIfNull(c.mean()),
          blankIfNull(c.lower()), blankIfNull(c.upper()), blankIfNull(c.probabilityBelowTeam()), c.flag().name()));
      for (StepTime step : row.steps()) {
        line.addAll(List.of(step.pace(), step.measured(), step.withinPace(), blankIfNull(step.averageHours())));
      }
      line.add(row.nudges());
      NudgeFollowThrough.Record nudged = people.nudges().getOrDefault(row.id(), NudgeFollowThrough.Record.NONE);
      line.addAll(List.of(nudged.measured(), nudged.followed()));
      ForecastCalibration.Calibration forecast = people.calibration().get(row.id());
      line.addAll(List.of(forecast.journeys(), blankIfNull(forecast.meanEstimate()), blankIfNull(forecast.closeRate()),
          blankIfNull(forecast.brier()), forecast.recordJourneys(), blankIfNull(forecast.overEstimatePoints()),
          forecast.overEstimating()));
      table.add(line);
    }
    return table;
  }

  static Object blankIfNull(Object value) {
    return value == null ? "" : value;
  }
}
