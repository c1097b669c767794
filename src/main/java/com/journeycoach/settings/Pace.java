package com.journeycoach.settings;

import org.springframework.stereotype.Component;

/**
 * Timer durations for BPMN, read from thresholds: {@code ${pace.of('prospect-development', 'view')}}.
 * A timer takes its due date when it is scheduled, so a tuned pace changes only later timers.
 */
@Component("pace")
public class Pace {

  private final Thresholds thresholds;

  public Pace(Thresholds thresholds) {
    this.thresholds = thresholds;
  }

  /** The ISO-8601 duration of a step of a journey. */
  public String of(String processKey, String step) {
    return thresholds.get(name(processKey, step)).value();
  }

  /** A whole number of days held by a NUMBER threshold, as an ISO-8601 duration (e.g. the onboarding period). */
  public String days(String thresholdName) {
    return "P" + thresholds.number(thresholdName).intValue() + "D";
  }

  public static String name(String processKey, String step) {
    return "pace." + processKey + "." + step;
  }
}
