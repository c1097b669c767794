package com.journeycoach.statistics;

import com.journeycoach.settings.Thresholds;
import com.journeycoach.statistics.ContentDrift.Counts;
import com.journeycoach.statistics.ContentDriftCheck.DriftState;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The leading indicator of a failing asset: has the purchase intent stated after its view dropped? The same Bernoulli
 * CUSUM as the conversion drift ({@link ContentDrift}), on the follow-up answers instead of the purchases: an answer
 * to a share of the asset "states intent" when its purchase intent is MEDIUM or HIGH. Answers are aggregated per
 * asset and day in SQL; the watch window is the last {@code drift.watch-days} days up to yesterday, the history the
 * {@code drift.history-days} before it. Unlike a purchase, an answer needs no horizon to mature: it is given within
 * the follow-up pace of the view, so the test sees a change about two weeks before the conversion drift can.
 *
 * <p>Shown in Insights only; it starts no review (the conversion drift does). "Now" is the engine's clock.
 */
@Service
public class IntentDriftCheck {

  /** The defaults of the intent drift thresholds in V27; {@code IntentDriftSimulationTest} measures these. */
  public static final ContentDrift.Settings DEFAULT_SETTINGS = new ContentDrift.Settings(0.25, 9.0, 500, 50);
  /** The purchase intents that count as stated intent. */
  public static final List<String> STATED = List.of("MEDIUM", "HIGH");

  /** Where the test stands on one asset; {@code cusum[i]} is the sum after the day {@code watchStart + i}. */
  public record Watch(String assetId, DriftState state, LocalDate watchStart, List<Double> cusum, LocalDate changeSince,
                      double decisionLimit, ContentDrift.Assessment assessment) {
  }

  private final JdbcClient jdbc;
  private final Thresholds thresholds;
  private final Clock clock;

  public IntentDriftCheck(JdbcClient jdbc, Thresholds thresholds, Clock clock) {
    this.jdbc = jdbc;
    this.thresholds = thresholds;
    this.clock = clock;
  }

  public ContentDrift.Settings settings() {
    return new ContentDrift.Settings(
        thresholds.number("intent-drift.relative-drop").doubleValue(),
        thresholds.number("intent-drift.decision-limit").doubleValue(),
        thresholds.number("intent-drift.min-history-answers").longValue(),
        thresholds.number("intent-drift.min-history-intents").longValue());
  }

  /** The watch of every active asset with answers in the history or watch window, by asset id. */
  public Map<String, Watch> watches() {
    ContentDrift.Settings settings = settings();
    int watchDays = thresholds.number("drift.watch-days").intValue();
    int historyDays = thresholds.number("drift.history-days").intValue();
    LocalDate end = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);   // exclusive: today is not over
    LocalDate watchStart = end.minusDays(watchDays);
    LocalDate historyStart = watchStart.minusDays(historyDays);

    Map<String, TreeMap<LocalDate, Counts>> daily = new HashMap<>();
    jdbc.sql("""
            SELECT s.asset_id, CAST(f.answered_at AS DATE) AS answer_day, COUNT(*) AS answers,
                   SUM(CASE WHEN f.purchase_intent IN ('MEDIUM', 'HIGH') THEN 1 ELSE 0 END) AS intents
            FROM journey_follow_up_answer f
            JOIN content_asset_share s ON s.id = f.share_id
            JOIN content_asset a ON a.id = s.asset_id
            WHERE a.status = 'ACTIVE' AND f.answered_at >= ? AND f.answered_at < ?
            GROUP BY s.asset_id, CAST(f.answered_at AS DATE)""")
        .params(Timestamp.valueOf(historyStart.atStartOfDay()), Timestamp.valueOf(end.atStartOfDay()))
        .query(rs -> {
          daily.computeIfAbsent(rs.getString("asset_id"), id -> new TreeMap<>())
              .put(rs.getDate("answer_day").toLocalDate(), new Counts(rs.getLong("answers"), rs.getLong("intents")));
        });

    Map<String, Watch> watches = new TreeMap<>();
    daily.forEach((assetId, days) -> {
      Counts history = Counts.NONE;
      List<Counts> watched = new ArrayList<>();
      for (LocalDate day = historyStart; day.isBefore(end); day = day.plusDays(1)) {
        Counts counts = days.getOrDefault(day, Counts.NONE);
        if (day.isBefore(watchStart)) {
          history = history.plus(counts);
        } else {
          watched.add(counts);
        }
      }
      List<Double> path = new ArrayList<>();
      ContentDrift.Assessment assessment = ContentDrift.assess(history, watched, settings, path);
      DriftState state = !assessment.judged() ? DriftState.NOT_ENOUGH_HISTORY
          : assessment.drifted() ? DriftState.DRIFTED : DriftState.WATCHING;
      watches.put(assetId, new Watch(assetId, state, watchStart, List.copyOf(path),
          assessment.drifted() ? watchStart.plusDays(assessment.changeDay()) : null, settings.decisionLimit(), assessment));
    });
    return watches;
  }
}
