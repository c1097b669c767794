package com.journeycoach.coaching;

import com.journeycoach.people.Personality;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Facts for rule tests, with the thresholds at their migration defaults (paces in hours). */
public final class RulesFixture {

  public static final RuleBook RULES = new RuleBook(new RulesProperties("rules"));

  /** Every threshold of the migrations, durations in hours (as {@code Coach.thresholdFacts}). */
  public static final List<ThresholdValue> DEFAULTS = List.of(
      new ThresholdValue("pace.prospect-development.share", 48),
      new ThresholdValue("pace.prospect-development.view", 72),
      new ThresholdValue("pace.prospect-development.follow-up", 24),
      new ThresholdValue("pace.prospect-development.journey", 720),
      new ThresholdValue("pace.prospect-development.nurture", 1440),
      new ThresholdValue("readiness.close-estimate", 60),
      new ThresholdValue("readiness.interest-total", 3),
      new ThresholdValue("coaching.cap.nudges-per-day", 3),
      new ThresholdValue("coaching.repeat-window-hours", 24),
      new ThresholdValue("coaching.behind-pace-fraction", 0.75),
      new ThresholdValue("coaching.training.interested-prospects", 2),
      new ThresholdValue("coaching.forecast.min-closed-journeys", 5),
      new ThresholdValue("coaching.forecast.gap-points", 20),
      new ThresholdValue("onboarding.first-prospects-after-days", 1),
      new ThresholdValue("onboarding.first-prospects-minimum", 3),
      new ThresholdValue("onboarding.period-days", 90),
      new ThresholdValue("sponsor.enrollee-stalled-days", 7),
      new ThresholdValue("notification.window.start-hour", 8),
      new ThresholdValue("notification.window.end-hour", 21),
      new ThresholdValue("drift.relative-drop", 0.25),
      new ThresholdValue("drift.decision-limit", 7.5),
      new ThresholdValue("drift.watch-days", 90),
      new ThresholdValue("drift.history-days", 365),
      new ThresholdValue("drift.min-history-views", 1000),
      new ThresholdValue("drift.min-history-conversions", 50),
      new ThresholdValue("drift.conversion-horizon-days", 14),
      new ThresholdValue("tuning.pace-quantile", 0.8),
      new ThresholdValue("tuning.prior-weight", 30),
      new ThresholdValue("tuning.max-step-fraction", 0.2),
      new ThresholdValue("tuning.auto-apply-fraction", 0.1),
      new ThresholdValue("tuning.lookback-days", 180),
      new ThresholdValue("insights.prior-weight", 20),
      new ThresholdValue("insights.flag-probability", 0.975),
      new ThresholdValue("insights.nudge-window-days", 7),
      new ThresholdValue("intent-drift.relative-drop", 0.25),
      new ThresholdValue("intent-drift.decision-limit", 9),
      new ThresholdValue("intent-drift.min-history-answers", 500),
      new ThresholdValue("intent-drift.min-history-intents", 50),
      new ThresholdValue("messaging.phrase-min-support", 5),
      new ThresholdValue("messaging.view-window-hours", 48),
      new ThresholdValue("pace.distributor-onboarding.first-prospects-day-1", 24),
      new ThresholdValue("pace.distributor-onboarding.first-prospects-day-3", 72),
      new ThresholdValue("pace.distributor-onboarding.first-prospects-day-7", 168),
      new ThresholdValue("pace.distributor-onboarding.enrollee-review", 168));

  private RulesFixture() {
  }

  public static DistributorProfile distributor(String sponsorId, Personality personality, Set<String> trained, long days, long idle,
                                        int prospects) {
    return new DistributorProfile("dana", sponsorId, false, personality, trained, days, idle, prospects);
  }

  public static DistributorProfile distributor() {
    return distributor("sam", Personality.UNKNOWN, Set.of(), 30, 0, 5);
  }

  public static ProspectJourney journey(String prospectId, String step, double hoursInJourney, Set<String> interests,
                                 Personality personality) {
    return new ProspectJourney(prospectId, "dana", step, 1, hoursInJourney, 0, 0, interests, personality);
  }

  public static ProspectJourney journey(String prospectId, String step) {
    return journey(prospectId, step, 10, Set.of(), Personality.UNKNOWN);
  }

  public static ForecastRecord noForecast() {
    return new ForecastRecord("dana", 0, 0, 0);
  }

  /** Decides on the facts plus the default thresholds (those given override the defaults by name). */
  public static List<NudgeDecision> decide(Object... facts) {
    return decideAll(facts).nudges();
  }

  /** The same, with the prospects the readiness rules found ready. */
  public static RuleBook.Decisions decideAll(Object... facts) {
    List<Object> all = new ArrayList<>(Arrays.asList(facts));
    List<String> overridden = all.stream().filter(ThresholdValue.class::isInstance).map(f -> ((ThresholdValue) f).name()).toList();
    DEFAULTS.stream().filter(t -> !overridden.contains(t.name())).forEach(all::add);
    return RULES.decideAll(all);
  }

  /** A journey whose follow-up answers so far add up to this interest. */
  public static ProspectJourney journeyWithInterest(String prospectId, int interestTotal) {
    return new ProspectJourney(prospectId, "dana", "follow-up", 1, 10, 0, interestTotal, Set.of(), Personality.UNKNOWN);
  }

  public static List<String> rulesOf(List<NudgeDecision> decisions) {
    return decisions.stream().map(NudgeDecision::rule).toList();
  }
}
