package com.journeycoach.statistics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * @param tuningCycle the ISO-8601 repeating interval of the {@code threshold-tuning} timer (default
 *                    {@code R/P1D}, once a day); read when the process is deployed
 */
@ConfigurationProperties("journey.statistics")
public record StatisticsProperties(String tuningCycle) {

  public StatisticsProperties {
    tuningCycle = tuningCycle == null || tuningCycle.isBlank() ? "R/P1D" : tuningCycle.strip();
  }

  /** The bean BPMN reads: {@code ${tuningSchedule.cycle()}}. */
  @Component("tuningSchedule")
  public static class TuningSchedule {
    private final StatisticsProperties properties;

    public TuningSchedule(StatisticsProperties properties) {
      this.properties = properties;
    }

    public String cycle() {
      return properties.tuningCycle();
    }
  }
}
