package com.journeycoach.statistics;

import com.journeycoach.journey.ProspectDevelopment;
import com.journeycoach.settings.Durations;
import com.journeycoach.settings.Pace;
import com.journeycoach.settings.Thresholds;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The nudges each distributor received, for Insights, and how many were followed by the nudged action within their
 * window. A nudge is <em>followed</em> when, from the moment it was recorded until its window ends:
 *
 * <ul>
 *   <li>{@code SHARE_NOW}: an asset was shared with the prospect (a share sent); window: the share pace;
 *   <li>{@code CHECK_IN_ON_VIEW}: the prospect viewed a shared asset; window: the view pace;
 *   <li>{@code FOLLOW_UP_NOW}: a follow-up answer about the prospect was recorded; window: the follow-up pace;
 *   <li>{@code SEQUENCE_BEHIND_PACE}, and a sponsor's {@code JOURNEY_STALLED}: the prospect's journey moved (a share
 *       sent, an answer, a meeting held, a purchase or enrollment); window: {@code insights.nudge-window-days};
 *   <li>{@code ADD_FIRST_PROSPECTS}: the distributor added a prospect; window: {@code insights.nudge-window-days};
 *   <li>{@code OVER_ESTIMATING}: the close estimates the distributor gave in the window average lower than all they
 *       gave before the nudge; window: {@code insights.nudge-window-days};
 *   <li>a sponsor's {@code ENROLLEE_STALLED}: the enrollee became active (a prospect added, a share sent, an answer);
 *       window: {@code insights.nudge-window-days}.
 * </ul>
 *
 * Other kinds (product training, pairing tips, the weekly digest) ask for nothing the application records with a
 * time, so they count as received only. A nudge is <em>measured</em> once it was followed or its window ended; one
 * still in its window and not yet followed is neither. Windows are the thresholds' values now.
 */
@Service
public class NudgeFollowThrough {

  /** Received, measured and followed nudges of one kind, and the window the kind is given (ISO-8601). */
  public record Kind(String kind, String window, long received, long measured, long followed) {
  }

  /** A distributor's nudges: all received, those measured and those followed, and per kind. */
  public record Record(long received, long measured, long followed, List<Kind> kinds) {
    public static final Record NONE = new Record(0, 0, 0, List.of());
  }

  private static final String JOURNEY_MOVED = """
      (EXISTS (SELECT 1 FROM content_asset_share s WHERE s.prospect_id = n.prospect_id
                 AND s.shared_at >= n.created_at AND s.shared_at < TIMESTAMPADD(MINUTE, :window, n.created_at))
       OR EXISTS (SELECT 1 FROM journey_follow_up_answer f WHERE f.prospect_id = n.prospect_id
                 AND f.answered_at >= n.created_at AND f.answered_at < TIMESTAMPADD(MINUTE, :window, n.created_at))
       OR EXISTS (SELECT 1 FROM journey_touchpoint t WHERE t.prospect_id = n.prospect_id
                 AND t.kind IN ('MEETING_HELD', 'PURCHASED', 'ENROLLED')
                 AND t.occurred_at >= n.created_at AND t.occurred_at < TIMESTAMPADD(MINUTE, :window, n.created_at)))""";

  /** What following each measured kind means, as a condition on the nudge {@code n} and its window in minutes. */
  static final Map<String, String> FOLLOWED = Map.of(
      "SHARE_NOW", """
          EXISTS (SELECT 1 FROM content_asset_share s WHERE s.prospect_id = n.prospect_id
                  AND s.shared_at >= n.created_at AND s.shared_at < TIMESTAMPADD(MINUTE, :window, n.created_at))""",
      "CHECK_IN_ON_VIEW", """
          EXISTS (SELECT 1 FROM content_asset_share s WHERE s.prospect_id = n.prospect_id
                  AND s.first_viewed_at >= n.created_at AND s.first_viewed_at < TIMESTAMPADD(MINUTE, :window, n.created_at))""",
      "FOLLOW_UP_NOW", """
          EXISTS (SELECT 1 FROM journey_follow_up_answer f WHERE f.prospect_id = n.prospect_id
                  AND f.answered_at >= n.created_at AND f.answered_at < TIMESTAMPADD(MINUTE, :window, n.created_at))""",
      "SEQUENCE_BEHIND_PACE", JOURNEY_MOVED,
      "JOURNEY_STALLED", JOURNEY_MOVED,
      "ADD_FIRST_PROSPECTS", """
          EXISTS (SELECT 1 FROM people_prospect p WHERE p.distributor_id = n.recipient_id
                  AND p.created_at >= n.created_at AND p.created_at < TIMESTAMPADD(MINUTE, :window, n.created_at))""",
      "OVER_ESTIMATING", """
          (SELECT AVG(1.0 * f.close_estimate) FROM journey_follow_up_answer f WHERE f.distributor_id = n.recipient_id
             AND f.answered_at >= n.created_at AND f.answered_at < TIMESTAMPADD(MINUTE, :window, n.created_at))
          < (SELECT AVG(1.0 * b.close_estimate) FROM journey_follow_up_answer b WHERE b.distributor_id = n.recipient_id
             AND b.answered_at < n.created_at)""",
      "ENROLLEE_STALLED", """
          (EXISTS (SELECT 1 FROM people_prospect p WHERE p.distributor_id = n.distributor_id
                   AND p.created_at >= n.created_at AND p.created_at < TIMESTAMPADD(MINUTE, :window, n.created_at))
           OR EXISTS (SELECT 1 FROM content_asset_share s WHERE s.distributor_id = n.distributor_id
                   AND s.shared_at >= n.created_at AND s.shared_at < TIMESTAMPADD(MINUTE, :window, n.created_at))
           OR EXISTS (SELECT 1 FROM journey_follow_up_answer f WHERE f.distributor_id = n.distributor_id
                   AND f.answered_at >= n.created_at AND f.answered_at < TIMESTAMPADD(MINUTE, :window, n.created_at)))""");

  /** The kinds whose window is a step's pace, by the step. */
  static final Map<String, String> PACED = Map.of("SHARE_NOW", "share", "CHECK_IN_ON_VIEW", "view", "FOLLOW_UP_NOW", "follow-up");

  private final JdbcClient jdbc;
  private final Thresholds thresholds;
  private final Clock clock;

  public NudgeFollowThrough(JdbcClient jdbc, Thresholds thresholds, Clock clock) {
    this.jdbc = jdbc;
    this.thresholds = thresholds;
    this.clock = clock;
  }

  /** The window a nudge of the kind is given, now. */
  public Duration window(String kind) {
    String step = PACED.get(kind);
    return step != null ? Durations.parse(thresholds.get(Pace.name(ProspectDevelopment.KEY, step)).value())
        : Duration.ofDays(thresholds.number("insights.nudge-window-days").longValue());
  }

  /** The nudges of each given distributor, by id (every one of them, also without nudges). */
  public Map<String, Record> of(Set<String> distributorIds) {
    Map<String, Map<String, long[]>> counts = new HashMap<>();
    jdbc.sql("SELECT recipient_id, kind, COUNT(*) AS received FROM coaching_nudge GROUP BY recipient_id, kind")
        .query(rs -> {
          if (distributorIds.contains(rs.getString("recipient_id"))) {
            counts.computeIfAbsent(rs.getString("recipient_id"), id -> new TreeMap<>())
                .computeIfAbsent(rs.getString("kind"), k -> new long[3])[0] = rs.getLong("received");
          }
        });
    Map<String, String> windows = new LinkedHashMap<>();
    for (var kind : new TreeMap<>(FOLLOWED).entrySet()) {
      Duration window = window(kind.getKey());
      windows.put(kind.getKey(), window.toString());
      jdbc.sql("SELECT x.recipient_id, SUM(x.followed) AS followed,"
              + " SUM(CASE WHEN x.followed = 1 OR x.created_at < :cutoff THEN 1 ELSE 0 END) AS measured"
              + " FROM (SELECT n.recipient_id, n.created_at, CASE WHEN " + kind.getValue() + " THEN 1 ELSE 0 END AS followed"
              + " FROM coaching_nudge n WHERE n.kind = :kind) x GROUP BY x.recipient_id")
          .param("window", window.toMinutes())
          .param("cutoff", Timestamp.from(clock.instant().minus(window)))
          .param("kind", kind.getKey())
          .query(rs -> {
            Map<String, long[]> own = counts.get(rs.getString("recipient_id"));
            if (own != null && own.containsKey(kind.getKey())) {
              long[] c = own.get(kind.getKey());
              c[1] = rs.getLong("measured");
              c[2] = rs.getLong("followed");
            }
          });
    }
    Map<String, Record> records = new HashMap<>();
    for (String id : distributorIds) {
      Map<String, long[]> own = counts.getOrDefault(id, Map.of());
      List<Kind> kinds = new ArrayList<>();
      long[] total = new long[3];
      own.forEach((kind, c) -> {
        kinds.add(new Kind(kind, windows.get(kind), c[0], c[1], c[2]));
        for (int i = 0; i < 3; i++) {
          total[i] += c[i];
        }
      });
      kinds.sort(Comparator.comparing(Kind::kind));
      records.put(id, kinds.isEmpty() ? Record.NONE : new Record(total[0], total[1], total[2], List.copyOf(kinds)));
    }
    return records;
  }
}
