package com.journeycoach.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeycoach.coaching.BenchmarkedRuleBook;
import com.journeycoach.coaching.LatestAnswer;
import com.journeycoach.coaching.NudgeDecision;
import com.journeycoach.coaching.RulesProperties;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Keeps the rules benchmark honest: the plain-Java coach it compares against decides what the
 * rules in {@code rules/*.drl} decide. Runs with the benchmarks ({@code mvn -B -Pbenchmark verify}),
 * not in the normal build: a rules author changes a {@code .drl} file and its rule test only, and
 * whoever runs the benchmarks next brings the plain Java up to date when this fails.
 */
@Tag("benchmark")
class PlainJavaCoachEquivalenceTest {

  static final BenchmarkedRuleBook RULES = new BenchmarkedRuleBook(new RulesProperties("rules"));
  static final PlainJavaCoach JAVA = new PlainJavaCoach();
  static final int RANDOM_SETS = 500;

  @Test
  void theNamedCasesGetExactlyTheSameDecisions() {
    for (Map.Entry<String, List<Object>> entry : CoachingFactSets.cases().entrySet()) {
      List<NudgeDecision> byRules = RULES.decide(entry.getValue());
      assertThat(SameDecisions.difference(byRules, JAVA.decide(entry.getValue()))).as(entry.getKey()).isNull();
      assertThat(JAVA.decideAll(entry.getValue()).readyToPresent()).as("readiness: " + entry.getKey())
          .isEqualTo(RULES.decideAll(entry.getValue()).readyToPresent());
    }
  }

  @Test
  void theReadinessCasesAreNotTrivial() {
    assertThat(CoachingFactSets.cases().values().stream().filter(facts -> !RULES.decideAll(facts).readyToPresent().isEmpty()).count())
        .isGreaterThanOrEqualTo(4);
    assertThat(CoachingFactSets.cases().values().stream().filter(facts -> facts.stream().anyMatch(LatestAnswer.class::isInstance))
        .filter(facts -> RULES.decideAll(facts).readyToPresent().isEmpty()).count()).as("near misses").isGreaterThanOrEqualTo(2);
  }

  @Test
  void theNamedCasesAreNotTrivial() {
    // every rule that proposes a nudge decides something in at least one case
    List<String> rulesThatDecided = CoachingFactSets.cases().values().stream().flatMap(facts -> RULES.decide(facts).stream())
        .map(NudgeDecision::rule).distinct().toList();
    assertThat(rulesThatDecided).contains("Share overdue", "View overdue", "Follow-up overdue", "Sequence behind pace",
        "Journey overdue: alert sponsor", "Journey overdue: alert managers", "Enrollee stalled", "First prospects not yet added",
        "Product training gap", "Over-estimated close chances", "Over-estimated close chances: tell the manager",
        "Introvert pairing tip", "Extrovert pairing tip");
  }

  @Test
  void theRealisticSetsTheBenchmarkTimesDecideSomethingAndTheCapBites() {
    assertThat(RULES.decide(CoachingFactSets.FOLLOW_UP_RECORDED)).extracting(NudgeDecision::rule)
        .containsExactlyInAnyOrder("Sequence behind pace", "Product training gap", "Over-estimated close chances: tell the manager");
    assertThat(RULES.decide(CoachingFactSets.PACE_TIMER)).extracting(NudgeDecision::rule)
        .containsExactlyInAnyOrder("Follow-up overdue", "Product training gap");
  }

  @Test
  void aTieAtTheCapKeepsTheSameDecisions() {
    List<Object> facts = CoachingFactSets.tieAtTheCap();
    assertThat(SameDecisions.difference(RULES.decide(facts), JAVA.decide(facts))).isNull();
  }

  @Test
  void randomFactSetsGetTheSameDecisions() {
    for (long seed = 1; seed <= RANDOM_SETS; seed++) {
      List<Object> facts = CoachingFactSets.random(seed);
      assertThat(SameDecisions.difference(RULES.decide(facts), JAVA.decide(facts))).as("random set %d: %s", seed, facts).isNull();
    }
  }
}
