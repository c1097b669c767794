package com.journeycoach.demo;

import com.journeycoach.content.Shares;
import com.journeycoach.demo.SimulatedMarket.Trader;
import com.journeycoach.journey.FollowUpAnswer;
import com.journeycoach.journey.FollowUpAnswers;
import com.journeycoach.journey.ForecastRecords;
import com.journeycoach.journey.Touchpoint;
import com.journeycoach.journey.Touchpoints;
import com.journeycoach.people.Audience;
import com.journeycoach.people.Prospect;
import com.journeycoach.people.Prospects;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes finished journeys of the past into the application's tables, as the journeys would
 * have left them (prospect, shares, follow-up answers, touchpoints with realistic timestamps),
 * in batches that each owning module writes (and counts: prospects added, forecast records). It is how
 * the demo gets a history to tune from, and how the tuning benchmark fills a database with a million
 * touchpoints; it does not go through the engine.
 */
public final class MarketHistory {

  /** How many rows were written. */
  public record Written(long prospects, long shares, long followUps, long touchpoints) {
    Written plus(Written other) {
      return new Written(prospects + other.prospects, shares + other.shares, followUps + other.followUps,
          touchpoints + other.touchpoints);
    }
  }

  /** The modules that own what a journey of the past leaves: each writes its own rows and keeps its own counters. */
  public record Owners(Prospects prospects, Shares shares, FollowUpAnswers followUps, Touchpoints touchpoints,
                       ForecastRecords forecasts) {
  }

  private static final String[] FIRST_NAMES = {"Alex", "Billie", "Casey", "Dana", "Eli", "Frankie", "Gabi", "Harper", "Jo", "Kim"};

  private final Owners owners;
  private final SimulatedMarket market;
  private final int batchSize;

  private final List<Prospects.PastProspect> prospects = new ArrayList<>();
  private final List<Shares.PastShare> shares = new ArrayList<>();
  private final List<FollowUpAnswers.PastAnswer> followUps = new ArrayList<>();
  private final List<Touchpoints.PastTouchpoint> touchpoints = new ArrayList<>();
  private final List<ForecastRecords.ClosedJourney> closed = new ArrayList<>();
  private Written written = new Written(0, 0, 0, 0);

  public MarketHistory(Owners owners, SimulatedMarket market, int batchSize) {
    this.owners = owners;
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
    List<Touchpoints.PastTouchpoint> own = new ArrayList<>();
    Integer lastEstimate = null;
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
      shares.add(new Shares.PastShare(shareId, market.id(), prospectId, assetId, trader.id(), "SMS", t, sharedAt, viewedAt,
          viewedAt == null ? 0 : 1));
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
      followUps.add(new FollowUpAnswers.PastAnswer(market.id(), shareId, prospectId, trader.id(),
          new FollowUpAnswer(interest, FollowUpAnswer.Intent.valueOf(intent), estimate, null), answeredAt));
      lastEstimate = estimate;
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
    Prospect.Status ended = Prospect.Status.valueOf(status);
    prospects.add(new Prospects.PastProspect(prospectId, trader.id(), FIRST_NAMES[market.nextInt(FIRST_NAMES.length)], audience,
        market.personality(), ended, created, t));
    touchpoints.addAll(own);
    if (ended.closed()) {
      closed.add(new ForecastRecords.ClosedJourney(trader.id(), lastEstimate, ended.converted()));
    }
  }

  private Touchpoints.PastTouchpoint touchpoint(String prospectId, String assetId, String shareId, String kind, Instant at,
                                                 String effect) {
    return new Touchpoints.PastTouchpoint(market.id(), prospectId, assetId, shareId, Touchpoint.Kind.valueOf(kind), at,
        Touchpoint.Effect.valueOf(effect));
  }

  private void flush() {
    owners.prospects().addPast(prospects);
    owners.shares().addPast(shares);
    owners.followUps().addPast(followUps);
    owners.touchpoints().addPast(touchpoints);
    owners.forecasts().addPast(closed);
    written = written.plus(new Written(prospects.size(), shares.size(), followUps.size(), touchpoints.size()));
    prospects.clear();
    shares.clear();
    followUps.clear();
    touchpoints.clear();
    closed.clear();
  }

  private static Instant plusHours(Instant t, double hours) {
    return t.plusSeconds(Math.round(hours * 3600));
  }

}
