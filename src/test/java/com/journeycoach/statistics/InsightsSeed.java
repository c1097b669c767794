package com.journeycoach.statistics;

import com.journeycoach.TestUsers;
import com.journeycoach.content.Catalog;
import com.journeycoach.content.SampleCatalog;
import com.journeycoach.people.Distributors;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A sponsor line of known figures for the Insights tests, written as rows (prospects, shares, answers, meetings,
 * nudges) the way the journeys leave them, and the figures Insights should show, computed here from the raw tables
 * with plain SQL and the formula of docs/statistics.md, independently of {@link DistributorInsights}.
 *
 * <p>The sponsor's downline: {@code steady} (12 of 40 closed journeys converted), {@code struggling} (0 of 60),
 * {@code excelling} (36 of 40), {@code middling} (10 of 40) and, enrolled by {@code steady}, {@code late} (5 of 20).
 * Close estimates run from each distributor's base upward ({@code struggling} and {@code excelling} estimate high); a
 * prospect whose meeting was held got a second, later answer. {@code late} received nudges of known outcome
 * ({@link #nudgeLate}).
 */
public final class InsightsSeed {

  public final String sponsor;
  public final Map<String, String> distributors = new LinkedHashMap<>();
  private final JdbcClient jdbc;
  public final String assetId;
  private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  private InsightsSeed(JdbcClient jdbc, String prefix, String assetId) {
    this.jdbc = jdbc;
    this.sponsor = prefix + "-sponsor";
    this.assetId = assetId;
  }

  public static InsightsSeed plant(JdbcClient jdbc, Distributors people, Catalog catalog, SampleCatalog sample) {
    sample.loadIfEmpty();
    String prefix = "ins-" + UUID.randomUUID().toString().substring(0, 6);
    InsightsSeed seed = new InsightsSeed(jdbc, prefix, catalog.activeInSequence().get(0).id());
    TestUsers.ensureDistributor(people, seed.sponsor, null);
    seed.add(people, prefix + "-steady", seed.sponsor, 12, 28, 5, 20);
    seed.add(people, prefix + "-struggling", seed.sponsor, 0, 60, 3, 60);
    seed.add(people, prefix + "-excelling", seed.sponsor, 36, 4, 2, 70);
    seed.add(people, prefix + "-middling", seed.sponsor, 10, 30, 0, 30);
    seed.add(people, prefix + "-late", prefix + "-steady", 5, 15, 6, 10);
    seed.nudgeLate();
    return seed;
  }

  public String id(String role) {
    return distributors.keySet().stream().filter(id -> id.endsWith("-" + role)).findFirst().orElseThrow();
  }

  /**
   * A distributor with converted (won, or enrolled every third), lost and active prospects. The i-th prospect of
   * each outcome reaches the funnel's step i % 5 (0 none, 1 shared, 2 viewed, 3 answered, 4 meeting held); an
   * active one is shared, late by a day beyond the share pace every other time. Each distributor gets a nudge per
   * active prospect.
   */
  private void add(Distributors people, String id, String sponsorId, int converted, int lost, int active, int estimateBase) {
    TestUsers.ensureDistributor(people, id, sponsorId);
    distributors.put(id, sponsorId);
    // the forecast record as the journeys keep it: per closed journey with an answer, its last estimate
    long[] record = new long[3];
    for (int i = 0; i < converted; i++) {
      Integer estimate = prospect(id, i % 3 == 2 ? "ENROLLED" : "WON", i % 5, i, estimateBase);
      if (estimate != null) {
        record[0]++;
        record[1] += estimate;
        record[2]++;
      }
    }
    for (int i = 0; i < lost; i++) {
      Integer estimate = prospect(id, "LOST", i % 5, i, estimateBase);
      if (estimate != null) {
        record[0]++;
        record[1] += estimate;
      }
    }
    people.addToForecastRecord(id, (int) record[0], record[1], (int) record[2]);
    for (int i = 0; i < active; i++) {
      prospect(id, "ACTIVE", 1, i, estimateBase);
      jdbc.sql("INSERT INTO nudge (id, recipient_id, audience, kind, prospect_id, journey_id, message_key, priority, reason,"
              + " created_at) VALUES (?, ?, 'DISTRIBUTOR', 'FOLLOW_UP_NOW', NULL, NULL, 'nudge.follow-up-now', 1, 'Follow-up overdue', ?)")
          .params(UUID.randomUUID().toString(), id, Timestamp.from(now)).update();
    }
  }

  /** A prospect reaching the step; the close estimate of its last answer, if it got one. */
  private Integer prospect(String distributorId, String status, int reached, int i, int estimateBase) {
    String prospectId = UUID.randomUUID().toString();
    Instant added = now.minus(Duration.ofDays(40));
    jdbc.sql("INSERT INTO prospect (id, distributor_id, first_name, last_name, audience, personality, status, created_at, updated_at)"
            + " VALUES (?, ?, 'Seeded', 'Prospect', 'PRODUCT_CUSTOMER', NULL, ?, ?, ?)")
        .params(prospectId, distributorId, status, Timestamp.from(added), Timestamp.from(now)).update();
    if (reached == 0) {
      return null;
    }
    String shareId = UUID.randomUUID().toString();
    // shared within the share pace (P2D), or a day beyond it
    Instant shared = added.plus(Duration.ofHours(i % 2 == 0 ? 10 : 72));
    Instant viewed = reached >= 2 ? shared.plus(Duration.ofHours(20)) : null;
    jdbc.sql("INSERT INTO asset_share (id, token, prospect_id, asset_id, distributor_id, channel, created_at, shared_at,"
            + " first_viewed_at, view_count) VALUES (?, ?, ?, ?, ?, 'SMS', ?, ?, ?, ?)")
        .params(shareId, UUID.randomUUID().toString().replace("-", ""), prospectId, assetId, distributorId, Timestamp.from(added),
            Timestamp.from(shared), viewed == null ? null : Timestamp.from(viewed), viewed == null ? 0 : 1).update();
    Integer estimate = null;
    if (reached >= 3) {
      estimate = Math.min(100, estimateBase + (i * 7) % 30);
      answer(shareId, prospectId, distributorId, i % 5 - 2, INTENTS.get(i % 4), estimate, viewed.plus(Duration.ofHours(5)), 1);
    }
    if (reached >= 4) {
      // a second answer a day later, the last one: its estimate is the journey's
      estimate = Math.min(100, estimate + 10);
      answer(shareId, prospectId, distributorId, 2 - i % 3, INTENTS.get((i + 1) % 4), estimate, viewed.plus(Duration.ofHours(29)), 2);
    }
    if (reached >= 4) {
      String touchpointId = UUID.randomUUID().toString();
      jdbc.sql("INSERT INTO touchpoint (id, idempotency_key, prospect_id, asset_id, share_id, kind, source, occurred_at, recorded_at,"
              + " journey_effect, sequence_number) VALUES (?, ?, ?, NULL, NULL, 'MEETING_HELD', 'journey', ?, ?, 'JOURNEY_MOVED_ON', 1)")
          .params(touchpointId, "seed:" + touchpointId, prospectId, Timestamp.from(viewed.plus(Duration.ofDays(2))),
              Timestamp.from(viewed.plus(Duration.ofDays(2)))).update();
    }
    return estimate;
  }

  static final List<String> INTENTS = List.of("NONE", "LOW", "MEDIUM", "HIGH");

  private void answer(String shareId, String prospectId, String distributorId, int interest, String intent, int estimate, Instant at,
                      int number) {
    jdbc.sql("INSERT INTO follow_up_answer (id, share_id, prospect_id, distributor_id, interest_change, purchase_intent,"
            + " close_estimate, notes, answered_at, answer_number) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)")
        .params(UUID.randomUUID().toString(), shareId, prospectId, distributorId, interest, intent, estimate, Timestamp.from(at), number)
        .update();
  }

  /**
   * Nudges of known outcome for {@code late}, about its prospects that got answers: per prospect a SHARE_NOW an hour
   * before its share (followed), a CHECK_IN_ON_VIEW four days before its view (past the view pace: not followed), a
   * FOLLOW_UP_NOW two hours before its first answer (followed), a PAIRING_TIP (not measured); and an
   * ADD_FIRST_PROSPECTS two days before its prospects were added (followed), an OVER_ESTIMATING an hour ago (its window
   * still open, not yet followed: not measured).
   */
  private void nudgeLate() {
    String id = id("late");
    for (Map<String, Object> row : jdbc.sql("SELECT s.prospect_id, s.shared_at, s.first_viewed_at, MIN(f.answered_at) AS answered_at"
        + " FROM asset_share s JOIN follow_up_answer f ON f.share_id = s.id WHERE s.distributor_id = ?"
        + " GROUP BY s.prospect_id, s.shared_at, s.first_viewed_at").param(id).query().listOfRows()) {
      String prospectId = (String) row.get("PROSPECT_ID");
      nudge(id, "SHARE_NOW", prospectId, ((Timestamp) row.get("SHARED_AT")).toInstant().minus(Duration.ofHours(1)));
      nudge(id, "CHECK_IN_ON_VIEW", prospectId, ((Timestamp) row.get("FIRST_VIEWED_AT")).toInstant().minus(Duration.ofDays(4)));
      nudge(id, "FOLLOW_UP_NOW", prospectId, ((Timestamp) row.get("ANSWERED_AT")).toInstant().minus(Duration.ofHours(2)));
      nudge(id, "PAIRING_TIP", prospectId, now.minus(Duration.ofDays(30)));
    }
    nudge(id, "ADD_FIRST_PROSPECTS", null, now.minus(Duration.ofDays(42)));
    nudge(id, "OVER_ESTIMATING", null, now.minus(Duration.ofHours(1)));
  }

  private void nudge(String recipient, String kind, String prospectId, Instant at) {
    jdbc.sql("INSERT INTO nudge (id, recipient_id, audience, kind, prospect_id, journey_id, message_key, priority, reason,"
            + " created_at) VALUES (?, ?, 'DISTRIBUTOR', ?, ?, NULL, ?, 2, 'seeded', ?)")
        .params(UUID.randomUUID().toString(), recipient, kind, prospectId, "coaching." + kind.toLowerCase(), Timestamp.from(at)).update();
  }

  /** The funnel of a set of distributors, counted from the raw rows: each prospect at every step up to its furthest. */
  public Map<String, Long> funnelOf(List<String> ids) {
    Map<String, Long> funnel = new LinkedHashMap<>();
    for (String stage : DistributorInsights.STAGES) {
      funnel.put(stage, 0L);
    }
    for (String id : ids) {
      for (Map<String, Object> prospect : jdbc.sql("SELECT id, status FROM prospect WHERE distributor_id = ?").param(id).query()
          .listOfRows()) {
        String prospectId = (String) prospect.get("ID");
        String status = (String) prospect.get("STATUS");
        boolean won = status.equals("WON") || status.equals("ENROLLED");
        boolean met = won || count("SELECT COUNT(*) FROM touchpoint WHERE prospect_id = ? AND kind = 'MEETING_HELD'", prospectId) > 0;
        boolean answered = met || count("SELECT COUNT(*) FROM follow_up_answer WHERE prospect_id = ?", prospectId) > 0;
        boolean viewed = answered || count("SELECT COUNT(*) FROM asset_share WHERE prospect_id = ? AND first_viewed_at IS NOT NULL",
            prospectId) > 0;
        boolean shared = viewed || count("SELECT COUNT(*) FROM asset_share WHERE prospect_id = ? AND shared_at IS NOT NULL",
            prospectId) > 0;
        boolean[] reached = {true, shared, viewed, answered, met, won};
        for (int s = 0; s < reached.length; s++) {
          if (reached[s]) {
            funnel.merge(DistributorInsights.STAGES.get(s), 1L, Long::sum);
          }
        }
      }
    }
    return funnel;
  }

  private long count(String sql, String prospectId) {
    return jdbc.sql(sql).param(prospectId).query(Long.class).single();
  }

  /**
   * The flag of every seeded distributor, from the raw rows of the whole team: the team's rate (converted + 1) /
   * (closed + 2) over every distributor, a Beta prior of that mean weighing {@code priorWeight} journeys, and the
   * posterior probability of converting below (above) it against {@code flagProbability}.
   */
  public Map<String, String> expectedFlags(double priorWeight, double flagProbability) {
    Map<String, long[]> records = new HashMap<>();
    long teamClosed = 0;
    long teamConverted = 0;
    for (Map<String, Object> row : jdbc.sql("SELECT distributor_id, status, COUNT(*) AS n FROM prospect"
        + " WHERE status IN ('WON', 'ENROLLED', 'LOST') GROUP BY distributor_id, status").query().listOfRows()) {
      long n = ((Number) row.get("N")).longValue();
      boolean converted = !row.get("STATUS").equals("LOST");
      long[] record = records.computeIfAbsent((String) row.get("DISTRIBUTOR_ID"), id -> new long[2]);
      record[0] += n;
      teamClosed += n;
      if (converted) {
        record[1] += n;
        teamConverted += n;
      }
    }
    double team = (teamConverted + 1.0) / (teamClosed + 2.0);
    Map<String, String> flags = new LinkedHashMap<>();
    for (String id : distributors.keySet()) {
      long[] record = records.getOrDefault(id, new long[2]);
      double below = BetaDistribution.of(priorWeight * team + record[1], priorWeight * (1 - team) + record[0] - record[1])
          .cumulativeProbability(team);
      flags.put(id, below >= flagProbability ? "struggling" : 1 - below >= flagProbability ? "excelling" : "");
    }
    return flags;
  }

  /**
   * The figures Insights should show for the asset and audience, from the raw rows of the whole database: shares
   * sent, of them viewed, the median hours from share to first view (the mean of the middle two of an even count),
   * and the closed and converted journeys of the distinct prospects it was shared with, with the 5 % and 95 %
   * quantiles of Beta(1 + converted, 1 + lost).
   */
  public ContentFigures contentFigures(String asset, String audience) {
    List<Double> hours = new ArrayList<>();
    long shares = 0;
    for (Map<String, Object> row : jdbc.sql("SELECT s.shared_at, s.first_viewed_at FROM asset_share s JOIN prospect p"
        + " ON p.id = s.prospect_id WHERE s.asset_id = ? AND p.audience = ? AND s.shared_at IS NOT NULL").params(asset, audience)
        .query().listOfRows()) {
      shares++;
      if (row.get("FIRST_VIEWED_AT") != null) {
        long millis = ((Timestamp) row.get("FIRST_VIEWED_AT")).getTime() - ((Timestamp) row.get("SHARED_AT")).getTime();
        hours.add(Math.max(0, millis / 60_000) / 60.0);
      }
    }
    hours.sort(Double::compare);
    int n = hours.size();
    Double median = n == 0 ? null : n % 2 == 1 ? hours.get(n / 2) : (hours.get(n / 2 - 1) + hours.get(n / 2)) / 2;
    long closed = 0;
    long converted = 0;
    for (Map<String, Object> row : jdbc.sql("SELECT p.status FROM prospect p WHERE p.audience = ? AND p.id IN"
        + " (SELECT prospect_id FROM asset_share WHERE asset_id = ? AND shared_at IS NOT NULL)").params(audience, asset)
        .query().listOfRows()) {
      String status = (String) row.get("STATUS");
      if (status.equals("WON") || status.equals("ENROLLED") || status.equals("LOST")) {
        closed++;
        converted += status.equals("LOST") ? 0 : 1;
      }
    }
    BetaDistribution posterior = BetaDistribution.of(1.0 + converted, 1.0 + closed - converted);
    return new ContentFigures(shares, hours.size(), median, closed, converted, posterior.inverseCumulativeProbability(0.05),
        posterior.inverseCumulativeProbability(0.95));
  }

  public record ContentFigures(long shares, long viewed, Double medianHours, long closed, long converted, double lower,
                               double upper) {
  }

  /** A distributor's forecast calibration as Insights should show it. */
  public record CalibrationFigures(long journeys, double meanEstimate, double closeRate, double brier, Map<Integer, long[]> binCounts,
                                   Map<Integer, double[]> binMeans, double gapPoints) {
  }

  /**
   * From the raw rows: each closed journey of the distributor with an answer once, with the estimate of its last answer
   * (highest answer number); the mean estimate, close rate and Brier score; per bin of ten points (90 to 100 one bin)
   * the journeys and converted ones, and the mean estimate and share converted; and mean estimate minus close rate in
   * points.
   */
  public CalibrationFigures calibrationOf(String distributorId) {
    Map<String, Object[]> last = new HashMap<>();
    for (Map<String, Object> row : jdbc.sql("SELECT p.id, p.status, f.close_estimate, f.answer_number FROM prospect p"
        + " JOIN follow_up_answer f ON f.prospect_id = p.id WHERE p.distributor_id = ? AND p.status IN ('WON', 'ENROLLED', 'LOST')")
        .param(distributorId).query().listOfRows()) {
      String prospect = (String) row.get("ID");
      int number = ((Number) row.get("ANSWER_NUMBER")).intValue();
      Object[] known = last.get(prospect);
      if (known == null || (int) known[0] < number) {
        last.put(prospect, new Object[] {number, ((Number) row.get("CLOSE_ESTIMATE")).intValue(), !"LOST".equals(row.get("STATUS"))});
      }
    }
    double estimates = 0;
    double converted = 0;
    double brier = 0;
    Map<Integer, long[]> binCounts = new HashMap<>();
    Map<Integer, double[]> sums = new HashMap<>();
    for (Object[] journey : last.values()) {
      double p = (int) journey[1] / 100.0;
      double y = (boolean) journey[2] ? 1 : 0;
      estimates += p;
      converted += y;
      brier += (p - y) * (p - y);
      int bin = (int) journey[1] == 100 ? 90 : (int) journey[1] / 10 * 10;
      binCounts.computeIfAbsent(bin, b -> new long[2])[0]++;
      binCounts.get(bin)[1] += (long) y;
      sums.computeIfAbsent(bin, b -> new double[2])[0] += p;
    }
    Map<Integer, double[]> means = new HashMap<>();
    binCounts.forEach((bin, counts) -> means.put(bin, new double[] {sums.get(bin)[0] / counts[0], (double) counts[1] / counts[0]}));
    int n = last.size();
    return new CalibrationFigures(n, estimates / n, converted / n, brier / n, binCounts, means, 100 * (estimates - converted) / n);
  }

  /** Per kind of the nudges the distributor received: {received, measured, followed}, by the definitions of docs/statistics.md. */
  public Map<String, long[]> nudgesOf(String distributorId, Map<String, Duration> windows, Instant at) {
    Map<String, long[]> kinds = new HashMap<>();
    for (Map<String, Object> row : jdbc.sql("SELECT kind, prospect_id, created_at FROM nudge WHERE recipient_id = ?")
        .param(distributorId).query().listOfRows()) {
      String kind = (String) row.get("KIND");
      String prospect = (String) row.get("PROSPECT_ID");
      Instant from = ((Timestamp) row.get("CREATED_AT")).toInstant();
      long[] counts = kinds.computeIfAbsent(kind, k -> new long[3]);
      counts[0]++;
      Duration window = windows.get(kind);
      if (window == null) {
        continue;
      }
      Instant to = from.plus(window);
      boolean followed = switch (kind) {
        case "SHARE_NOW" -> within(times("SELECT shared_at FROM asset_share WHERE prospect_id = ?", prospect), from, to);
        case "CHECK_IN_ON_VIEW" -> within(times("SELECT first_viewed_at FROM asset_share WHERE prospect_id = ?", prospect), from, to);
        case "FOLLOW_UP_NOW" -> within(times("SELECT answered_at FROM follow_up_answer WHERE prospect_id = ?", prospect), from, to);
        case "ADD_FIRST_PROSPECTS" -> within(times("SELECT created_at FROM prospect WHERE distributor_id = ?", distributorId), from, to);
        case "OVER_ESTIMATING" -> {
          double[] before = new double[2];
          double[] after = new double[2];
          for (Map<String, Object> answer : jdbc.sql("SELECT close_estimate, answered_at FROM follow_up_answer WHERE distributor_id = ?")
              .param(distributorId).query().listOfRows()) {
            Instant answered = ((Timestamp) answer.get("ANSWERED_AT")).toInstant();
            double[] side = answered.isBefore(from) ? before : !answered.isBefore(to) ? null : after;
            if (side != null) {
              side[0] += ((Number) answer.get("CLOSE_ESTIMATE")).doubleValue();
              side[1]++;
            }
          }
          yield after[1] > 0 && before[1] > 0 && after[0] / after[1] < before[0] / before[1];
        }
        default -> throw new IllegalArgumentException("the seed does not know how to follow " + kind);
      };
      if (followed || !to.isAfter(at)) {
        counts[1]++;
      }
      if (followed) {
        counts[2]++;
      }
    }
    return kinds;
  }

  private List<Instant> times(String sql, String id) {
    if (id == null) {
      return List.of();
    }
    return jdbc.sql(sql).param(id).query((rs, i) -> rs.getTimestamp(1)).list().stream()
        .filter(java.util.Objects::nonNull).map(Timestamp::toInstant).toList();
  }

  private static boolean within(List<Instant> times, Instant from, Instant to) {
    return times.stream().anyMatch(t -> !t.isBefore(from) && t.isBefore(to));
  }

  /** What prospects of the audience answered after views of the asset, from the raw rows of the whole database. */
  public record AnswerFigures(long answers, double meanInterest, long[] intents, double lower, double upper) {
  }

  public AnswerFigures answersOf(String asset, String audience) {
    long answers = 0;
    long interest = 0;
    long[] intents = new long[4];
    for (Map<String, Object> row : jdbc.sql("SELECT f.interest_change, f.purchase_intent FROM follow_up_answer f"
        + " JOIN asset_share s ON s.id = f.share_id JOIN prospect p ON p.id = f.prospect_id WHERE s.asset_id = ? AND p.audience = ?")
        .params(asset, audience).query().listOfRows()) {
      answers++;
      interest += ((Number) row.get("INTEREST_CHANGE")).longValue();
      intents[INTENTS.indexOf((String) row.get("PURCHASE_INTENT"))]++;
    }
    long stated = intents[2] + intents[3];
    BetaDistribution posterior = BetaDistribution.of(1.0 + stated, 1.0 + answers - stated);
    return new AnswerFigures(answers, (double) interest / answers, intents, posterior.inverseCumulativeProbability(0.05),
        posterior.inverseCumulativeProbability(0.95));
  }

  /**
   * Follow-up answers to shares of the seeded asset that make the intent drift check see a drop when "now" is
   * {@code now}: three a day, 40 % of them stating intent (MEDIUM or HIGH), over the history window (365 days before
   * the 90 watched), then six a day at 10 % over the watch window, which ends yesterday. Each by a prospect of its own
   * of the viewers' distributor, still active; removed by {@link #removeDrift}.
   */
  public void intentDrift(Distributors people, LocalDate now) {
    String viewers = sponsor.replace("-sponsor", "-viewers");
    TestUsers.ensureDistributor(people, viewers, null);
    LocalDate watchStart = now.minusDays(90);
    intentAnswers(viewers, watchStart.minusDays(365), watchStart, 3, 5, 2);
    intentAnswers(viewers, watchStart, now, 6, 10, 1);
  }

  private void intentAnswers(String distributorId, LocalDate from, LocalDate to, int perDay, int of, int stated) {
    int answer = 0;
    for (LocalDate day = from; day.isBefore(to); day = day.plusDays(1)) {
      Timestamp at = Timestamp.valueOf(day.atTime(12, 0));
      for (int i = 0; i < perDay; i++) {
        answer++;
        String prospectId = UUID.randomUUID().toString();
        jdbc.sql("INSERT INTO prospect (id, distributor_id, first_name, audience, status, created_at, updated_at)"
            + " VALUES (?, ?, 'Answerer', 'PRODUCT_CUSTOMER', 'ACTIVE', ?, ?)").params(prospectId, distributorId, at, at).update();
        String shareId = UUID.randomUUID().toString();
        jdbc.sql("INSERT INTO asset_share (id, token, prospect_id, asset_id, distributor_id, channel, created_at, shared_at,"
                + " first_viewed_at, view_count) VALUES (?, ?, ?, ?, ?, 'SMS', ?, ?, ?, 1)")
            .params(shareId, UUID.randomUUID().toString().replace("-", ""), prospectId, assetId, distributorId, at, at, at).update();
        // of every `of` answers, `stated` state intent, alternately MEDIUM and HIGH
        String intent = answer % of < stated ? (answer % 2 == 0 ? "MEDIUM" : "HIGH") : (answer % 2 == 0 ? "NONE" : "LOW");
        answer(shareId, prospectId, distributorId, 0, intent, 30, at.toInstant(), 1);
      }
    }
  }

  /** The source of the drift touchpoints {@link #drift} writes, to remove them with. */
  public static final String DRIFT_SOURCE = "insights-drift-seed";

  /**
   * Views of the seeded asset that make the drift check see a drop when "now" is {@code now}: four a day at 10 %
   * conversion over the history window (1460 views, 146 converted), then ten a day at 2 % over the watch window
   * (the default windows: 365 days of history, 90 watched, ending 14 days before now). Each view by a prospect of
   * its own of a distributor outside the sponsor's line, still active (so no distributor's record changes); a
   * conversion is a purchase two days after the view.
   */
  public void drift(Distributors people, LocalDate now) {
    String viewers = sponsor.replace("-sponsor", "-viewers");
    TestUsers.ensureDistributor(people, viewers, null);
    LocalDate matureEnd = now.minusDays(14);
    LocalDate watchStart = matureEnd.minusDays(90);
    driftViews(viewers, watchStart.minusDays(365), watchStart, 4, 10);
    driftViews(viewers, watchStart, matureEnd, 10, 50);
  }

  private void driftViews(String distributorId, LocalDate from, LocalDate to, int perDay, int convertEvery) {
    int view = 0;
    for (LocalDate day = from; day.isBefore(to); day = day.plusDays(1)) {
      Timestamp at = Timestamp.valueOf(day.atTime(12, 0));
      for (int i = 0; i < perDay; i++) {
        view++;
        String prospectId = UUID.randomUUID().toString();
        jdbc.sql("INSERT INTO prospect (id, distributor_id, first_name, audience, status, created_at, updated_at)"
            + " VALUES (?, ?, 'Viewer', 'PRODUCT_CUSTOMER', 'ACTIVE', ?, ?)").params(prospectId, distributorId, at, at).update();
        driftTouchpoint(prospectId, assetId, "VIEWED", at, 1);
        if (view % convertEvery == 0) {
          driftTouchpoint(prospectId, null, "PURCHASED", Timestamp.valueOf(at.toLocalDateTime().plusDays(2)), 2);
        }
      }
    }
  }

  private void driftTouchpoint(String prospectId, String asset, String kind, Timestamp at, int sequence) {
    String id = UUID.randomUUID().toString();
    jdbc.sql("INSERT INTO touchpoint (id, idempotency_key, prospect_id, asset_id, share_id, kind, source, occurred_at, recorded_at,"
            + " journey_effect, sequence_number) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, 'STORED', ?)")
        .params(id, DRIFT_SOURCE + ":" + id, prospectId, asset, kind, DRIFT_SOURCE, at, at, sequence).update();
  }

  /** Removes what {@link #drift} wrote. */
  public void removeDrift() {
    String viewers = sponsor.replace("-sponsor", "-viewers");
    jdbc.sql("DELETE FROM touchpoint WHERE source = ?").param(DRIFT_SOURCE).update();
    jdbc.sql("DELETE FROM follow_up_answer WHERE distributor_id = ?").param(viewers).update();
    jdbc.sql("DELETE FROM asset_share WHERE distributor_id = ?").param(viewers).update();
    jdbc.sql("DELETE FROM prospect WHERE distributor_id = ?").param(viewers).update();
  }

  public List<String> downline() {
    return new ArrayList<>(distributors.keySet());
  }
}
