package com.journeycoach.statistics;

import java.time.Instant;

/** A named, tunable number that rules and timers read: a pace (ISO-8601 duration) or a plain number. */
public record Threshold(String name, Kind kind, String value, String description, Instant updatedAt, String updatedBy) {

  public enum Kind { DURATION, NUMBER }
}
