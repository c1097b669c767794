package com.journeycoach.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeycoach.content.Asset;
import com.journeycoach.content.Phase;
import com.journeycoach.demo.ExperimentMarket;
import com.journeycoach.demo.ExperimentMarket.Policy;
import com.journeycoach.demo.ExperimentMarket.Run;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Thompson sampling against ε-greedy, the fixed default order and the oracle on a market of known truth
 * ({@link ExperimentMarket}: 10,000 journeys, 4 segments, 3 to 6 eligible assets per decision, rewards 14 days late,
 * distributors who override). Fixed seeds: the same figures on every machine. The table is in docs/statistics.md.
 */
class ExperimentSimulationTest {

  static final int JOURNEYS = 10_000;
  static final long[] SEEDS = {11, 23, 37, 41, 53};

  @Test
  void thompsonSamplingRegretsFarLessThanTheDefaultOrderAndEpsilonGreedyAndLessAndLessOverTime() {
    Map<Policy, double[]> totals = new EnumMap<>(Policy.class);
    StringBuilder table = new StringBuilder("| seed | Thompson | ε-greedy (0.1) | fixed default order | oracle |"
        + " Thompson first 2,000 / last 2,000 |\n|---|---|---|---|---|---|\n");
    for (long seed : SEEDS) {
      ExperimentMarket market = new ExperimentMarket(seed);
      Map<Policy, Run> runs = new EnumMap<>(Policy.class);
      for (Policy policy : Policy.values()) {
        runs.put(policy, market.run(policy, JOURNEYS, seed * 1_000_003L, false));
      }
      runs.forEach((policy, run) -> {
        double[] total = totals.computeIfAbsent(policy, p -> new double[4]);
        total[0] += run.regret();
        total[1] += run.expectedConversions();
        total[2] += run.regretBetween(0, 2_000);
        total[3] += run.regretBetween(JOURNEYS - 2_000, JOURNEYS);
      });
      Function<Policy, String> cell = policy -> String.format(Locale.ROOT, "%.0f (%.0f conv.)", runs.get(policy).regret(),
          runs.get(policy).expectedConversions());
      table.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %.0f / %.0f |%n", seed, cell.apply(Policy.THOMPSON),
          cell.apply(Policy.EPSILON_GREEDY), cell.apply(Policy.FIXED), cell.apply(Policy.ORACLE),
          runs.get(Policy.THOMPSON).regretBetween(0, 2_000), runs.get(Policy.THOMPSON).regretBetween(JOURNEYS - 2_000, JOURNEYS)));
    }
    table.append(String.format(Locale.ROOT, "| all | %s |%n", java.util.Arrays.stream(Policy.values())
        .map(p -> String.format(Locale.ROOT, "%.0f (%.0f conv.)", totals.get(p)[0], totals.get(p)[1]))
        .collect(Collectors.joining(" | "))));
    System.out.println(table);
    if (Boolean.getBoolean("experiments.simulation.conversion-only")) {
      // for the documentation: the same runs learning from the conversion alone, 14 days late and diluted over the journey
      for (long seed : SEEDS) {
        ExperimentMarket market = new ExperimentMarket(seed);
        System.out.println("conversion only, seed " + seed + ": " + java.util.Arrays.stream(Policy.values())
            .map(p -> p + " " + Math.round(market.run(p, JOURNEYS, seed * 1_000_003L, false, false).regret()))
            .collect(Collectors.joining(", ")));
      }
    }

    double thompson = totals.get(Policy.THOMPSON)[0];
    assertThat(totals.get(Policy.ORACLE)[0]).isZero();
    assertThat(thompson).as("Thompson's regret against the fixed default order's").isLessThanOrEqualTo(0.25 * totals.get(Policy.FIXED)[0]);
    assertThat(thompson).as("Thompson's regret against ε-greedy's").isLessThanOrEqualTo(0.60 * totals.get(Policy.EPSILON_GREEDY)[0]);
    assertThat(totals.get(Policy.THOMPSON)[3]).as("regret over the last 2,000 journeys against the first 2,000's")
        .isLessThan(totals.get(Policy.THOMPSON)[2] / 3);
    assertThat(totals.get(Policy.THOMPSON)[1]).isGreaterThan(totals.get(Policy.FIXED)[1]);
  }

  @Test
  void prerequisitesAndPhasesAreNeverBrokenOverTenThousandDecisions() {
    ExperimentMarket market = new ExperimentMarket(7);
    Map<String, Asset> catalog = market.catalog().stream().collect(Collectors.toMap(Asset::id, a -> a));
    Run run = market.run(Policy.THOMPSON, 4_000, 99, true);
    assertThat(run.decisions()).hasSizeGreaterThanOrEqualTo(10_000);
    run.decisions().forEach(decision -> {
      assertThat(decision.eligible()).hasSizeBetween(3, 6);
      for (String sent : new String[] {decision.suggested(), decision.shared()}) {
        Asset asset = catalog.get(sent);
        assertThat(asset.phase()).as(sent).isEqualTo(Phase.PROSPECT_DEVELOPMENT);
        assertThat(decision.viewedBefore()).as("prerequisites of " + sent).containsAll(asset.prerequisites());
        assertThat(decision.sharedBefore()).as("sent before").doesNotContain(sent);
      }
    });
    // the experiment did choose: not only the default
    assertThat(run.decisions().stream().filter(d -> !d.suggested().equals(d.eligible().get(0))).count())
        .isGreaterThan(run.decisions().size() / 3);
  }
}
