package com.journeycoach.statistics;

import com.journeycoach.content.AssetReviewProcess;
import com.journeycoach.settings.Thresholds;
import com.journeycoach.statistics.ContentDrift.Counts;
import java.time.Clock;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Runs {@link ContentDrift} over every active asset and starts an {@code asset-review} for each
 * asset that drifted, with the evidence in its variables.
 *
 * <p>Conversion after a view: a VIEWED touchpoint of the asset converts when the same prospect
 * has a PURCHASED or ENROLLED touchpoint within the conversion horizon after it. Only views
 * older than the horizon count (they have had their chance to convert). Views are aggregated
 * per asset and day in SQL; the watch window is the last {@code drift.watch-days} days of
 * matured views, the history the {@code drift.history-days} before it. An asset is not
 * reviewed twice for the same evidence: while a review is open nothing starts, and after a
 * review the watch window begins on the day that review started.
 *
 * <p>"Now" is the engine's clock, so a simulation in accelerated time sees its own present.
 */
@Service
public class ContentDriftCheck {

  public static final String REVIEW_PROCESS = AssetReviewProcess.KEY;
  public static final int DEFAULT_WATCH_DAYS = 90;
  public static final int DEFAULT_HISTORY_DAYS = 365;
  /** The defaults of the drift thresholds in V6; the simulation test measures these. */
  public static final ContentDrift.Settings DEFAULT_SETTINGS = new ContentDrift.Settings(0.25, 7.5, 1_000, 50);

  private static final Logger log = LoggerFactory.getLogger(ContentDriftCheck.class);

  /** One drift alert, as the review gets it. */
  public record Alert(String assetId, String assetTitle, ContentDrift.Assessment assessment, LocalDate changeSince,
                      double decisionLimit) {

    public Map<String, Object> variables() {
      Map<String, Object> variables = new LinkedHashMap<>();
      variables.put(AssetReviewProcess.ASSET_ID, assetId);
      variables.put(AssetReviewProcess.ASSET_TITLE, assetTitle);
      variables.put("historyViews", assessment.history().views());
      variables.put("historyConversions", assessment.history().conversions());
      variables.put("historyRate", assessment.history().rate());
      variables.put("recentViews", assessment.sinceChange().views());
      variables.put("recentConversions", assessment.sinceChange().conversions());
      variables.put("recentRate", assessment.sinceChange().rate());
      variables.put("changeSince", changeSince.toString());
      variables.put("cusum", assessment.statistic());
      variables.put("decisionLimit", decisionLimit);
      variables.put("probabilityLower", assessment.probability());
      variables.put(AssetReviewProcess.EVIDENCE, evidence());
      return variables;
    }

    public String evidence() {
      return String.format(Locale.ROOT,
          "Since %s: %d views, %d converted (%.1f %%); before: %d views, %d converted (%.1f %%). "
              + "Probability the rate is now lower: %.4f. CUSUM %.1f reached the limit %.1f.",
          changeSince, assessment.sinceChange().views(), assessment.sinceChange().conversions(),
          100 * assessment.sinceChange().rate(), assessment.history().views(), assessment.history().conversions(),
          100 * assessment.history().rate(), assessment.probability(), assessment.statistic(), decisionLimit);
    }
  }

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Thresholds thresholds;
  private final RuntimeService runtime;
  private final HistoryService history;

  public ContentDriftCheck(JdbcClient jdbc, Thresholds thresholds, RuntimeService runtime, HistoryService history, Clock clock) {
    this.clock = clock;
    this.jdbc = jdbc;
    this.thresholds = thresholds;
    this.runtime = runtime;
    this.history = history;
  }

  /** Assesses every active asset and starts a review for each that drifted; returns the alerts raised. */
  public List<Alert> checkAndStartReviews() {
    List<Alert> alerts = assess();
    for (Alert alert : alerts) {
      runtime.startProcessInstanceByKey(REVIEW_PROCESS, alert.assetId(), alert.variables());
      log.info("Content drift of asset '{}': {}", alert.assetId(), alert.evidence());
    }
    return alerts;
  }

  /** How the test decides now, from the thresholds (by default {@link #DEFAULT_SETTINGS}). */
  public ContentDrift.Settings settings() {
    return new ContentDrift.Settings(
        thresholds.number("drift.relative-drop").doubleValue(),
        thresholds.number("drift.decision-limit").doubleValue(),
        thresholds.number("drift.min-history-views").longValue(),
        thresholds.number("drift.min-history-conversions").longValue());
  }

  /** The alerts for assets without an open review, from the views in the database. */
  public List<Alert> assess() {
    Window window = window();
    List<Alert> alerts = new ArrayList<>();
    for (String assetId : window.daily().keySet()) {
      Optional<HistoricProcessInstance> review = latestReview(assetId);
      if (review.isPresent() && review.get().getEndTime() == null) {
        continue;
      }
      Watch watch = watch(window, assetId, review);
      if (watch.state() == DriftState.DRIFTED) {
        alerts.add(new Alert(assetId, window.titles().get(assetId), watch.assessment(), watch.changeSince(),
            window.settings().decisionLimit()));
      }
    }
    alerts.sort((a, b) -> a.assetId().compareTo(b.assetId()));
    return alerts;
  }

  /** Where the check stands on an asset: too little history to judge, watching, or drifted. */
  public enum DriftState { NOT_ENOUGH_HISTORY, WATCHING, DRIFTED }

  /**
   * The check's view of one asset as it would judge it now (also while its review is open): the first day of its
   * watch window, the CUSUM after each day from then on (up to the alert), the estimated change day when it drifted.
   */
  public record Watch(String assetId, DriftState state, LocalDate watchStart, List<Double> cusum, LocalDate changeSince,
                      double decisionLimit, ContentDrift.Assessment assessment) {
  }

  /** The watch of every active asset with matured views in the history or watch window, by asset id. */
  public Map<String, Watch> watches() {
    Window window = window();
    Map<String, Watch> watches = new TreeMap<>();
    for (String assetId : window.daily().keySet()) {
      watches.put(assetId, watch(window, assetId, latestReview(assetId)));
    }
    return watches;
  }

  /** The settings, windows and daily matured views and conversions of every active asset. */
  private record Window(ContentDrift.Settings settings, LocalDate historyStart, LocalDate watchStart, LocalDate matureEnd,
                        Map<String, String> titles, Map<String, TreeMap<LocalDate, Counts>> daily) {
  }

  private Window window() {
    ContentDrift.Settings settings = settings();
    int watchDays = thresholds.number("drift.watch-days").intValue();
    int historyDays = thresholds.number("drift.history-days").intValue();
    int horizonDays = thresholds.number("drift.conversion-horizon-days").intValue();

    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    LocalDate matureEnd = today.minusDays(horizonDays);              // exclusive
    LocalDate watchStart = matureEnd.minusDays(watchDays);
    LocalDate historyStart = watchStart.minusDays(historyDays);

    Map<String, String> titles = new HashMap<>();
    Map<String, TreeMap<LocalDate, Counts>> daily = new HashMap<>();
    jdbc.sql("""
            SELECT v.asset_id, a.title, CAST(v.occurred_at AS DATE) AS view_day, COUNT(*) AS views,
                   SUM(CASE WHEN EXISTS (SELECT 1 FROM journey_touchpoint o WHERE o.prospect_id = v.prospect_id
                         AND o.kind IN ('PURCHASED', 'ENROLLED') AND o.occurred_at >= v.occurred_at
                         AND o.occurred_at < TIMESTAMPADD(DAY, ?, v.occurred_at)) THEN 1 ELSE 0 END) AS conversions
            FROM journey_touchpoint v JOIN content_asset a ON a.id = v.asset_id
            WHERE v.kind = 'VIEWED' AND a.status = 'ACTIVE' AND v.occurred_at >= ? AND v.occurred_at < ?
            GROUP BY v.asset_id, a.title, CAST(v.occurred_at AS DATE)""")
        .params(horizonDays, Timestamp.valueOf(historyStart.atStartOfDay()), Timestamp.valueOf(matureEnd.atStartOfDay()))
        .query(rs -> {
          String assetId = rs.getString("asset_id");
          titles.put(assetId, rs.getString("title"));
          daily.computeIfAbsent(assetId, id -> new TreeMap<>())
              .put(rs.getDate("view_day").toLocalDate(), new Counts(rs.getLong("views"), rs.getLong("conversions")));
        });
    return new Window(settings, historyStart, watchStart, matureEnd, titles, daily);
  }

  private Optional<HistoricProcessInstance> latestReview(String assetId) {
    return history.createHistoricProcessInstanceQuery()
        .processDefinitionKey(REVIEW_PROCESS).processInstanceBusinessKey(assetId)
        .orderByProcessInstanceStartTime().desc().listPage(0, 1).stream().findFirst();
  }

  /** After a finished review the watch starts on the day that review started. */
  private static Watch watch(Window window, String assetId, Optional<HistoricProcessInstance> review) {
    LocalDate assetWatchStart = window.watchStart();
    if (review.isPresent() && review.get().getEndTime() != null) {
      LocalDate reviewed = LocalDate.ofInstant(review.get().getStartTime().toInstant(), ZoneOffset.UTC);
      if (reviewed.isAfter(assetWatchStart)) {
        assetWatchStart = reviewed.isBefore(window.matureEnd()) ? reviewed : window.matureEnd();
      }
    }
    Counts before = Counts.NONE;
    List<Counts> days = new ArrayList<>();
    Map<LocalDate, Counts> daily = window.daily().getOrDefault(assetId, new TreeMap<>());
    for (LocalDate day = window.historyStart(); day.isBefore(window.matureEnd()); day = day.plusDays(1)) {
      Counts counts = daily.getOrDefault(day, Counts.NONE);
      if (day.isBefore(window.watchStart())) {
        before = before.plus(counts);
      } else if (!day.isBefore(assetWatchStart)) {
        days.add(counts);
      }
    }
    List<Double> path = new ArrayList<>();
    ContentDrift.Assessment assessment = ContentDrift.assess(before, days, window.settings(), path);
    DriftState state = !assessment.judged() ? DriftState.NOT_ENOUGH_HISTORY
        : assessment.drifted() ? DriftState.DRIFTED : DriftState.WATCHING;
    return new Watch(assetId, state, assetWatchStart, List.copyOf(path),
        assessment.drifted() ? assetWatchStart.plusDays(assessment.changeDay()) : null, window.settings().decisionLimit(), assessment);
  }
}
