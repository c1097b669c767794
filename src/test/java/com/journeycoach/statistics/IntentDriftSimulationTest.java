package com.journeycoach.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeycoach.statistics.ContentDrift.Counts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The intent drift test on simulated data of known truth, against the conversion drift on the same market: one asset
 * with about 40 views a day (Poisson); each view is answered with a probability of 0.8, stating purchase intent
 * (MEDIUM or HIGH) with a true 30 %, and converts with a true 10 %. A change on a known day lowers both by 30 %.
 *
 * <p>Calendar time as the checks see it, each run daily: an answer is given the day after its view (the follow-up
 * pace is a day) and the intent check sees the answers up to yesterday; a view counts for the conversion check only
 * when its 14-day horizon has passed. Both use the default windows (90 days watched, 365 of history) and their
 * migration defaults ({@link IntentDriftCheck#DEFAULT_SETTINGS}, {@link ContentDriftCheck#DEFAULT_SETTINGS}). Fixed
 * seeds, so the printed figures are the same on every machine.
 */
class IntentDriftSimulationTest {

  static final double VIEWS_PER_DAY = 40;
  static final double ANSWERED = 0.8;
  static final double INTENT_RATE = 0.30;
  static final double CONVERSION_RATE = 0.10;
  static final double KEPT_AFTER_DROP = 0.7;
  static final int WATCH_DAYS = ContentDriftCheck.DEFAULT_WATCH_DAYS;
  static final int HISTORY_DAYS = ContentDriftCheck.DEFAULT_HISTORY_DAYS;
  static final int HORIZON_DAYS = 14;
  /** The change happens on this view day; both checks have full windows of steady data by then. */
  static final int CHANGE_DAY = WATCH_DAYS + HISTORY_DAYS + HORIZON_DAYS + 1;
  static final int DAYS_AFTER_CHANGE = 150;
  static final int MONTH_DAYS = 30;
  /** The stated bound: a 30 % drop of stated intent is caught within this many days after the change in 95 % of runs. */
  static final int DETECTION_BOUND_DAYS = 30;

  static final int DROP_RUNS = 1_000;
  static final int STEADY_ASSET_MONTHS = 2_000;
  static final int MONTHS_PER_STEADY_RUN = 5;

  static long[] intentDays;
  static long[] conversionDays;
  static long[] daysEarlier;
  static int intentFalseAlarms;

  @BeforeAll
  static void simulate() {
    long[] intent = new long[DROP_RUNS];
    long[] conversion = new long[DROP_RUNS];
    List<Long> earlier = new ArrayList<>();
    for (int run = 0; run < DROP_RUNS; run++) {
      Market market = new Market(RandomSource.XO_RO_SHI_RO_128_PP.create(7_000L + run), CHANGE_DAY + DAYS_AFTER_CHANGE);
      market.run(0, CHANGE_DAY, 1.0);
      market.run(CHANGE_DAY, CHANGE_DAY + DAYS_AFTER_CHANGE, KEPT_AFTER_DROP);
      intent[run] = firstAlert(market, true);
      conversion[run] = firstAlert(market, false);
      if (intent[run] >= 0 && conversion[run] >= 0) {
        earlier.add(conversion[run] - intent[run]);
      }
    }
    intentDays = intent;
    conversionDays = conversion;
    daysEarlier = earlier.stream().mapToLong(Long::longValue).toArray();

    // steady assets, each watched for several months after its warm-up: a month counts once if any day alerts
    int alarms = 0;
    for (int run = 0; run < STEADY_ASSET_MONTHS / MONTHS_PER_STEADY_RUN; run++) {
      Market market = new Market(RandomSource.XO_RO_SHI_RO_128_PP.create(900_000L + run),
          CHANGE_DAY + MONTHS_PER_STEADY_RUN * MONTH_DAYS);
      market.run(0, market.views.length, 1.0);
      for (int month = 0; month < MONTHS_PER_STEADY_RUN; month++) {
        if (alertsWithin(market, CHANGE_DAY + month * MONTH_DAYS, CHANGE_DAY + (month + 1) * MONTH_DAYS)) {
          alarms++;
        }
      }
    }
    intentFalseAlarms = alarms;

    System.out.printf("""
        Intent drift on simulated data (%.0f views a day, %.0f %% answered, intent %.0f %%, conversion %.0f %%, both -30 %%; \
        %d runs, %d steady asset-months)
        detector                          | caught within %d days | within 90 days | days after the change: median, 95th pct | steady asset-months alerted
        intent (drop %.0f %%, limit %.1f)     | %6.1f %%              | %6.1f %%        | %4d, %4d                                 | %5.2f %%
        conversion (drop %.0f %%, limit %.1f) | %6.1f %%              | %6.1f %%        | %4d, %4d                                 | (ContentDriftSimulationTest)
        the intent check alerts earlier than the conversion check by (days, both alerted in %d runs): median %d, 5th pct %d, 95th pct %d
        %n""", VIEWS_PER_DAY, ANSWERED * 100, INTENT_RATE * 100, CONVERSION_RATE * 100, DROP_RUNS, STEADY_ASSET_MONTHS,
        DETECTION_BOUND_DAYS,
        IntentDriftCheck.DEFAULT_SETTINGS.relativeDrop() * 100, IntentDriftCheck.DEFAULT_SETTINGS.decisionLimit(),
        within(intentDays, DETECTION_BOUND_DAYS) * 100, within(intentDays, 90) * 100, percentile(intentDays, 0.5),
        percentile(intentDays, 0.95), 100.0 * intentFalseAlarms / STEADY_ASSET_MONTHS,
        ContentDriftCheck.DEFAULT_SETTINGS.relativeDrop() * 100, ContentDriftCheck.DEFAULT_SETTINGS.decisionLimit(),
        within(conversionDays, DETECTION_BOUND_DAYS) * 100, within(conversionDays, 90) * 100, percentile(conversionDays, 0.5),
        percentile(conversionDays, 0.95), daysEarlier.length, percentile(daysEarlier, 0.5), percentile(daysEarlier, 0.05),
        percentile(daysEarlier, 0.95));
  }

  @Test
  void aThirtyPercentDropOfStatedIntentIsCaughtInAtLeast95PercentOfRunsWithinTheStatedDays() {
    assertThat(within(intentDays, DETECTION_BOUND_DAYS)).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void withoutChangeAtMostOnePercentOfAssetMonthsAlert() {
    assertThat((double) intentFalseAlarms / STEADY_ASSET_MONTHS).isLessThanOrEqualTo(0.01);
  }

  @Test
  void theIntentCheckAlertsBeforeTheConversionCheckOnTheSameDrop() {
    assertThat(daysEarlier.length).isGreaterThanOrEqualTo((int) (0.9 * DROP_RUNS));
    assertThat(percentile(daysEarlier, 0.5)).isGreaterThanOrEqualTo(HORIZON_DAYS);
    assertThat(Arrays.stream(daysEarlier).filter(d -> d > 0).count()).isGreaterThanOrEqualTo((long) (0.95 * daysEarlier.length));
  }

  /**
   * The first calendar day, counted from the change, on which the check alerts (-1: never within the run). On
   * calendar day {@code t} the intent check sees the answers of days before {@code t} (answer day = view day + 1); the
   * conversion check sees the views of days before {@code t - 14}.
   */
  static long firstAlert(Market market, boolean intent) {
    int lastDay = market.views.length;
    for (int today = CHANGE_DAY + 1; today <= lastDay + (intent ? 1 : HORIZON_DAYS); today++) {
      // the newest day the check sees, as a view day
      int newest = intent ? today - 2 : today - HORIZON_DAYS - 1;
      if (newest >= lastDay) {
        break;
      }
      if (newest < CHANGE_DAY) {
        continue;
      }
      if (assess(market, intent, newest)) {
        return today - CHANGE_DAY;
      }
    }
    return -1;
  }

  /** Whether the intent check alerts on any calendar day from {@code from} to {@code to} (exclusive). */
  static boolean alertsWithin(Market market, int from, int to) {
    for (int today = from; today < to; today++) {
      if (assess(market, true, today - 2)) {
        return true;
      }
    }
    return false;
  }

  /** The check as it would judge with {@code newest} the newest view day it sees. */
  static boolean assess(Market market, boolean intent, int newest) {
    long[] trials = intent ? market.answers : market.views;
    long[] successes = intent ? market.intents : market.conversions;
    ContentDrift.Settings settings = intent ? IntentDriftCheck.DEFAULT_SETTINGS : ContentDriftCheck.DEFAULT_SETTINGS;
    Counts history = sum(trials, successes, newest - WATCH_DAYS - HISTORY_DAYS + 1, newest - WATCH_DAYS);
    List<Counts> watched = new ArrayList<>(WATCH_DAYS);
    for (int d = newest - WATCH_DAYS + 1; d <= newest; d++) {
      watched.add(new Counts(trials[d], successes[d]));
    }
    return ContentDrift.assess(history, watched, settings).drifted();
  }

  static Counts sum(long[] trials, long[] successes, int from, int to) {
    long n = 0;
    long k = 0;
    for (int day = Math.max(0, from); day <= to; day++) {
      n += trials[day];
      k += successes[day];
    }
    return new Counts(n, k);
  }

  static double within(long[] days, int bound) {
    return (double) Arrays.stream(days).filter(d -> d >= 0 && d <= bound).count() / days.length;
  }

  static long percentile(long[] values, double q) {
    long[] alerted = Arrays.stream(values).filter(d -> d >= 0).sorted().toArray();
    if (alerted.length == 0) {
      return -1;
    }
    return alerted[(int) Math.min(alerted.length - 1, Math.max(0, Math.ceil(q * alerted.length) - 1))];
  }

  /** Per view day: views, of them answered, answers stating intent, and views converting (independently drawn). */
  static final class Market {
    final UniformRandomProvider rng;
    final PoissonSampler viewsOfADay;
    final long[] views;
    final long[] conversions;
    final long[] answers;
    final long[] intents;

    Market(UniformRandomProvider rng, int days) {
      this.rng = rng;
      this.viewsOfADay = new PoissonSampler(rng, VIEWS_PER_DAY);
      this.views = new long[days];
      this.conversions = new long[days];
      this.answers = new long[days];
      this.intents = new long[days];
    }

    /** Days {@code from} to {@code to} (exclusive) with both true rates times {@code kept}. */
    void run(int from, int to, double kept) {
      for (int day = from; day < to; day++) {
        int n = viewsOfADay.sample();
        views[day] = n;
        for (int i = 0; i < n; i++) {
          if (rng.nextDouble() < CONVERSION_RATE * kept) {
            conversions[day]++;
          }
          // answered stating intent with probability ANSWERED * intent rate, answered without it up to ANSWERED
          double answer = rng.nextDouble();
          if (answer < ANSWERED) {
            answers[day]++;
            if (answer < ANSWERED * INTENT_RATE * kept) {
              intents[day]++;
            }
          }
        }
      }
    }
  }
}
