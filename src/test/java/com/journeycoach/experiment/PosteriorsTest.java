package com.journeycoach.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class PosteriorsTest {

  @Test
  void aThinSegmentBorrowsFromThePopulationAndAWellObservedOneGoesByItsOwnData() {
    Posteriors posteriors = new Posteriors(10)
        .add("big", "video", 300, 700)      // the population converts at about 30 %
        .add("thin", "video", 0, 1)         // one failure in the thin segment
        .add("other", "video", 90, 10);     // a segment of its own at 90 %

    // pooled mean (1 + 390) / (2 + 1101), weighing 10 observations: the thin segment stays near it
    double pooled = 391.0 / 1103;
    assertThat(posteriors.of("thin", "video").mean()).isCloseTo((1 + 10 * pooled) / (2 + 10 + 1), within(1e-9));
    assertThat(posteriors.of("thin", "video").mean()).isBetween(0.25, 0.40);
    // a uniform prior alone would have said 1/3 for one failure, then much lower after a few more
    assertThat(posteriors.of("other", "video").mean()).isGreaterThan(0.80);
    // an arm nobody has seen: uniform, the pooled data weighs nothing
    assertThat(posteriors.of("thin", "article")).isEqualTo(new Posteriors.Beta(1, 1));
  }

  @Test
  void pendingPullsAreNeitherSuccessNorFailure() {
    Posteriors posteriors = new Posteriors(10).add("s", "video", 2, 1);
    assertThat(posteriors.counts("s", "video")).isEqualTo(new Posteriors.Counts(2, 1));
    assertThat(posteriors.pooled("video")).isEqualTo(new Posteriors.Beta(3, 2));
  }

  @Test
  void thompsonSamplingPicksEachArmAboutAsOftenAsItIsProbablyBestAndEstimatesItsPropensity() {
    Posteriors posteriors = new Posteriors(0).add("s", "good", 60, 40).add("s", "poor", 40, 60).add("s", "unknown", 0, 0);
    List<String> arms = List.of("good", "poor", "unknown");
    var rng = RandomSource.XO_RO_SHI_RO_128_PP.create(5L);
    Map<String, Double> best = ThompsonSampling.probabilityBest(arms, arm -> posteriors.of("s", arm), rng, 20_000);
    assertThat(best.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-9));
    assertThat(best.get("good")).isGreaterThan(best.get("poor"));
    // the uniform arm is best whenever its draw beats about 0.6: roughly 40 % of the time
    assertThat(best.get("unknown")).isBetween(0.3, 0.5);

    int good = 0;
    for (int i = 0; i < 4_000; i++) {
      if (ThompsonSampling.choose(arms, arm -> posteriors.of("s", arm), rng).equals("good")) {
        good++;
      }
    }
    assertThat(good / 4_000.0).isCloseTo(best.get("good"), within(0.03));
    ThompsonSampling.Choice choice = ThompsonSampling.chooseWithPropensity(arms, arm -> posteriors.of("s", arm), rng, 2_000);
    assertThat(choice.propensity()).isCloseTo(best.get(choice.arm()), within(0.05));
  }
}
