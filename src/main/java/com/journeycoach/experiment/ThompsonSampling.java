package com.journeycoach.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ChengBetaSampler;
import org.apache.commons.rng.sampling.distribution.SharedStateContinuousSampler;

/**
 * Thompson sampling: one draw from each arm's posterior, the best draw wins. The same draws, repeated, estimate
 * the probability that the sampling picks each arm (the propensity logged with a suggestion) and the posterior
 * probability that each arm is the best.
 */
public final class ThompsonSampling {

  /** Draws per estimate of a propensity; its standard error is at most 0.5/sqrt(200), about 0.035. */
  public static final int PROPENSITY_DRAWS = 200;

  private ThompsonSampling() {
  }

  /** The arm chosen and the estimated probability that the sampling chooses it. */
  public record Choice(String arm, double propensity) {
  }

  /** Picks among {@code arms} (at least one) by one draw from each posterior. */
  public static String choose(List<String> arms, Function<String, Posteriors.Beta> posterior, UniformRandomProvider rng) {
    SharedStateContinuousSampler[] samplers = samplers(arms, posterior, rng);
    return arms.get(best(samplers));
  }

  /** Picks as {@link #choose} and estimates the propensity of the arm picked from {@code draws} more rounds. */
  public static Choice chooseWithPropensity(List<String> arms, Function<String, Posteriors.Beta> posterior,
                                            UniformRandomProvider rng, int draws) {
    SharedStateContinuousSampler[] samplers = samplers(arms, posterior, rng);
    int chosen = best(samplers);
    int wins = 0;
    for (int i = 0; i < draws; i++) {
      if (best(samplers) == chosen) {
        wins++;
      }
    }
    // the pick itself is one more round, so the estimate is never 0 for an arm that was picked
    return new Choice(arms.get(chosen), (wins + 1.0) / (draws + 1.0));
  }

  /** The posterior probability that each arm has the highest rate, from {@code draws} rounds. */
  public static Map<String, Double> probabilityBest(List<String> arms, Function<String, Posteriors.Beta> posterior,
                                                    UniformRandomProvider rng, int draws) {
    SharedStateContinuousSampler[] samplers = samplers(arms, posterior, rng);
    int[] wins = new int[arms.size()];
    for (int i = 0; i < draws; i++) {
      wins[best(samplers)]++;
    }
    Map<String, Double> probabilities = new LinkedHashMap<>();
    for (int i = 0; i < arms.size(); i++) {
      probabilities.put(arms.get(i), wins[i] / (double) draws);
    }
    return probabilities;
  }

  private static SharedStateContinuousSampler[] samplers(List<String> arms, Function<String, Posteriors.Beta> posterior,
                                                          UniformRandomProvider rng) {
    if (arms.isEmpty()) {
      throw new IllegalArgumentException("no arm to choose from");
    }
    SharedStateContinuousSampler[] samplers = new SharedStateContinuousSampler[arms.size()];
    for (int i = 0; i < samplers.length; i++) {
      Posteriors.Beta beta = posterior.apply(arms.get(i));
      samplers[i] = ChengBetaSampler.of(rng, beta.alpha(), beta.beta());
    }
    return samplers;
  }

  /** The index of the best draw; ties go to the earlier arm (the default sequence's order). */
  private static int best(SharedStateContinuousSampler[] samplers) {
    int best = 0;
    double bestDraw = samplers[0].sample();
    for (int i = 1; i < samplers.length; i++) {
      double draw = samplers[i].sample();
      if (draw > bestDraw) {
        best = i;
        bestDraw = draw;
      }
    }
    return best;
  }
}
