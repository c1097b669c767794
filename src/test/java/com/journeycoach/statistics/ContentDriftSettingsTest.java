package com.journeycoach.statistics;

import com.journeycoach.settings.Thresholds;
import static org.assertj.core.api.Assertions.assertThat;

import com.journeycoach.JourneyCoachTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The drift check decides with the settings the simulation measures ({@code ContentDriftSimulationTest}
 * uses {@link ContentDriftCheck#DEFAULT_SETTINGS}), every one of them read from a threshold.
 */
@JourneyCoachTest
class ContentDriftSettingsTest {

  static final String MIN_CONVERSIONS = "drift.min-history-conversions";

  @Autowired
  ContentDriftCheck drift;
  @Autowired
  Thresholds thresholds;

  private String original;

  @AfterEach
  void restore() {
    if (original != null) {
      thresholds.change(MIN_CONVERSIONS, original, "test restores the default", "test");
    }
  }

  @Test
  void theCheckRunsWithTheSettingsTheSimulationMeasures() {
    assertThat(drift.settings()).isEqualTo(ContentDriftCheck.DEFAULT_SETTINGS);
  }

  @Test
  void theFewestHistoryConversionsAreAThreshold() {
    original = thresholds.get(MIN_CONVERSIONS).value();
    thresholds.change(MIN_CONVERSIONS, "30", "fewer conversions suffice for this catalog", "test");

    assertThat(drift.settings().minHistoryConversions()).isEqualTo(30);
    assertThat(drift.settings().minHistoryViews()).isEqualTo(ContentDriftCheck.DEFAULT_SETTINGS.minHistoryViews());
  }
}
