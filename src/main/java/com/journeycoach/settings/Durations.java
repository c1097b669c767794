package com.journeycoach.settings;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;

/** ISO-8601 durations as thresholds, paces and Camunda's timers write them: P3D (a period of days) or PT36H. */
public final class Durations {

  private Durations() {
  }

  /** The length of a duration; a period counts a month as 30 days. */
  public static Duration parse(String value) {
    try {
      return Duration.parse(value);
    } catch (DateTimeParseException notADuration) {
      Period period = Period.parse(value);
      return Duration.ofDays(period.getDays() + 30L * period.getMonths());
    }
  }

  /** Whether a Camunda timer takes it as a wait of some length: days as a period (P2D), hours and less as a duration (PT36H). */
  public static boolean isPositive(String value) {
    try {
      return !Duration.parse(value).isNegative() && !Duration.parse(value).isZero();
    } catch (DateTimeParseException notADuration) {
      try {
        Period period = Period.parse(value);
        return !period.isNegative() && !period.isZero() && period.getYears() == 0;
      } catch (DateTimeParseException notAPeriod) {
        return false;
      }
    }
  }
}
