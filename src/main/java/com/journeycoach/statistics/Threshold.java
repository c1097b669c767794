package com.journeycoach.statistics;

import java.time.Instant;

/**
 * A named, tunable number that rules and timers read: a pace (ISO-8601 duration) or a plain number, with
 * the default its migration gave it (what pace tuning shrinks toward while data is thin).
 */
public record Threshold(String name, Kind kind, String value, String description, Instant updatedAt, String updatedBy,
                        String defaultValue) {

  public enum Kind { DURATION, NUMBER }
}
