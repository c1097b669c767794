package com.journeycoach.statistics.insights;

import com.journeycoach.statistics.ContentAnswers;
import com.journeycoach.statistics.ContentAnswers.Answers;
import com.journeycoach.statistics.ContentDriftCheck.DriftState;
import com.journeycoach.statistics.ContentInsights;
import com.journeycoach.statistics.ContentInsights.AssetRow;
import com.journeycoach.statistics.ContentInsights.AudienceRow;
import com.journeycoach.statistics.ContentInsights.Drift;
import com.journeycoach.statistics.ContentInsights.Report;
import com.journeycoach.statistics.IntentDriftCheck;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginResource;

/**
 * {@code GET .../content} (JSON) and {@code .../content/csv}: each asset per audience of the prospects it was shared
 * with, what they answered after the view, and where the drift check and the intent drift check stand on it; optional {@code asset} (an asset id) and {@code audience} (an
 * audience's name). Only {@code managers} and {@code camunda-admin} may read them; bad parameters get a 400 problem
 * naming the parameter.
 */
public class ContentResource extends AbstractCockpitPluginResource {

  static final String ASSET = "asset";
  static final String AUDIENCE = "audience";
  static final Set<String> PARAMETERS = Set.of(ASSET, AUDIENCE);

  private final ContentInsights insights;
  private final ContentAnswers answers;
  private final IntentDriftCheck intentDrift;
  private final UriInfo request;

  public ContentResource(String engineName, ContentInsights insights, ContentAnswers answers, IntentDriftCheck intentDrift,
                         UriInfo request) {
    super(engineName);
    this.insights = insights;
    this.answers = answers;
    this.intentDrift = intentDrift;
    this.request = request;
  }

  /**
   * The report's assets, and beside them what the prospects answered after each asset's view (by asset id, then
   * audience) and where the intent drift test stands on each asset (by asset id).
   */
  record Content(List<AssetRow> assets, Map<String, Map<String, Answers>> answers, Map<String, Drift> intentDrift) {
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response content() {
    return answer(content -> Response.ok(content, MediaType.APPLICATION_JSON_TYPE).build());
  }

  @GET
  @Path("csv")
  @Produces("text/csv")
  public Response contentCsv() {
    return answer(content -> InsightsAccess.csv("content.csv", table(content)));
  }

  private Response answer(Function<Content, Response> body) {
    MultivaluedMap<String, String> parameters = request.getQueryParameters();
    Optional<Response> refused = InsightsAccess.refusal(getCurrentAuthentication(), parameters, PARAMETERS)
        .or(() -> InsightsAccess.invalidId(parameters, ASSET, "an asset id"))
        .or(() -> InsightsAccess.invalidId(parameters, AUDIENCE, "an audience"));
    if (refused.isPresent()) {
      return refused.get();
    }
    try {
      Report report = insights.report(InsightsAccess.single(parameters, ASSET), InsightsAccess.single(parameters, AUDIENCE));
      return body.apply(content(report));
    } catch (ContentInsights.UnknownException e) {
      return InsightsProblems.invalid(e.getMessage(), e.parameter() + ": no such " + e.parameter());
    } catch (RuntimeException e) {
      return InsightsProblems.failed(e);
    }
  }

  /** The answers and intent drift of the report's assets and audiences. */
  private Content content(Report report) {
    Map<String, Map<String, Answers>> all = answers.all();
    Map<String, IntentDriftCheck.Watch> watches = intentDrift.watches();
    Map<String, Map<String, Answers>> shownAnswers = new LinkedHashMap<>();
    Map<String, Drift> drifts = new LinkedHashMap<>();
    for (AssetRow asset : report.assets()) {
      Map<String, Answers> own = new LinkedHashMap<>();
      for (AudienceRow row : asset.audiences()) {
        Answers answered = all.getOrDefault(asset.id(), Map.of()).get(row.audience());
        if (answered != null) {
          own.put(row.audience(), answered);
        }
      }
      shownAnswers.put(asset.id(), own);
      IntentDriftCheck.Watch watch = watches.get(asset.id());
      drifts.put(asset.id(), watch != null ? new Drift(watch.state().name(), watch.watchStart().toString(), watch.cusum(),
          Optional.ofNullable(watch.changeSince()).map(LocalDate::toString).orElse(null), watch.decisionLimit())
          : new Drift("ACTIVE".equals(asset.status()) ? DriftState.NOT_ENOUGH_HISTORY.name() : ContentInsights.NOT_WATCHED, null,
              List.of(), null, null));
    }
    return new Content(report.assets(), shownAnswers, drifts);
  }

  static List<List<Object>> table(Content content) {
    List<List<Object>> table = new ArrayList<>();
    table.add(List.of("asset", "title", "audience", "shares", "viewed", "view_rate", "median_hours_to_view", "closed", "converted",
        "conversion_mean", "conversion_90_lower", "conversion_90_upper", "drift_state", "cusum", "decision_limit", "change_since",
        "open_review", "answers", "mean_interest_change", "intent_none", "intent_low", "intent_medium", "intent_high", "stated_intent",
        "stated_intent_90_lower", "stated_intent_90_upper", "intent_drift_state", "intent_cusum", "intent_decision_limit",
        "intent_change_since"));
    for (AssetRow asset : content.assets()) {
      var drift = asset.drift();
      List<Object> driftCells = List.of(drift.state(),
          drift.cusum().isEmpty() ? "" : drift.cusum().get(drift.cusum().size() - 1),
          DistributorsResource.blankIfNull(drift.decisionLimit()), DistributorsResource.blankIfNull(drift.changeSince()),
          asset.review() == null ? "" : asset.review().processInstanceId());
      Drift intent = content.intentDrift().get(asset.id());
      List<Object> intentCells = List.of(intent.state(), intent.cusum().isEmpty() ? "" : intent.cusum().get(intent.cusum().size() - 1),
          DistributorsResource.blankIfNull(intent.decisionLimit()), DistributorsResource.blankIfNull(intent.changeSince()));
      for (AudienceRow row : asset.audiences()) {
        List<Object> line = new ArrayList<>(List.of(asset.id(), asset.title(), row.audience(), row.shares(), row.viewed(),
            DistributorsResource.blankIfNull(row.viewRate()), DistributorsResource.blankIfNull(row.medianHoursToView()), row.closed(),
            row.converted(), row.mean(), row.lower(), row.upper()));
        line.addAll(driftCells);
        Answers answered = content.answers().getOrDefault(asset.id(), Map.of()).get(row.audience());
        line.addAll(answered == null ? List.of(0L, "", 0L, 0L, 0L, 0L, "", "", "")
            : List.of(answered.answers(), answered.meanInterestChange(), answered.intentNone(), answered.intentLow(),
                answered.intentMedium(), answered.intentHigh(), answered.statedIntent(), answered.statedLower(), answered.statedUpper()));
        line.addAll(intentCells);
        table.add(line);
      }
    }
    return table;
  }
}
