package com.journeycoach.coaching;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeycoach.JourneyCoachTest;
import com.journeycoach.settings.Thresholds;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@JourneyCoachTest
class CoachingWithThresholdsTest {

  @Autowired
  Coach coach;
  @Autowired
  Thresholds thresholds;

  private List<String> decide() {
    return coach.decide(List.of(Occasion.followUpRecorded("p1"), RulesFixture.distributor(), RulesFixture.journey("p1", "follow-up"),
        new ForecastRecord("coach-test-dana", 5, 60, 45))).stream().map(NudgeDecision::rule).toList();
  }

  @Test
  void theRuleTestsAndTheBenchmarkDecideOnEveryThresholdTheApplicationHands() {
    // Coach.thresholdFacts hands the rules every threshold; the fixture must have the same set
    assertThat(coach.thresholdFacts()).extracting(ThresholdValue::name)
        .containsExactlyInAnyOrderElementsOf(RulesFixture.DEFAULTS.stream().map(ThresholdValue::name).toList());
  }

  @Test
  void aThresholdChangedInTheDatabaseChangesTheNextDecisionWithoutARestart() {
    assertThat(decide()).as("a 15-point gap is under the default 20").doesNotContain("Over-estimated close chances");

    thresholds.change("coaching.forecast.gap-points", "15", "test: stricter forecasts", "test");
    try {
      assertThat(decide()).contains("Over-estimated close chances");
    } finally {
      thresholds.change("coaching.forecast.gap-points", "20", "test: restore", "test");
    }
  }
}
