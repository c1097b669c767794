package com.journeycoach.demo;

import com.journeycoach.people.Audience;
import com.journeycoach.demo.SimulatedMarket.Trader;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes finished journeys of the past into the application's tables, as the journeys would
 * have left them (prospect, shares, follow-up answers, touchpoints with realistic timestamps),
 * in JDBC batches. It is how the demo gets a history to tune from, and how the tuning benchmark
 * fills a database with a million touchpoints; it does not go through the engine.
 */
public final class MarketHistory {

  /** How many rows were written. */
  public record Written(long prospects, long shares, long followUps, long touchpoints) {
    Written plus(Written other) {
      return new Written(prospects + other.prospects, shares + other.shares, followUps + other.followUps,
          touchpoints + other.touchpoints);
    }
  }

  static final String PROSPECT = "INSERT INTO prospect (id, distributor_id, first_name, audience, personality, status, created_at,"
      + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  static final String SHARE = "INSERT INTO asset_share (id, token, prospect_id, asset_id, distributor_id, channel, created_at,"
      + " shared_at, first_viewed_at, view_count) VALUES (?, ?, ?, ?, ?, 'SMS', ?, ?, ?, ?)";
  static final String FOLLOW_UP = "INSERT INTO follow_up_answer (id, share_id, prospect_id, distributor_id, interest_change,"
      + " purchase_intent, close_estimate, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  static final String TOUCHPOINT = "INSERT INTO touchpoint (id, idempotency_key, prospect_id, asset_id, share_id, kind, source,"
      + " occurred_at, recorded_at, journey_effect, sequence_number) VALUES (?, ?, ?, ?, ?, ?, 'history', ?, ?, ?, ?)";

  private static final String[] FIRST_NAMES = {"Alex", "Billie", "Casey", "Dana", "Eli", "Frankie", "Gabi", "Harper", "Jo", "Kim"};

  private final JdbcTemplate jdbc;
  private final SimulatedMarket market;
  private final int batchSize;

  private final List<Object[]> prospects = new ArrayList<>();
  private final List<Object[]> shares = new ArrayList<>();
  private final List<Object[]> followUps = new ArrayList<>();
  private final List<Object[]> touchpoints = new ArrayList<>();
  private Written written = new Written(0, 0, 0, 0);

  public MarketHistory(JdbcTemplate jdbc, SimulatedMarket market, int batchSize) {
    this.jdbc = jdbc;
    this.market = market;
    this.batchSize = batchSize;
  }

  /**
   * Writes journeys of prospects added between {@code spanDays} and 30 days before {@code end},
   * spread over the market's distributors, until at least {@code touchpointTarget} touchpoints
   * or {@code prospectLimit} prospects are written.
   */
  public Written write(Instant end, int spanDays, long prospectLimit, long touchpointTarget) {
    long added = 0;
    while (added < prospectLimit && written.touchpoints() + touchpoints.size() < touchpointTarget) {
      Instant created = end.minus(Duration.ofMinutes(30L * 24 * 60 + (long) (market.uniform() * (spanDays - 30) * 24 * 60)));
      journey(market.anyTrader(), created, end);
      added++;
      if (prospects.size() >= batchSize) {
        flush();
      }
    }
    flush();
    return written;
  }

  private void journey(Trader trader, Instant created, Instant end) {
    String prospectId = market.id();
    Audience audience = market.segment();
    double chance = market.closeChance(audience);
    String status = "ACTIVE";
    List<Object[]> own = new ArrayList<>();
    Instant t = created;
    List<String> sequence = market.sequence(audience);
    for (int i = 0; i < sequence.size() && "ACTIVE".equals(status); i++) {
      String assetId = sequence.get(i);
      String shareId = market.id();
      Instant sharedAt = plusHours(t, market.shareHours(trader));
      Instant viewedAt = market.chance(0.85) ? plusHours(sharedAt, market.viewHours()) : null;
      if (sharedAt.isAfter(end)) {
        break;
      }
      if (viewedAt != null && viewedAt.isAfter(end)) {
        viewedAt = null;
      }
      shares.add(new Object[] {shareId, market.id(), prospectId, assetId, trader.id(), ts(t), ts(sharedAt), ts(viewedAt),
          viewedAt == null ? 0 : 1});
      own.add(touchpoint(prospectId, assetId, shareId, "SHARED", sharedAt, "JOURNEY_MOVED_ON"));
      if (viewedAt == null) {
        status = "LOST";
        own.add(touchpoint(prospectId, null, null, "LOST", sharedAt.plus(Duration.ofDays(14)), "JOURNEY_ENDED"));
        break;
      }
      own.add(touchpoint(prospectId, assetId, shareId, "VIEWED", viewedAt, "JOURNEY_MOVED_ON"));
      if (market.chance(market.conversionAfterView(assetId, audience))) {
        status = "WON";
        own.add(touchpoint(prospectId, assetId, null, "PURCHASED", plusHours(viewedAt, 1 + 160 * market.uniform()), "JOURNEY_ENDED"));
        break;
      }
      Instant answeredAt = plusHours(viewedAt, market.followUpHours(trader));
      int estimate = market.closeEstimate(trader, chance);
      int interest = (int) Math.max(-2, Math.min(2, Math.round((chance - 0.25) * 8 + market.uniform() - 0.5)));
      String intent = chance > 0.4 ? "HIGH" : chance > 0.25 ? "MEDIUM" : chance > 0.1 ? "LOW" : "NONE";
      followUps.add(new Object[] {market.id(), shareId, prospectId, trader.id(), interest, intent, estimate, ts(answeredAt)});
      own.add(touchpoint(prospectId, assetId, shareId, "FOLLOW_UP_ANSWERED", answeredAt, "JOURNEY_MOVED_ON"));
      if (estimate >= 60 || i == sequence.size() - 1) {
        Instant meeting = plusHours(answeredAt, 1 + 71 * market.uniform());
        own.add(touchpoint(prospectId, null, null, "MEETING_HELD", meeting, "STORED"));
        if (market.chance(chance)) {
          boolean enrolled = audience == Audience.BUSINESS_BUILDER && market.chance(0.5);
          status = enrolled ? "ENROLLED" : "WON";
          own.add(touchpoint(prospectId, null, null, enrolled ? "ENROLLED" : "PURCHASED", meeting, "JOURNEY_ENDED"));
        } else {
          status = "LOST";
          own.add(touchpoint(prospectId, null, null, "LOST", meeting, "JOURNEY_ENDED"));
        }
      }
      t = answeredAt;
    }
    prospects.add(new Object[] {prospectId, trader.id(), FIRST_NAMES[market.nextInt(FIRST_NAMES.length)], audience.name(),
        market.personality().name(), status, ts(created), ts(t)});
    for (int i = 0; i < own.size(); i++) {
      Object[] row = own.get(i);
      row[row.length - 1] = i + 1;
      touchpoints.add(row);
    }
  }

  private Object[] touchpoint(String prospectId, String assetId, String shareId, String kind, Instant at, String effect) {
    String id = market.id();
    return new Object[] {id, "history:" + id, prospectId, assetId, shareId, kind, ts(at), ts(at), effect, 0};
  }

  private void flush() {
    jdbc.batchUpdate(PROSPECT, prospects);
    jdbc.batchUpdate(SHARE, shares);
    jdbc.batchUpdate(FOLLOW_UP, followUps);
    jdbc.batchUpdate(TOUCHPOINT, touchpoints);
    written = written.plus(new Written(prospects.size(), shares.size(), followUps.size(), touchpoints.size()));
    prospects.clear();
    shares.clear();
    followUps.clear();
    touchpoints.clear();
  }

  private static Instant plusHours(Instant t, double hours) {
    return t.plusSeconds(Math.round(hours * 3600));
  }

  private static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}
