package com.journeycoach.statistics;

import com.journeycoach.content.AssetReviewProcess;
import com.journeycoach.people.Audience;
import com.journeycoach.statistics.ContentDriftCheck.DriftState;
import com.journeycoach.statistics.ContentDriftCheck.Watch;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.statistics.descriptive.Median;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What managers see of each asset in Cockpit's Insights, per audience of the prospects it was shared with: shares,
 * the share of them viewed, the median time from share to first view, and the conversion of those prospects (won or
 * enrolled out of their closed journeys) with a 90 % credible interval from a uniform prior; per asset, where the
 * drift check stands ({@link ContentDriftCheck#watches()}: its CUSUM path and change day) and its open review.
 */
@Service
public class ContentInsights {

  /** Prospects of an audience an asset was shared with, and what came of the shares and the journeys. */
  public record AudienceRow(String audience, long shares, long viewed, Double viewRate, Double medianHoursToView, long closed,
                            long converted, Double mean, Double lower, Double upper) {
  }

  /**
   * Where the drift check stands on the asset; {@code cusum[i]} is the sum after the day {@code watchStart + i}. Days
   * as ISO dates (Cockpit's JSON knows no java.time).
   */
  public record Drift(String state, String watchStart, List<Double> cusum, String changeSince, Double decisionLimit) {
  }

  /** The asset's open review, if any: its process instance, and its open task when there is one. */
  public record Review(String processInstanceId, String taskId, String taskName) {
  }

  public record AssetRow(String id, String title, String status, List<AudienceRow> audiences, Drift drift, Review review) {
  }

  public record Report(List<AssetRow> assets) {
  }

  /** The drift state of an asset the check does not watch (retired, or not active yet). */
  public static final String NOT_WATCHED = "NOT_WATCHED";

  /** An asset or audience that does not exist; the resource answers it with 400 naming the parameter. */
  public static class UnknownException extends RuntimeException {
    private final String parameter;

    public UnknownException(String parameter, String message) {
      super(message);
      this.parameter = parameter;
    }

    public String parameter() {
      return parameter;
    }
  }

  private final JdbcClient jdbc;
  private final ContentDriftCheck drift;
  private final RuntimeService runtime;
  private final TaskService tasks;

  public ContentInsights(JdbcClient jdbc, ContentDriftCheck drift, RuntimeService runtime, TaskService tasks) {
    this.jdbc = jdbc;
    this.drift = drift;
    this.runtime = runtime;
    this.tasks = tasks;
  }

  /** Every asset, or only {@code asset}; every audience, or only {@code audience}. */
  public Report report(Optional<String> asset, Optional<String> audience) {
    if (audience.isPresent() && Arrays.stream(Audience.values()).noneMatch(a -> a.name().equals(audience.get()))) {
      throw new UnknownException("audience", "The audience is not one of the prospects' audiences");
    }
    Map<String, String[]> assets = new LinkedHashMap<>();
    jdbc.sql("SELECT id, title, status FROM content_asset ORDER BY title, id")
        .query(rs -> {
          assets.put(rs.getString("id"), new String[] {rs.getString("title"), rs.getString("status")});
        });
    if (asset.isPresent() && !assets.containsKey(asset.get())) {
      throw new UnknownException("asset", "No asset has the id given as asset");
    }

    // shares confirmed as sent, per asset and audience: how many were viewed, and the minutes to the first view
    Map<String, long[]> shares = new HashMap<>();
    Map<String, List<Double>> minutesToView = new HashMap<>();
    jdbc.sql("""
            SELECT s.asset_id, p.audience, s.first_viewed_at IS NOT NULL AS viewed,
                   TIMESTAMPDIFF(MINUTE, s.shared_at, s.first_viewed_at) AS minutes
            FROM content_asset_share s JOIN people_prospect p ON p.id = s.prospect_id
            WHERE s.shared_at IS NOT NULL""")
        .query(rs -> {
          String key = rs.getString("asset_id") + "\n" + rs.getString("audience");
          long[] counts = shares.computeIfAbsent(key, k -> new long[2]);
          counts[0]++;
          if (rs.getBoolean("viewed")) {
            counts[1]++;
            // a view recorded before the share was confirmed counts as no time at all
            minutesToView.computeIfAbsent(key, k -> new ArrayList<>()).add(Math.max(0, rs.getLong("minutes")) * 1.0);
          }
        });
    // each prospect once per asset, however often it was shared with them
    Map<String, long[]> journeys = new HashMap<>();
    jdbc.sql("""
            SELECT x.asset_id, p.audience, p.status, COUNT(*) AS prospects
            FROM (SELECT DISTINCT asset_id, prospect_id FROM content_asset_share WHERE shared_at IS NOT NULL) x
            JOIN people_prospect p ON p.id = x.prospect_id
            WHERE p.status IN ('WON', 'ENROLLED', 'LOST')
            GROUP BY x.asset_id, p.audience, p.status""")
        .query(rs -> {
          long[] record = journeys.computeIfAbsent(rs.getString("asset_id") + "\n" + rs.getString("audience"), k -> new long[2]);
          long prospects = rs.getLong("prospects");
          record[0] += prospects;
          if (!rs.getString("status").equals("LOST")) {
            record[1] += prospects;
          }
        });

    Map<String, Watch> watches = drift.watches();
    Map<String, Review> reviews = openReviews();
    List<AssetRow> rows = new ArrayList<>();
    for (var entry : assets.entrySet()) {
      String id = entry.getKey();
      if (asset.isPresent() && !asset.get().equals(id)) {
        continue;
      }
      List<AudienceRow> audiences = new ArrayList<>();
      for (Audience a : Audience.values()) {
        if (audience.isPresent() && !audience.get().equals(a.name())) {
          continue;
        }
        String key = id + "\n" + a.name();
        long[] counts = shares.getOrDefault(key, new long[2]);
        long[] record = journeys.getOrDefault(key, new long[2]);
        if (counts[0] == 0 && record[0] == 0) {
          continue;
        }
        List<Double> minutes = minutesToView.getOrDefault(key, List.of());
        Double median = minutes.isEmpty() ? null
            : Median.withDefaults().evaluate(minutes.stream().mapToDouble(Double::doubleValue).toArray()) / 60.0;
        // a uniform prior: the asset's own record, not shrunk toward the catalog's
        BetaDistribution posterior = BetaDistribution.of(1.0 + record[1], 1.0 + record[0] - record[1]);
        audiences.add(new AudienceRow(a.name(), counts[0], counts[1], counts[0] == 0 ? null : (double) counts[1] / counts[0], median,
            record[0], record[1], posterior.getMean(), posterior.inverseCumulativeProbability(TeamShrinkage.LOWER_QUANTILE),
            posterior.inverseCumulativeProbability(TeamShrinkage.UPPER_QUANTILE)));
      }
      String status = entry.getValue()[1];
      Watch watch = watches.get(id);
      Drift state = watch != null ? new Drift(watch.state().name(), watch.watchStart().toString(), watch.cusum(),
          Optional.ofNullable(watch.changeSince()).map(LocalDate::toString).orElse(null), watch.decisionLimit())
          : new Drift("ACTIVE".equals(status) ? DriftState.NOT_ENOUGH_HISTORY.name() : NOT_WATCHED, null, List.of(), null, null);
      rows.add(new AssetRow(id, entry.getValue()[0], status, audiences, state, reviews.get(id)));
    }
    return new Report(rows);
  }

  /** The open review of each asset under review, by asset id: two queries, whatever the catalog's size. */
  private Map<String, Review> openReviews() {
    Map<String, Task> newestTask = new HashMap<>();
    for (Task task : tasks.createTaskQuery().processDefinitionKey(AssetReviewProcess.KEY).active().orderByTaskCreateTime().desc()
        .list()) {
      newestTask.putIfAbsent(task.getProcessInstanceId(), task);
    }
    Map<String, Review> reviews = new HashMap<>();
    for (ProcessInstance review : runtime.createProcessInstanceQuery().processDefinitionKey(AssetReviewProcess.KEY).active()
        .orderByProcessInstanceId().asc().list()) {
      Task task = newestTask.get(review.getId());
      reviews.putIfAbsent(review.getBusinessKey(),
          new Review(review.getId(), task == null ? null : task.getId(), task == null ? null : task.getName()));
    }
    return reviews;
  }
}
