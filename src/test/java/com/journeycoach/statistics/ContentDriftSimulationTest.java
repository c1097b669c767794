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
 * The drift test on simulated data of known truth, with its false-alarm rate and detection delay: one asset with a
 * true conversion after a view of 10 %, about 40 matured views a day (Poisson), outcomes drawn
 * per view. The CUSUM runs daily over the last 90 days against the 365 days before them, as the
 * production check does; the naive rule (this week's rate below last month's by 20 %) runs weekly.
 * Fixed seeds, so the figures printed are the same on every machine.
 */
class ContentDriftSimulationTest {

  static final double BASE_RATE = 0.10;
  static final double DROPPED_RATE = BASE_RATE * 0.7;
  static final double VIEWS_PER_DAY = 40;
  static final int WATCH_DAYS = ContentDriftCheck.DEFAULT_WATCH_DAYS;
  static final int HISTORY_DAYS = ContentDriftCheck.DEFAULT_HISTORY_DAYS;
  static final int WARM_UP_DAYS = WATCH_DAYS + HISTORY_DAYS;
  static final int MONTH_DAYS = 30;
  static final int WATCH_DAYS_AFTER_CHANGE = 90;
  /** The stated bound: a 30 % drop is caught within this many views after the change in at least 95 % of runs. */
  static final long DETECTION_BOUND_VIEWS = 2_500;

  static final ContentDrift.Settings SETTINGS = ContentDriftCheck.DEFAULT_SETTINGS;

  static final int DROP_RUNS = 1_000;
  static final int STEADY_ASSET_MONTHS = 2_000;

  static Result cusumDrop;
  static Result naiveDrop;
  static Result cusumSteady;
  static Result naiveSteady;

  /** Alerts (runs or asset-months with at least one alert) and, for drops, the views after the change until the alert. */
  record Result(int runs, int alerts, long[] delaysInViews) {
    double alertRate() {
      return (double) alerts / runs;
    }

    long delayPercentile(double q) {
      if (delaysInViews.length == 0) {
        return -1;
      }
      long[] sorted = delaysInViews.clone();
      Arrays.sort(sorted);
      return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    }

    double alertedWithin(long views) {
      return (double) Arrays.stream(delaysInViews).filter(d -> d <= views).count() / runs;
    }
  }

  interface Detector {
    /** Whether the detector alerts at the end of this day, given daily views and conversions up to it. */
    boolean alerts(long[] views, long[] conversions, int day);
  }

  static final Detector CUSUM = (views, conversions, day) -> {
    if (day < WARM_UP_DAYS - 1) {
      return false;
    }
    List<Counts> watched = new ArrayList<>(WATCH_DAYS);
    for (int d = day - WATCH_DAYS + 1; d <= day; d++) {
      watched.add(new Counts(views[d], conversions[d]));
    }
    Counts history = sum(views, conversions, day - WATCH_DAYS - HISTORY_DAYS + 1, day - WATCH_DAYS);
    return ContentDrift.assess(history, watched, SETTINGS).drifted();
  };

  /** Alert when this week's rate is below last month's (the four weeks before) by 20 %; checked once a week. */
  static final Detector NAIVE = (views, conversions, day) -> {
    if (day < 34 || (day + 1) % 7 != 0) {
      return false;
    }
    Counts week = sum(views, conversions, day - 6, day);
    Counts month = sum(views, conversions, day - 34, day - 7);
    return week.views() > 0 && week.rate() < 0.8 * month.rate();
  };

  @BeforeAll
  static void simulate() {
    cusumDrop = drop(CUSUM, 1);
    naiveDrop = drop(NAIVE, 1);
    cusumSteady = steady(CUSUM, 100_001);
    naiveSteady = steady(NAIVE, 100_001);
    System.out.printf("""
        Content drift on simulated data (true rate %.0f %%, %.0f views a day, %d runs with a 30 %% drop, %d steady asset-months)
        detector                               | drop caught | within %d views | views to alert: median, 95th pct | steady asset-months alerted
        CUSUM (drop %.0f %%, limit %.1f, daily)     | %6.1f %%    | %6.1f %%          | %6d, %6d                     | %5.2f %%
        naive (week < 0.8 x month, weekly)     | %6.1f %%    | %6.1f %%          | %6d, %6d                     | %5.2f %%
        %n""", BASE_RATE * 100, VIEWS_PER_DAY, DROP_RUNS, STEADY_ASSET_MONTHS, DETECTION_BOUND_VIEWS,
        SETTINGS.relativeDrop() * 100, SETTINGS.decisionLimit(),
        cusumDrop.alertRate() * 100, cusumDrop.alertedWithin(DETECTION_BOUND_VIEWS) * 100, cusumDrop.delayPercentile(0.5),
        cusumDrop.delayPercentile(0.95), cusumSteady.alertRate() * 100,
        naiveDrop.alertRate() * 100, naiveDrop.alertedWithin(DETECTION_BOUND_VIEWS) * 100, naiveDrop.delayPercentile(0.5),
        naiveDrop.delayPercentile(0.95), naiveSteady.alertRate() * 100);
  }

  @Test
  void aThirtyPercentDropIsCaughtInAtLeast95PercentOfRunsWithinTheStatedViews() {
    assertThat(cusumDrop.alertedWithin(DETECTION_BOUND_VIEWS)).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void withoutChangeAtMostOnePercentOfAssetMonthsAlert() {
    assertThat(cusumSteady.alertRate()).isLessThanOrEqualTo(0.01);
  }

  @Test
  void theNaiveRuleRaisesFarMoreFalseAlarms() {
    assertThat(naiveSteady.alertRate()).isGreaterThan(10 * Math.max(cusumSteady.alertRate(), 0.001));
  }

  /** Runs whose conversion drops by 30 % on the first watched day; the views after the change until the first alert. */
  static Result drop(Detector detector, long seed) {
    long[] delays = new long[DROP_RUNS];
    int alerts = 0;
    for (int run = 0; run < DROP_RUNS; run++) {
      UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed + run);
      Market market = new Market(rng, WARM_UP_DAYS + WATCH_DAYS_AFTER_CHANGE);
      market.run(0, WARM_UP_DAYS, BASE_RATE);
      long viewsSinceChange = 0;
      for (int day = WARM_UP_DAYS; day < WARM_UP_DAYS + WATCH_DAYS_AFTER_CHANGE; day++) {
        market.run(day, day + 1, DROPPED_RATE);
        viewsSinceChange += market.views[day];
        if (detector.alerts(market.views, market.conversions, day)) {
          delays[alerts++] = viewsSinceChange;
          break;
        }
      }
    }
    return new Result(DROP_RUNS, alerts, Arrays.copyOf(delays, alerts));
  }

  /** Asset-months without any change, each after a full warm-up; counts the months with at least one alert. */
  static Result steady(Detector detector, long seed) {
    int alerts = 0;
    for (int run = 0; run < STEADY_ASSET_MONTHS; run++) {
      UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed + run);
      Market market = new Market(rng, WARM_UP_DAYS + MONTH_DAYS);
      market.run(0, WARM_UP_DAYS, BASE_RATE);
      for (int day = WARM_UP_DAYS; day < WARM_UP_DAYS + MONTH_DAYS; day++) {
        market.run(day, day + 1, BASE_RATE);
        if (detector.alerts(market.views, market.conversions, day)) {
          alerts++;
          break;
        }
      }
    }
    return new Result(STEADY_ASSET_MONTHS, alerts, new long[0]);
  }

  static Counts sum(long[] views, long[] conversions, int from, int to) {
    long v = 0;
    long c = 0;
    for (int day = Math.max(0, from); day <= to; day++) {
      v += views[day];
      c += conversions[day];
    }
    return new Counts(v, c);
  }

  /** Daily matured views of one asset and how many converted, drawn from the true rate of each day. */
  static final class Market {
    final UniformRandomProvider rng;
    final PoissonSampler viewsOfADay;
    final long[] views;
    final long[] conversions;

    Market(UniformRandomProvider rng, int days) {
      this.rng = rng;
      this.viewsOfADay = new PoissonSampler(rng, VIEWS_PER_DAY);
      this.views = new long[days];
      this.conversions = new long[days];
    }

    void run(int fromDay, int toDay, double trueRate) {
      for (int day = fromDay; day < toDay; day++) {
        int n = viewsOfADay.sample();
        int converted = 0;
        for (int i = 0; i < n; i++) {
          if (rng.nextDouble() < trueRate) {
            converted++;
          }
        }
        views[day] = n;
        conversions[day] = converted;
      }
    }
  }
}
