package com.journeycoach.statistics;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.statistics.distribution.BetaDistribution;

/**
 * Has an asset's conversion after a view dropped? A sequential test: a Bernoulli CUSUM over
 * the daily counts of the watch window, against the rate the asset had in its history before
 * that window. Each day adds the log-likelihood ratio of "the rate fell by {@code relativeDrop}"
 * to "the rate is still the history rate"; the sum restarts at zero whenever it goes negative,
 * and the asset drifts when it reaches {@code decisionLimit}. The limit sets the false-alarm
 * rate; {@code ContentDriftSimulationTest} measures it and the detection delay on data of known truth.
 *
 * <p>The evidence for the manager: the day the sum last left zero (the estimated change),
 * the views and conversions since then against history, and the Beta posterior probability
 * that the rate since then is below the history rate (uniform priors).
 *
 * <p>A pure function of counts, fed from SQL aggregates in production.
 */
public final class ContentDrift {

  /** Views of an asset and how many of them converted. */
  public record Counts(long views, long conversions) {
    public static final Counts NONE = new Counts(0, 0);

    public Counts {
      if (views < 0 || conversions < 0 || conversions > views) {
        throw new IllegalArgumentException("need 0 <= conversions <= views, got " + conversions + " of " + views);
      }
    }

    public double rate() {
      return views == 0 ? Double.NaN : (double) conversions / views;
    }

    public Counts plus(Counts other) {
      return new Counts(views + other.views, conversions + other.conversions);
    }
  }

  /**
   * How the test decides: the relative drop it is tuned to detect, the CUSUM limit (in nats) it
   * alerts at, and the fewest history views and conversions before it judges at all.
   */
  public record Settings(double relativeDrop, double decisionLimit, long minHistoryViews, long minHistoryConversions) {
    public Settings {
      if (relativeDrop <= 0 || relativeDrop >= 1 || decisionLimit <= 0) {
        throw new IllegalArgumentException("relative drop in (0, 1) and a positive decision limit");
      }
    }
  }

  /**
   * The evidence of one assessment. {@code statistic} is the CUSUM at the last day, {@code changeDay}
   * the index of the first day of the run that raised it, {@code sinceChange} the counts from that
   * day on, {@code probability} P(rate since change &lt; history rate), computed when drifted (else NaN).
   */
  public record Assessment(Counts history, Counts sinceChange, int changeDay, double statistic, double probability,
                           boolean judged, boolean drifted) {
  }

  private ContentDrift() {
  }

  /** Assesses the daily counts of the watch window, oldest first, against the history before it. */
  public static Assessment assess(Counts history, List<Counts> days, Settings settings) {
    return assess(history, days, settings, new ArrayList<>());
  }

  /**
   * As {@link #assess(Counts, List, Settings)}, and adds the CUSUM after each day to {@code path}, up to the day it
   * alerted (nothing when the history is too thin to judge): what Insights plots.
   */
  public static Assessment assess(Counts history, List<Counts> days, Settings settings, List<Double> path) {
    if (history.views() < settings.minHistoryViews() || history.conversions() < settings.minHistoryConversions()
        || history.conversions() == history.views()) {
      return new Assessment(history, Counts.NONE, -1, 0, Double.NaN, false, false);
    }
    double p0 = history.rate();
    double p1 = p0 * (1 - settings.relativeDrop());
    // log of the ratio of the Bernoulli likelihoods under p1 and p0, per conversion and per non-conversion
    double perConversion = Math.log(p1 / p0);
    double perMiss = Math.log1p(-p1) - Math.log1p(-p0);
    double statistic = 0;
    int runStart = 0;
    Counts since = Counts.NONE;
    boolean drifted = false;
    for (int day = 0; day < days.size(); day++) {
      Counts today = days.get(day);
      statistic += today.conversions() * perConversion + (today.views() - today.conversions()) * perMiss;
      if (statistic <= 0) {
        statistic = 0;
        runStart = day + 1;
        since = Counts.NONE;
      } else {
        since = since.plus(today);
      }
      path.add(statistic);
      if (statistic >= settings.decisionLimit()) {
        drifted = true;
        break;
      }
    }
    double probability = drifted ? probabilityBelow(since, history) : Double.NaN;
    return new Assessment(history, since, runStart, statistic, probability, true, drifted);
  }

  /** Points of the quadrature over the history posterior; enough for four decimals of probability. */
  private static final int POINTS = 256;

  /**
   * P(p_recent &lt; p_history) with Beta(1 + conversions, 1 + misses) posteriors: E_history[F_recent(p)],
   * integrated by the midpoint rule within ten standard deviations of the history posterior's mean
   * (weights normalised, so the little mass outside is spread proportionally).
   */
  public static double probabilityBelow(Counts recent, Counts history) {
    BetaDistribution historyRate = BetaDistribution.of(1.0 + history.conversions(), 1.0 + history.views() - history.conversions());
    BetaDistribution recentRate = BetaDistribution.of(1.0 + recent.conversions(), 1.0 + recent.views() - recent.conversions());
    double mean = historyRate.getMean();
    double spread = 10 * Math.sqrt(historyRate.getVariance());
    double low = Math.max(0, mean - spread);
    double high = Math.min(1, mean + spread);
    double step = (high - low) / POINTS;
    double weighted = 0;
    double total = 0;
    for (int i = 0; i < POINTS; i++) {
      double p = low + (i + 0.5) * step;
      double weight = historyRate.density(p);
      weighted += weight * recentRate.cumulativeProbability(p);
      total += weight;
    }
    return total == 0 ? 0 : weighted / total;
  }
}
