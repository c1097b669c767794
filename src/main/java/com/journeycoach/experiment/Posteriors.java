package com.journeycoach.experiment;

import java.util.HashMap;
import java.util.Map;

/**
 * Beta posteriors of each arm's reward rate per segment. A segment's prior is the arm's pooled posterior over
 * every segment, weighing at most {@code priorWeight} observations (never more than the pooled data holds), on
 * top of a uniform Beta(1, 1): a thin segment starts from what the whole population showed, a well-observed one
 * soon goes by its own data. Pending pulls (a journey still open, no proxy yet) are neither success nor failure.
 */
public final class Posteriors {

  /** Rewarded and unrewarded pulls of one arm. */
  public record Counts(long successes, long failures) {
    public static final Counts NONE = new Counts(0, 0);

    public long observed() {
      return successes + failures;
    }

    Counts plus(long moreSuccesses, long moreFailures) {
      return new Counts(successes + moreSuccesses, failures + moreFailures);
    }
  }

  /** A Beta(alpha, beta) distribution of a rate. */
  public record Beta(double alpha, double beta) {
    public double mean() {
      return alpha / (alpha + beta);
    }
  }

  /** Observations the pooled posterior may weigh as a segment's prior, as the application's experiments use it. */
  public static final double PRIOR_WEIGHT = 10;

  private final double priorWeight;
  private final Map<String, Map<String, Counts>> bySegment = new HashMap<>();
  private final Map<String, Counts> pooled = new HashMap<>();

  public Posteriors(double priorWeight) {
    if (!(priorWeight >= 0)) {
      throw new IllegalArgumentException("prior weight must be 0 or more");
    }
    this.priorWeight = priorWeight;
  }

  /** Adds observed rewards of an arm in a segment. */
  public Posteriors add(String segment, String arm, long successes, long failures) {
    bySegment.computeIfAbsent(segment, s -> new HashMap<>()).merge(arm, new Counts(successes, failures),
        (a, b) -> a.plus(b.successes(), b.failures()));
    pooled.merge(arm, new Counts(successes, failures), (a, b) -> a.plus(b.successes(), b.failures()));
    return this;
  }

  /** Adds one observed reward. */
  public Posteriors add(String segment, String arm, boolean rewarded) {
    return add(segment, arm, rewarded ? 1 : 0, rewarded ? 0 : 1);
  }

  public Counts counts(String segment, String arm) {
    return bySegment.getOrDefault(segment, Map.of()).getOrDefault(arm, Counts.NONE);
  }

  public Counts pooledCounts(String arm) {
    return pooled.getOrDefault(arm, Counts.NONE);
  }

  /** The arm's posterior over every segment, from a uniform prior. */
  public Beta pooled(String arm) {
    Counts all = pooledCounts(arm);
    return new Beta(1 + all.successes(), 1 + all.failures());
  }

  /** The arm's posterior in the segment: the pooled posterior as prior (at most {@code priorWeight} strong), then the segment's data. */
  public Beta of(String segment, String arm) {
    Counts all = pooledCounts(arm);
    Counts own = counts(segment, arm);
    double weight = Math.min(priorWeight, all.observed());
    double pooledMean = (1.0 + all.successes()) / (2.0 + all.observed());
    return new Beta(1 + weight * pooledMean + own.successes(), 1 + weight * (1 - pooledMean) + own.failures());
  }
}
