package com.journeycoach.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeycoach.statistics.TeamShrinkage.Flag;
import com.journeycoach.statistics.TeamShrinkage.Record;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;

/**
 * The struggling and excelling flags on simulated teams of known truth: per team 80 steady distributors converting
 * 20 % of their closed journeys, 10 struggling at half that (10 %) and 10 excelling at 35 %; every distributor
 * closed the same number of journeys. 200 teams per size, fixed seeds, the defaults of V23 (prior weight 20,
 * flag probability 0.975), so the figures printed are the same on every machine (docs/statistics.md).
 */
class DistributorFlagsSimulationTest {

  static final double STEADY_RATE = 0.20;
  static final double STRUGGLING_RATE = 0.10;
  static final double EXCELLING_RATE = 0.35;
  static final int STEADY = 80;
  static final int STRUGGLING = 10;
  static final int EXCELLING = 10;
  static final int TEAMS = 200;
  static final TeamShrinkage.Settings SETTINGS = new TeamShrinkage.Settings(20, 0.975);

  record Rates(int closedEach, double falseFlags, double strugglingFound, double excellingFound) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "| %d | %.1f %% | %.1f %% | %.1f %% |", closedEach, 100 * falseFlags,
          100 * strugglingFound, 100 * excellingFound);
    }
  }

  static Rates simulate(int closedEach, long seed) {
    UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    long steadyFlagged = 0;
    long strugglingFound = 0;
    long excellingFound = 0;
    for (int team = 0; team < TEAMS; team++) {
      List<Record> records = new ArrayList<>();
      List<Double> truth = new ArrayList<>();
      for (int i = 0; i < STEADY + STRUGGLING + EXCELLING; i++) {
        double rate = i < STEADY ? STEADY_RATE : i < STEADY + STRUGGLING ? STRUGGLING_RATE : EXCELLING_RATE;
        truth.add(rate);
        records.add(new Record(closedEach, BinomialDistribution.of(closedEach, rate).createSampler(random).sample()));
      }
      TeamShrinkage shrinkage = TeamShrinkage.of(records, SETTINGS).orElseThrow();
      for (int i = 0; i < records.size(); i++) {
        Flag flag = shrinkage.assess(records.get(i)).flag();
        if (truth.get(i) == STEADY_RATE && flag != Flag.NONE) {
          steadyFlagged++;
        } else if (truth.get(i) == STRUGGLING_RATE && flag == Flag.STRUGGLING) {
          strugglingFound++;
        } else if (truth.get(i) == EXCELLING_RATE && flag == Flag.EXCELLING) {
          excellingFound++;
        }
      }
    }
    return new Rates(closedEach, (double) steadyFlagged / (TEAMS * STEADY), (double) strugglingFound / (TEAMS * STRUGGLING),
        (double) excellingFound / (TEAMS * EXCELLING));
  }

  /** The stated quality: with 150 closed journeys each, at most 5 % of steady distributors flagged, at least 90 % of real ones found. */
  @Test
  void flagsFewSteadyDistributorsAndFindTheRealOnesWithAHundredAndFiftyClosedJourneys() {
    Rates rates = simulate(150, 20_240_601L);
    System.out.println("closed each | steady flagged | struggling found | excelling found");
    System.out.println(rates);
    assertThat(rates.falseFlags()).isLessThanOrEqualTo(0.05);
    assertThat(rates.strugglingFound()).isGreaterThanOrEqualTo(0.90);
    assertThat(rates.excellingFound()).isGreaterThanOrEqualTo(0.90);
  }

  /** With fewer or more closed journeys the flags stay rare on steady distributors; with fewer they find fewer real ones, as the prior holds them back. */
  @Test
  void otherNumbersOfClosedJourneysFlagAtMostFivePercentOfSteadyDistributors() {
    for (int closedEach : new int[] {10, 25, 50, 100, 200}) {
      Rates rates = simulate(closedEach, 20_240_601L + closedEach);
      System.out.println(rates);
      assertThat(rates.falseFlags()).as("steady flagged with %d closed journeys", closedEach).isLessThanOrEqualTo(0.05);
    }
  }
}
