package com.journeycoach.statistics.insights;

import com.journeycoach.experiment.Experiment;
import com.journeycoach.experiment.ExperimentReport;
import com.journeycoach.experiment.ExperimentReport.ArmFigures;
import com.journeycoach.experiment.Experiments;
import com.journeycoach.experiment.SegmentAttribute;
import com.journeycoach.system.Groups;
import com.journeycoach.system.NotFoundException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginResource;

/**
 * {@code GET .../experiments} (JSON: every experiment on the next asset, newest first, and the figures per arm and
 * segment of one of them) and those figures as CSV, {@code .../experiments/csv}. Optional {@code experiment} (an
 * experiment's id; the newest by default). The figures are the experiment service's own ({@link Experiments#report}),
 * the ones {@code GET /api/experiments/{id}/arms} gives process owners. Managers, process owners and
 * {@code camunda-admin} may read them: they name assets and segments, no person. Bad parameters get a 400 problem
 * naming the parameter.
 */
public class ExperimentsResource extends AbstractCockpitPluginResource {

  static final String EXPERIMENT = "experiment";
  static final Set<String> PARAMETERS = Set.of(EXPERIMENT);
  static final Set<String> READERS = Set.of(Groups.MANAGERS, Groups.PROCESS_OWNERS, Groups.ADMINS);

  private final Experiments experiments;
  private final UriInfo request;

  public ExperimentsResource(String engineName, Experiments experiments, UriInfo request) {
    super(engineName);
    this.experiments = experiments;
    this.request = request;
  }

  /** An experiment as the tab lists it (its time as ISO text). */
  public record Summary(String id, String name, String phase, String status, List<String> arms, List<SegmentAttribute> segmentBy,
                        String proxy, String rolledOutAssetId, String createdBy, String createdAt) {

    static Summary of(Experiment experiment) {
      return new Summary(experiment.id(), experiment.name(), experiment.phase().name(), experiment.status().name(), experiment.arms(),
          experiment.segmentBy(), experiment.proxy() == null ? null : experiment.proxy().name(), experiment.rolledOutAssetId(),
          experiment.createdBy(), experiment.createdAt().toString());
    }
  }

  /** The figures of the chosen experiment: its default arm, its segments (then "all") and a row per segment and arm. */
  public record Figures(String experimentId, String defaultArm, List<String> segments, List<ArmFigures> arms) {
  }

  /** The page: every experiment, the chosen one's figures (null when there is no experiment). */
  public record Page(List<Summary> experiments, Figures figures) {
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response experiments() {
    return answer(page -> Response.ok(page, MediaType.APPLICATION_JSON_TYPE).build());
  }

  @GET
  @Path("csv")
  @Produces("text/csv")
  public Response csv() {
    return answer(page -> InsightsAccess.csv("experiment-arms.csv", table(page)));
  }

  private Response answer(Function<Page, Response> body) {
    MultivaluedMap<String, String> parameters = request.getQueryParameters();
    Optional<Response> refused = InsightsAccess.refusal(getCurrentAuthentication(), parameters, PARAMETERS, READERS,
            "Experiments in Insights are for managers, process owners and administrators.")
        .or(() -> InsightsAccess.invalidId(parameters, EXPERIMENT, "an experiment's id"));
    if (refused.isPresent()) {
      return refused.get();
    }
    Optional<String> chosen = InsightsAccess.single(parameters, EXPERIMENT);
    if (chosen.isPresent() && !chosen.get().matches("[A-Za-z0-9._-]+")) {
      return InsightsProblems.invalid("The experiment is not an experiment's id", EXPERIMENT + ": letters, digits, '.', '_' and '-' only");
    }
    try {
      List<Summary> all = experiments.all().stream().map(Summary::of).toList();
      Optional<String> id = chosen.or(() -> all.stream().findFirst().map(Summary::id));
      Figures figures = null;
      if (id.isPresent()) {
        ExperimentReport report;
        try {
          report = experiments.report(id.get());
        } catch (NotFoundException e) {
          return InsightsProblems.invalid("No experiment '" + InsightsProblems.shown(id.get()) + "'", EXPERIMENT + ": no such experiment");
        }
        List<String> segments = report.arms().stream().map(ArmFigures::segment).distinct().toList();
        figures = new Figures(report.experiment().id(), report.defaultArm(), segments, report.arms());
      }
      return body.apply(new Page(all, figures));
    } catch (RuntimeException e) {
      return InsightsProblems.failed(e);
    }
  }

  static List<List<Object>> table(Page page) {
    List<List<Object>> table = new ArrayList<>();
    table.add(List.of("experiment_id", "experiment", "segment", "arm", "default_arm", "suggested", "overridden", "successes", "failures",
        "pending", "posterior_mean", "lower_90", "upper_90", "probability_best", "expected_lift"));
    if (page.figures() == null) {
      return table;
    }
    String name = page.experiments().stream().filter(e -> e.id().equals(page.figures().experimentId())).map(Summary::name)
        .findFirst().orElse("");
    for (ArmFigures arm : page.figures().arms()) {
      table.add(List.of(page.figures().experimentId(), name, arm.segment(), arm.assetId(), arm.assetId().equals(page.figures().defaultArm()),
          arm.suggested(), arm.overridden(), arm.successes(), arm.failures(), arm.pending(), arm.posteriorMean(), arm.lower90(),
          arm.upper90(), arm.probabilityBest(), arm.expectedLift()));
    }
    return table;
  }
}
