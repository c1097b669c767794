package com.journeycoach.statistics.insights;

import com.journeycoach.statistics.ContentInsights;
import com.journeycoach.statistics.ContentInsights.AssetRow;
import com.journeycoach.statistics.ContentInsights.AudienceRow;
import com.journeycoach.statistics.ContentInsights.Report;
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
 * {@code GET .../content} (JSON) and {@code .../content/csv}: each asset per audience of the prospects it was shared
 * with, and where the drift check stands on it; optional {@code asset} (an asset id) and {@code audience} (an
 * audience's name). Only {@code managers} and {@code camunda-admin} may read them; bad parameters get a 400 problem
 * naming the parameter.
 */
public class ContentResource extends AbstractCockpitPluginResource {

  static final String ASSET = "asset";
  static final String AUDIENCE = "audience";
  static final Set<String> PARAMETERS = Set.of(ASSET, AUDIENCE);

  private final ContentInsights insights;
  private final UriInfo request;

  public ContentResource(String engineName, ContentInsights insights, UriInfo request) {
    super(engineName);
    this.insights = insights;
    this.request = request;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response content() {
    return answer(report -> Response.ok(report, MediaType.APPLICATION_JSON_TYPE).build());
  }

  @GET
  @Path("csv")
  @Produces("text/csv")
  public Response contentCsv() {
    return answer(report -> InsightsAccess.csv("content.csv", table(report)));
  }

  private Response answer(Function<Report, Response> body) {
    MultivaluedMap<String, String> parameters = request.getQueryParameters();
    Optional<Response> refused = InsightsAccess.refusal(getCurrentAuthentication(), parameters, PARAMETERS)
        .or(() -> InsightsAccess.invalidId(parameters, ASSET, "an asset id"))
        .or(() -> InsightsAccess.invalidId(parameters, AUDIENCE, "an audience"));
    if (refused.isPresent()) {
      return refused.get();
    }
    try {
      return body.apply(insights.report(InsightsAccess.single(parameters, ASSET), InsightsAccess.single(parameters, AUDIENCE)));
    } catch (ContentInsights.UnknownException e) {
      return InsightsProblems.invalid(e.getMessage(), e.parameter() + ": no such " + e.parameter());
    }
  }

  static List<List<Object>> table(Report report) {
    List<List<Object>> table = new ArrayList<>();
    table.add(List.of("asset", "title", "audience", "shares", "viewed", "view_rate", "median_hours_to_view", "closed", "converted",
        "conversion_mean", "conversion_90_lower", "conversion_90_upper", "drift_state", "cusum", "decision_limit", "change_since",
        "open_review"));
    for (AssetRow asset : report.assets()) {
      var drift = asset.drift();
      List<Object> driftCells = List.of(drift.state(),
          drift.cusum().isEmpty() ? "" : drift.cusum().get(drift.cusum().size() - 1),
          DistributorsResource.blankIfNull(drift.decisionLimit()), DistributorsResource.blankIfNull(drift.changeSince()),
          asset.review() == null ? "" : asset.review().processInstanceId());
      for (AudienceRow row : asset.audiences()) {
        List<Object> line = new ArrayList<>(List.of(asset.id(), asset.title(), row.audience(), row.shares(), row.viewed(),
            DistributorsResource.blankIfNull(row.viewRate()), DistributorsResource.blankIfNull(row.medianHoursToView()), row.closed(),
            row.converted(), row.mean(), row.lower(), row.upper()));
        line.addAll(driftCells);
        table.add(line);
      }
    }
    return table;
  }
}
