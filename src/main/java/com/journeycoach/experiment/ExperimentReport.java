package com.journeycoach.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.BetaDistribution;

/**
 * An experiment's figures per arm and segment (and over all segments, {@code segment} "all"): suggestions made,
 * those the distributor overrode, rewards observed and pending, the posterior's mean and 90 % credible interval,
 * the posterior probability of being the best arm and the expected lift over the default arm (difference of means).
 */
public record ExperimentReport(Experiment experiment, String defaultArm, List<ArmFigures> arms) {

  /** Over every segment. */
  public static final String ALL = "all";
  /** Rounds of posterior draws behind a probability of being best (standard error at most 0.004). */
  static final int BEST_DRAWS = 20_000;

  public record ArmFigures(String segment, String assetId, long suggested, long overridden, long successes, long failures,
                           long pending, double posteriorMean, double lower90, double upper90, double probabilityBest,
                           double expectedLift) {
  }

  static ExperimentReport of(Experiment experiment, String defaultArm, Map<String, Map<String, long[]>> tallies,
                             Posteriors posteriors, Map<String, Map<String, Long>> pending) {
    List<ArmFigures> figures = new ArrayList<>();
    // the same draws every time for the same experiment and data, so a page reloaded shows the same figures
    long seed = experiment.id().hashCode();
    TreeSet<String> segments = new TreeSet<>(tallies.keySet());
    for (String segment : segments) {
      figures.addAll(segmentFigures(experiment, defaultArm, segment, tallies.getOrDefault(segment, Map.of()), pending.getOrDefault(segment, Map.of()),
          arm -> posteriors.of(segment, arm), arm -> posteriors.counts(segment, arm), seed));
    }
    Map<String, long[]> allTallies = new java.util.HashMap<>();
    Map<String, Long> allPending = new java.util.HashMap<>();
    tallies.values().forEach(bySegment -> bySegment.forEach((arm, t) -> {
      long[] sum = allTallies.computeIfAbsent(arm, a -> new long[2]);
      sum[0] += t[0];
      sum[1] += t[1];
    }));
    pending.values().forEach(bySegment -> bySegment.forEach((arm, n) -> allPending.merge(arm, n, Long::sum)));
    figures.addAll(segmentFigures(experiment, defaultArm, ALL, allTallies, allPending, posteriors::pooled, posteriors::pooledCounts, seed));
    return new ExperimentReport(experiment, defaultArm, figures);
  }

  private static List<ArmFigures> segmentFigures(Experiment experiment, String defaultArm, String segment, Map<String, long[]> tallies,
                                                 Map<String, Long> pending,
                                                 java.util.function.Function<String, Posteriors.Beta> posterior,
                                                 java.util.function.Function<String, Posteriors.Counts> counts, long seed) {
    Map<String, Double> best = ThompsonSampling.probabilityBest(experiment.arms(), posterior,
        RandomSource.XO_RO_SHI_RO_128_PP.create(seed ^ segment.hashCode()), BEST_DRAWS);
    double defaultMean = posterior.apply(defaultArm).mean();
    List<ArmFigures> figures = new ArrayList<>();
    for (String arm : experiment.arms()) {
      Posteriors.Beta beta = posterior.apply(arm);
      BetaDistribution distribution = BetaDistribution.of(beta.alpha(), beta.beta());
      long[] tally = tallies.getOrDefault(arm, new long[2]);
      Posteriors.Counts observed = counts.apply(arm);
      figures.add(new ArmFigures(segment, arm, tally[0], tally[1], observed.successes(), observed.failures(),
          pending.getOrDefault(arm, 0L), beta.mean(), distribution.inverseCumulativeProbability(0.05),
          distribution.inverseCumulativeProbability(0.95), best.get(arm), beta.mean() - defaultMean));
    }
    return figures;
  }

  /** The arm most probably best over all segments (ties: the earlier arm). */
  static String mostProbablyBest(Experiment experiment, Posteriors posteriors) {
    Map<String, Double> best = ThompsonSampling.probabilityBest(experiment.arms(), posteriors::pooled,
        RandomSource.XO_RO_SHI_RO_128_PP.create(experiment.id().hashCode()), BEST_DRAWS);
    String winner = experiment.arms().get(0);
    for (String arm : experiment.arms()) {
      if (best.get(arm) > best.get(winner)) {
        winner = arm;
      }
    }
    return winner;
  }
}
