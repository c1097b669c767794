package com.journeycoach.benchmark;

import com.journeycoach.coaching.DistributorProfile;
import com.journeycoach.coaching.ForecastRecord;
import com.journeycoach.coaching.LatestAnswer;
import com.journeycoach.coaching.Occasion;
import com.journeycoach.coaching.ProspectJourney;
import com.journeycoach.coaching.RecentNudge;
import com.journeycoach.coaching.RulesFixture;
import com.journeycoach.coaching.ThresholdValue;
import com.journeycoach.people.Personality;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Facts for the rules benchmark and the equivalence of {@link PlainJavaCoach} with the rules: the
 * realistic set the benchmark times (one distributor, ten prospects, their history), named cases
 * that make every rule fire or nearly fire, and seeded random sets.
 */
final class CoachingFactSets {

  static final List<ThresholdValue> THRESHOLDS = RulesFixture.DEFAULTS;

  static final List<String> PRODUCTS = List.of("CWM", "HYDRATION", "SKINCARE", "NUTRITION");

  private CoachingFactSets() {
  }

  // the realistic set

  /**
   * Dana (sponsor Sam, introvert, trained on CWM, past onboarding) with ten open journeys, her
   * forecast record (over-estimating), the nudges of the last week to her, Sam and the managers,
   * and every threshold, in the order {@code CoachingFacts} and {@code Coach} gather them.
   */
  static List<Object> realistic(Occasion occasion) {
    List<Object> facts = new ArrayList<>();
    facts.add(occasion);
    facts.add(new DistributorProfile("dana", "sam", true, Personality.INTROVERT, Set.of("CWM"), 120, 0, 10));
    facts.add(new ProspectJourney("p01", "dana", "share", 5, 5, 0, 0, Set.of(), Personality.UNKNOWN));
    facts.add(new ProspectJourney("p02", "dana", "share", 30, 30, 1, 0, Set.of("CWM"), Personality.INTROVERT));
    facts.add(new ProspectJourney("p03", "dana", "view", 20, 80, 0, 1, Set.of("HYDRATION"), Personality.EXTROVERT));
    facts.add(new ProspectJourney("p04", "dana", "view", 50, 150, 1, 2, Set.of("CWM", "SKINCARE"), Personality.UNKNOWN));
    facts.add(new ProspectJourney("p05", "dana", "follow-up", 30, 560, 2, 3, Set.of("HYDRATION", "CWM"), Personality.EXTROVERT));
    facts.add(new ProspectJourney("p06", "dana", "follow-up", 10, 200, 0, 2, Set.of("NUTRITION"), Personality.INTROVERT));
    facts.add(new ProspectJourney("p07", "dana", "meeting", 48, 400, 1, 4, Set.of("CWM", "HYDRATION"), Personality.EXTROVERT));
    facts.add(new ProspectJourney("p08", "dana", "meeting", 2, 650, 0, 3, Set.of(), Personality.UNKNOWN));
    facts.add(new ProspectJourney("p09", "dana", "nurture", 200, 900, 3, -1, Set.of(), Personality.INTROVERT));
    facts.add(new ProspectJourney("p10", "dana", "view", 80, 120, 2, 1, Set.of("CWM"), Personality.UNKNOWN));
    facts.add(new ForecastRecord("dana", 8, 72, 40));
    facts.addAll(THRESHOLDS);
    facts.add(new RecentNudge("dana", "SHARE_NOW", "p01", 2));
    facts.add(new RecentNudge("dana", "TAKE_PRODUCT_TRAINING", null, 30));
    facts.add(new RecentNudge("dana", "FOLLOW_UP_NOW", "p06", 30));
    facts.add(new RecentNudge("dana", "CHECK_IN_ON_VIEW", "p03", 50));
    facts.add(new RecentNudge("dana", "SEQUENCE_BEHIND_PACE", "p09", 70));
    facts.add(new RecentNudge("dana", "PAIRING_TIP", "p07", 100));
    facts.add(new RecentNudge("sam", "JOURNEY_STALLED", "p09", 26));
    facts.add(new RecentNudge("sam", "ENROLLEE_STALLED", null, 120));
    facts.add(new RecentNudge("managers", "DISTRIBUTOR_OVER_ESTIMATING", null, 30));
    facts.add(new RecentNudge("managers", "JOURNEY_STALLED", "p08", 10));
    if (occasion.kind() == Occasion.Kind.FOLLOW_UP_RECORDED) {
      // the answer just recorded, as the journey hands it over
      facts.add(new LatestAnswer(occasion.prospectId(), "MEDIUM", 40));
    }
    return List.copyOf(facts);
  }

  /**
   * A follow-up recorded for p05: behind pace, training gap (HYDRATION), over-estimating, pairing tip
   * for Dana, one nudge to her today, so the cap drops the two least important; the manager hears
   * of the over-estimate.
   */
  static final List<Object> FOLLOW_UP_RECORDED = realistic(Occasion.followUpRecorded("p05"));

  /** The follow-up pace timer of p06: follow up now, and the training gap again. */
  static final List<Object> PACE_TIMER = realistic(Occasion.paceTimer("follow-up", "p06"));

  // named cases, compared exactly

  static List<Object> withThresholds(Object... facts) {
    List<Object> all = new ArrayList<>(List.of(facts));
    all.addAll(THRESHOLDS);
    return List.copyOf(all);
  }

  /** Fact sets on which the rules and the plain Java must decide exactly the same. */
  static Map<String, List<Object>> cases() {
    Map<String, List<Object>> cases = new LinkedHashMap<>();
    ForecastRecord overEstimating = new ForecastRecord("dana", 6, 80, 20);
    ForecastRecord noForecast = new ForecastRecord("dana", 0, 0, 0);
    cases.put("realistic: follow-up recorded", FOLLOW_UP_RECORDED);
    cases.put("realistic: follow-up pace timer", PACE_TIMER);
    cases.put("realistic: journey pace timer", realistic(Occasion.paceTimer("journey", "p09")));
    cases.put("realistic: daily review", realistic(Occasion.dailyReview()));
    cases.put("follow-up recorded: training gap, over-estimate, pairing, behind pace, cap bites", withThresholds(
        Occasion.followUpRecorded("p1"), RulesFixture.distributor("sam", Personality.INTROVERT, Set.of(), 30, 0, 5),
        RulesFixture.journey("p1", "follow-up", 600, Set.of("CWM"), Personality.EXTROVERT),
        RulesFixture.journey("p2", "view", 10, Set.of("CWM", "HYDRATION"), Personality.UNKNOWN), overEstimating,
        new RecentNudge("dana", "SHARE_NOW", "p9", 2)));
    cases.put("follow-up recorded: under the cap everything stays", withThresholds(
        Occasion.followUpRecorded("p1"), RulesFixture.distributor("sam", Personality.EXTROVERT, Set.of("CWM"), 30, 0, 5),
        RulesFixture.journey("p1", "view", 540, Set.of("CWM"), Personality.INTROVERT),
        RulesFixture.journey("p2", "view", 10, Set.of("CWM", "HYDRATION"), Personality.UNKNOWN), overEstimating));
    cases.put("follow-up recorded: introvert pairing tip", withThresholds(
        Occasion.followUpRecorded("p1"), RulesFixture.distributor("sam", Personality.INTROVERT, Set.of(), 30, 0, 5),
        RulesFixture.journey("p1", "follow-up", 10, Set.of(), Personality.EXTROVERT), noForecast));
    cases.put("follow-up recorded: near misses (meeting, trained, small gap, same personality)", withThresholds(
        Occasion.followUpRecorded("p1"), RulesFixture.distributor("sam", Personality.INTROVERT, Set.of("CWM"), 30, 0, 5),
        RulesFixture.journey("p1", "meeting", 700, Set.of("CWM"), Personality.INTROVERT),
        RulesFixture.journey("p2", "view", 10, Set.of("CWM", "HYDRATION"), Personality.UNKNOWN), new ForecastRecord("dana", 12, 69.9, 50)));
    for (String step : List.of("share", "view", "follow-up")) {
      cases.put("pace timer " + step, withThresholds(Occasion.paceTimer(step, "p1"), RulesFixture.distributor(), RulesFixture.journey("p1", step), noForecast));
      cases.put("pace timer " + step + ": the journey has moved on", withThresholds(Occasion.paceTimer(step, "p1"), RulesFixture.distributor(),
          RulesFixture.journey("p1", "meeting"), noForecast));
    }
    cases.put("pace timer journey: alert sponsor", withThresholds(Occasion.paceTimer("journey", "p1"), RulesFixture.distributor(),
        RulesFixture.journey("p1", "view", 600, Set.of(), Personality.UNKNOWN), overEstimating));
    cases.put("pace timer journey: alert managers", withThresholds(Occasion.paceTimer("journey", "p1"),
        RulesFixture.distributor(null, Personality.UNKNOWN, Set.of(), 30, 0, 5), RulesFixture.journey("p1", "view"), noForecast));
    cases.put("pace timer journey: unknown prospect", withThresholds(Occasion.paceTimer("journey", "p2"), RulesFixture.distributor(),
        RulesFixture.journey("p1", "view"), noForecast));
    cases.put("daily review: first prospects and enrollee stalled", withThresholds(Occasion.dailyReview(),
        RulesFixture.distributor("sam", Personality.UNKNOWN, Set.of(), 5, 8, 1), overEstimating));
    cases.put("daily review: near misses (day zero, enough prospects, active, no sponsor)", withThresholds(Occasion.dailyReview(),
        RulesFixture.distributor(null, Personality.UNKNOWN, Set.of(), 0, 30, 0), noForecast));
    cases.put("daily review: past onboarding", withThresholds(Occasion.dailyReview(),
        RulesFixture.distributor("sam", Personality.UNKNOWN, Set.of(), 91, 30, 0), noForecast));
    cases.put("recent nudges inside and outside the repeat window", withThresholds(
        Occasion.paceTimer("follow-up", "p1"), RulesFixture.distributor("sam", Personality.UNKNOWN, Set.of(), 30, 0, 5),
        RulesFixture.journey("p1", "follow-up", 600, Set.of(), Personality.UNKNOWN), new ForecastRecord("dana", 6, 80, 20),
        new RecentNudge("dana", "FOLLOW_UP_NOW", "p1", 23.9), new RecentNudge("dana", "SEQUENCE_BEHIND_PACE", "p1", 24.1),
        new RecentNudge("dana", "FOLLOW_UP_NOW", "p2", 1)));
    cases.put("recent nudge without a prospect inside the window", withThresholds(
        Occasion.followUpRecorded("p1"), RulesFixture.distributor(), RulesFixture.journey("p1", "follow-up"), overEstimating,
        new RecentNudge("dana", "OVER_ESTIMATING", null, 2), new RecentNudge("managers", "DISTRIBUTOR_OVER_ESTIMATING", null, 25)));
    cases.put("cap counts nudges of the last 24 hours only", withThresholds(
        Occasion.followUpRecorded("p1"), RulesFixture.distributor("sam", Personality.INTROVERT, Set.of(), 30, 0, 5),
        RulesFixture.journey("p1", "follow-up", 600, Set.of(), Personality.EXTROVERT), new ForecastRecord("dana", 6, 80, 20),
        new RecentNudge("dana", "W", "p6", 20), new RecentNudge("dana", "X", "p7", 23.5), new RecentNudge("dana", "Y", "p8", 24),
        new RecentNudge("dana", "Z", "p9", 30)));
    cases.put("equal facts count once (equality mode)", withThresholds(
        Occasion.followUpRecorded("p1"), RulesFixture.distributor("sam", Personality.INTROVERT, Set.of(), 30, 0, 5),
        RulesFixture.journey("p1", "follow-up", 600, Set.of("CWM"), Personality.EXTROVERT), RulesFixture.journey("p2", "view", 10, Set.of("HYDRATION"),
            Personality.UNKNOWN), RulesFixture.journey("p2", "view", 10, Set.of("HYDRATION"), Personality.UNKNOWN), overEstimating,
        new RecentNudge("dana", "SHARE_NOW", "p9", 2), new RecentNudge("dana", "SHARE_NOW", "p9", 2),
        new RecentNudge("dana", "CHECK_IN_ON_VIEW", "p8", 5)));
    cases.put("no occasion: only the training gap", withThresholds(RulesFixture.distributor(),
        RulesFixture.journey("p1", "share", 10, Set.of("CWM"), Personality.UNKNOWN), RulesFixture.journey("p2", "share", 10, Set.of("CWM"),
            Personality.UNKNOWN), overEstimating));
    cases.put("follow-up recorded: the cap cuts between equally important decisions", tieAtTheCap());
    for (LatestAnswer answer : List.of(new LatestAnswer("p1", "HIGH", 10), new LatestAnswer("p1", "LOW", 60),
        new LatestAnswer("p1", "MEDIUM", 59), new LatestAnswer("p2", "HIGH", 90))) {
      cases.put("follow-up recorded: readiness of " + answer, withThresholds(Occasion.followUpRecorded("p1"), RulesFixture.distributor(),
          RulesFixture.journeyWithInterest("p1", 2), answer, noForecast));
    }
    cases.put("follow-up recorded: ready by grown interest", withThresholds(Occasion.followUpRecorded("p1"), RulesFixture.distributor(),
        RulesFixture.journeyWithInterest("p1", 3), new LatestAnswer("p1", "LOW", 10), noForecast));
    return cases;
  }

  /**
   * A follow-up where Dana gets four proposals (priorities 2, 2, 3, 3) and nothing sent today: the
   * cap of 3 drops one of the two of priority 3: the one last in {@code NudgeDecision.MOST_IMPORTANT_FIRST}.
   */
  static List<Object> tieAtTheCap() {
    return withThresholds(Occasion.followUpRecorded("p1"), RulesFixture.distributor("sam", Personality.INTROVERT, Set.of(), 30, 0, 5),
        RulesFixture.journey("p1", "follow-up", 600, Set.of("CWM"), Personality.EXTROVERT),
        RulesFixture.journey("p2", "view", 10, Set.of("CWM"), Personality.UNKNOWN), new ForecastRecord("dana", 6, 80, 20));
  }

  // random sets

  private static final List<String> STEPS = List.of("share", "view", "follow-up", "meeting", "nurture");
  private static final List<String> TIMER_STEPS = List.of("share", "view", "follow-up", "journey");
  private static final List<String> RECIPIENTS = List.of("d1", "d2", "s1", "managers");
  private static final List<String> KINDS = List.of("SHARE_NOW", "CHECK_IN_ON_VIEW", "FOLLOW_UP_NOW", "SEQUENCE_BEHIND_PACE",
      "JOURNEY_STALLED", "ENROLLEE_STALLED", "ADD_FIRST_PROSPECTS", "TAKE_PRODUCT_TRAINING", "OVER_ESTIMATING",
      "DISTRIBUTOR_OVER_ESTIMATING", "PAIRING_TIP");

  /**
   * A random fact set: zero to two distributors (d2's sponsor may be d1), up to twelve journeys of
   * eight prospects (some repeated exactly), forecasts, an occasion (or none), the thresholds
   * (some changed, dropped or given twice) and recent nudges (some repeated exactly).
   */
  static List<Object> random(long seed) {
    Random random = new Random(seed);
    List<Object> facts = new ArrayList<>();
    int occasions = random.nextInt(10) == 0 ? 0 : 1;
    for (int i = 0; i < occasions; i++) {
      String prospect = "p" + (1 + random.nextInt(8));
      facts.add(switch (random.nextInt(3)) {
        case 0 -> Occasion.paceTimer(pick(random, TIMER_STEPS), prospect);
        case 1 -> Occasion.followUpRecorded(prospect);
        default -> Occasion.dailyReview();
      });
    }
    int distributors = random.nextInt(8) == 0 ? 0 : random.nextInt(4) == 0 ? 2 : 1;
    for (int i = 1; i <= distributors; i++) {
      String sponsor = random.nextInt(3) == 0 ? null : i == 2 && random.nextBoolean() ? "d1" : "s1";
      facts.add(new DistributorProfile("d" + i, sponsor, random.nextBoolean(), pick(random, List.of(Personality.values())),
          products(random), random.nextInt(120), random.nextInt(15), random.nextInt(12)));
    }
    int journeys = random.nextInt(13);
    for (int i = 0; i < journeys; i++) {
      ProspectJourney journey = new ProspectJourney("p" + (1 + random.nextInt(8)), "d1", pick(random, STEPS), random.nextInt(100),
          random.nextInt(1000), random.nextInt(4), random.nextInt(9) - 4, products(random), pick(random, List.of(Personality.values())));
      facts.add(journey);
      if (random.nextInt(10) == 0) {
        facts.add(journey);
      }
    }
    int forecasts = random.nextInt(3);
    for (int i = 0; i < forecasts; i++) {
      facts.add(new ForecastRecord("d" + (1 + random.nextInt(2)), random.nextInt(10), random.nextInt(101), random.nextInt(101)));
    }
    for (ThresholdValue threshold : THRESHOLDS) {
      int change = random.nextInt(30);
      if (change == 0) {
        continue;
      }
      facts.add(change == 1 ? new ThresholdValue(threshold.name(), threshold.value() * (0.5 + random.nextDouble())) : threshold);
      if (change == 2) {
        facts.add(new ThresholdValue(threshold.name(), Math.round(threshold.value() * (0.5 + random.nextDouble()))));
      }
    }
    int recent = random.nextInt(11);
    for (int i = 0; i < recent; i++) {
      RecentNudge nudge = new RecentNudge(pick(random, RECIPIENTS), pick(random, KINDS),
          random.nextInt(3) == 0 ? null : "p" + (1 + random.nextInt(8)), random.nextInt(96) / 2.0);
      facts.add(nudge);
      if (random.nextInt(10) == 0) {
        facts.add(nudge);
      }
    }
    return facts;
  }

  private static Set<String> products(Random random) {
    Set<String> products = new TreeSet<>();
    for (String product : PRODUCTS) {
      if (random.nextInt(3) == 0) {
        products.add(product);
      }
    }
    return products;
  }

  private static <T> T pick(Random random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
