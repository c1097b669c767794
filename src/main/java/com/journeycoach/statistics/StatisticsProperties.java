package com.journeycoach.statistics;

import java.time.DateTimeException;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * @param tuningCycle the ISO-8601 repeating interval of the {@code threshold-tuning} timer (default
 *                    {@code R/P1D}, once a day); read when the process is deployed
 * @param digestCycle the timer of {@code weekly-digest}: a Camunda cron expression (default {@code 0 0 7 ? * MON},
 *                    Mondays at 07:00 in the server's time zone) or an ISO-8601 repeating interval; read when the
 *                    process is deployed
 * @param digestTimeZone the company's time zone, in which a digest's week (ISO week) is counted
 */
@ConfigurationProperties("journey.statistics")
public record StatisticsProperties(String tuningCycle, String digestCycle, String digestTimeZone) {

  public StatisticsProperties {
    tuningCycle = tuningCycle == null || tuningCycle.isBlank() ? "R/P1D" : tuningCycle.strip();
    digestCycle = digestCycle == null || digestCycle.isBlank() ? "0 0 7 ? * MON" : digestCycle.strip();
    digestTimeZone = digestTimeZone == null || digestTimeZone.isBlank() ? "UTC" : digestTimeZone.strip();
    try {
      ZoneId.of(digestTimeZone);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("journey.statistics.digest-time-zone: '" + digestTimeZone
          + "' is not a time zone such as Europe/Berlin", e);
    }
  }

  public ZoneId digestZone() {
    return ZoneId.of(digestTimeZone);
  }

  /** The bean BPMN reads: {@code ${digestSchedule.cycle()}}. */
  @Component("digestSchedule")
  public static class DigestSchedule {
    private final StatisticsProperties properties;

    public DigestSchedule(StatisticsProperties properties) {
      this.properties = properties;
    }

    public String cycle() {
      return properties.digestCycle();
    }
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
