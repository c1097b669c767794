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
    seed.add(people, prefix + "-steady", seed.sponsor, 12, 28, 5);
    seed.add(people, prefix + "-struggling", seed.sponsor, 0, 60, 3);
    seed.add(people, prefix + "-excelling", seed.sponsor, 36, 4, 2);
    seed.add(people, prefix + "-middling", seed.sponsor, 10, 30, 0);
    seed.add(people, prefix + "-late", prefix + "-steady", 5, 15, 6);
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
  private void add(Distributors people, String id, String sponsorId, int converted, int lost, int active) {
    TestUsers.ensureDistributor(people, id, sponsorId);
    distributors.put(id, sponsorId);
    for (int i = 0; i < converted; i++) {
      prospect(id, i % 3 == 2 ? "ENROLLED" : "WON", i % 5, i);
    }
    for (int i = 0; i < lost; i++) {
      prospect(id, "LOST", i % 5, i);
    }
    for (int i = 0; i < active; i++) {
      prospect(id, "ACTIVE", 1, i);
      jdbc.sql("INSERT INTO nudge (id, recipient_id, audience, kind, prospect_id, journey_id, message_key, priority, reason,"
              + " created_at) VALUES (?, ?, 'DISTRIBUTOR', 'FOLLOW_UP_NOW', NULL, NULL, 'nudge.follow-up-now', 1, 'Follow-up overdue', ?)")
          .params(UUID.randomUUID().toString(), id, Timestamp.from(now)).update();
    }
  }

  private void prospect(String distributorId, String status, int reached, int i) {
    String prospectId = UUID.randomUUID().toString();
    Instant added = now.minus(Duration.ofDays(40));
    jdbc.sql("INSERT INTO prospect (id, distributor_id, first_name, last_name, audience, personality, status, created_at, updated_at)"
            + " VALUES (?, ?, 'Seeded', 'Prospect', 'PRODUCT_CUSTOMER', NULL, ?, ?, ?)")
        .params(prospectId, distributorId, status, Timestamp.from(added), Timestamp.from(now)).update();
    if (reached == 0) {
      return;
    }
    String shareId = UUID.randomUUID().toString();
    // shared within the share pace (P2D), or a day beyond it
    Instant shared = added.plus(Duration.ofHours(i % 2 == 0 ? 10 : 72));
    Instant viewed = reached >= 2 ? shared.plus(Duration.ofHours(20)) : null;
    jdbc.sql("INSERT INTO asset_share (id, token, prospect_id, asset_id, distributor_id, channel, created_at, shared_at,"
            + " first_viewed_at, view_count) VALUES (?, ?, ?, ?, ?, 'SMS', ?, ?, ?, ?)")
        .params(shareId, UUID.randomUUID().toString().replace("-", ""), prospectId, assetId, distributorId, Timestamp.from(added),
            Timestamp.from(shared), viewed == null ? null : Timestamp.from(viewed), viewed == null ? 0 : 1).update();
    if (reached >= 3) {
      jdbc.sql("INSERT INTO follow_up_answer (id, share_id, prospect_id, distributor_id, interest_change, purchase_intent,"
              + " close_estimate, notes, answered_at, answer_number) VALUES (?, ?, ?, ?, 1, 'MEDIUM', 50, NULL, ?, 1)")
          .params(UUID.randomUUID().toString(), shareId, prospectId, distributorId, Timestamp.from(viewed.plus(Duration.ofHours(5))))
          .update();
    }
    if (reached >= 4) {
      String touchpointId = UUID.randomUUID().toString();
      jdbc.sql("INSERT INTO touchpoint (id, idempotency_key, prospect_id, asset_id, share_id, kind, source, occurred_at, recorded_at,"
              + " journey_effect, sequence_number) VALUES (?, ?, ?, NULL, NULL, 'MEETING_HELD', 'journey', ?, ?, 'JOURNEY_MOVED_ON', 1)")
          .params(touchpointId, "seed:" + touchpointId, prospectId, Timestamp.from(viewed.plus(Duration.ofDays(2))),
              Timestamp.from(viewed.plus(Duration.ofDays(2)))).update();
    }
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
    jdbc.sql("DELETE FROM prospect WHERE distributor_id = ?").param(viewers).update();
  }

  public List<String> downline() {
    return new ArrayList<>(distributors.keySet());
  }
}
