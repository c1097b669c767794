package com.journeycoach.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.LogNormalDistribution;
import org.junit.jupiter.api.Test;

/** Pace tuning on simulated step durations of known truth (log-normal, fixed seeds). */
class PaceTunerTest {

  static final PaceTuner.Settings SETTINGS = new PaceTuner.Settings(0.8, 30, 0.2, 0.1);

  /** Durations in minutes of a step whose median is {@code medianHours}, with a long right tail. */
  static NavigableMap<Long, Long> sample(ContinuousDistribution.Sampler sampler, int n) {
    NavigableMap<Long, Long> histogram = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      histogram.merge((long) Math.floor(sampler.sample()), 1L, Long::sum);
    }
    return histogram;
  }

  @Test
  void convergesWithinTenPercentOfTheTrueQuantileAndNeverMovesMoreThanTheBound() {
    for (long seed = 1; seed <= 20; seed++) {
      UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
      // true median 30 hours, log-sd 0.5: the 80 % quantile is about 45.7 hours, far below the current P3D
      LogNormalDistribution truth = LogNormalDistribution.of(Math.log(30 * 60), 0.5);
      double trueQuantileMinutes = truth.inverseCumulativeProbability(0.8);
      ContinuousDistribution.Sampler sampler = truth.createSampler(rng);
      String value = "P3D";
      int runs = 0;
      for (; runs < 30; runs++) {
        Duration before = PaceTuner.parse(value);
        var proposal = PaceTuner.propose("pace.prospect-development.view", "P3D", value, sample(sampler, 200), SETTINGS);
        if (proposal.isEmpty()) {
          break;
        }
        Duration after = PaceTuner.parse(proposal.get().newValue());
        assertThat(Math.abs((double) after.toSeconds() / before.toSeconds() - 1)).as("move of run %d", runs)
            .isLessThanOrEqualTo(SETTINGS.maxStepFraction());
        value = proposal.get().newValue();
      }
      double tunedMinutes = PaceTuner.parse(value).toMinutes();
      if (seed == 1) {
        System.out.printf("Pace tuning: true 80%% quantile %.1f h, tuned %s after %d runs of 200 journeys (%.1f %% off)%n",
            trueQuantileMinutes / 60, value, runs, 100 * Math.abs(tunedMinutes / trueQuantileMinutes - 1));
      }
      assertThat(tunedMinutes).as("seed %d", seed).isCloseTo(trueQuantileMinutes, org.assertj.core.data.Percentage.withPercentage(10));
    }
  }

  @Test
  void fewSamplesMoveLittle() {
    Duration current = Duration.ofHours(72);
    Duration measured = Duration.ofHours(36);
    Duration withThree = PaceTuner.tune(current, current, measured, 3, SETTINGS);
    Duration withThreeHundred = PaceTuner.tune(current, current, measured, 300, SETTINGS);

    assertThat(withThree).isEqualTo(Duration.ofHours(69)); // weight 3/33: 72 - 36 * 0.09 = 68.7, rounded toward 72
    assertThat(withThreeHundred).isEqualTo(Duration.ofHours(58)); // bounded: 72 * 0.8 = 57.6, rounded toward 72
  }

  /**
   * Daily runs over overlapping windows see the same few journeys again and again: shrunk toward the
   * current value, five journeys would set the pace within weeks; shrunk toward the default, they move it
   * only by their weight, however many runs see them.
   */
  @Test
  void thinDataSeenRunAfterRunStaysNearTheDefault() {
    NavigableMap<Long, Long> fiveJourneys = new TreeMap<>();
    fiveJourneys.put(36L * 60, 5L);
    String value = "P3D";
    for (int run = 0; run < 60; run++) {
      var proposal = PaceTuner.propose("pace.prospect-development.view", "P3D", value, fiveJourneys, SETTINGS);
      if (proposal.isEmpty()) {
        break;
      }
      value = proposal.get().newValue();
    }
    // weight 5/35: 72 h - (72 - 36) h * 0.14 = 66.9 h, rounded toward the current value
    assertThat(PaceTuner.parse(value)).isEqualTo(Duration.ofHours(67));
  }

  @Test
  void aPaceChangedByHandIsTunedFromTheDefaultToo() {
    NavigableMap<Long, Long> manyJourneys = new TreeMap<>();
    manyJourneys.put(48L * 60, 270L);
    // someone set the view pace to 60 h; 270 journeys at 48 h weigh 0.9 against the default 72 h: 50.4 h
    var proposal = PaceTuner.propose("pace.prospect-development.view", "P3D", "PT60H", manyJourneys, SETTINGS).orElseThrow();
    assertThat(proposal.newValue()).isEqualTo("PT51H");
    assertThat(proposal.reason()).contains("against the default P3D", "PT60H -> PT51H");
  }

  @Test
  void noSamplesProposeNothing() {
    assertThat(PaceTuner.propose("pace.prospect-development.share", "P2D", "P2D", new TreeMap<>(), SETTINGS)).isEmpty();
  }

  @Test
  void smallMovesApplyAtOnceAndLargeOnesNeedApproval() {
    NavigableMap<Long, Long> slightlyLonger = new TreeMap<>();
    slightlyLonger.put(52L * 60, 1000L);
    NavigableMap<Long, Long> muchLonger = new TreeMap<>();
    muchLonger.put(96L * 60, 1000L);

    var small = PaceTuner.propose("pace.prospect-development.share", "P2D", "P2D", slightlyLonger, SETTINGS).orElseThrow();
    var large = PaceTuner.propose("pace.prospect-development.share", "P2D", "P2D", muchLonger, SETTINGS).orElseThrow();

    assertThat(small.newValue()).isEqualTo("PT51H");
    assertThat(small.needsApproval()).isFalse();
    assertThat(large.newValue()).isEqualTo("PT57H");
    assertThat(large.needsApproval()).isTrue();
    assertThat(large.reason()).contains("1000 converted journeys", "P2D -> PT57H");
  }
}
