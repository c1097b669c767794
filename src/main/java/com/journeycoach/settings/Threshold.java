package com.journeycoach.settings;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * A named, tunable number that rules and timers read: a pace (ISO-8601 duration) or a plain number, with
 * the default its migration gave it (what pace tuning shrinks toward while data is thin), its measure and
 * inclusive bounds. {@code value} is the value in effect: the stored one, or the default when the stored
 * one lies outside the bounds ({@code ignoredValue} then shows what is stored).
 */
public record Threshold(
    String name,
    @Schema(description = "How the value is written: NUMBER or DURATION (ISO-8601)") Kind kind,
    @Schema(description = "The value rules and timers use") String value,
    String description,
    Instant updatedAt,
    String updatedBy,
    @Schema(description = "The value its migration gave it") String defaultValue,
    @Schema(description = "What the number counts; decides whole numbers and the limits bounds may not go beyond")
    Measure measure,
    @Schema(description = "The smallest value accepted (inclusive), in the threshold's notation") String minimum,
    @Schema(description = "The largest value accepted (inclusive), in the threshold's notation") String maximum,
    @Schema(description = "Only when the stored value lies outside the bounds (an older database, a change by SQL): what is"
        + " stored, not used; value then holds the default until a valid value is set", nullable = true)
    String ignoredValue) {

  public enum Kind { DURATION, NUMBER }

  /** What a threshold's number means, with the limits no row's bounds may go beyond. */
  public enum Measure {
    HOUR_OF_DAY(Kind.NUMBER, true, "a whole hour of the day", "0", "24"),
    COUNT(Kind.NUMBER, true, "a whole number", "0", "1000000000"),
    DAYS(Kind.NUMBER, true, "a whole number of days", "0", "730"),
    HOURS(Kind.NUMBER, true, "a whole number of hours", "0", "17520"),
    FRACTION(Kind.NUMBER, false, "a fraction", "0", "1"),
    PERCENT(Kind.NUMBER, false, "a percentage", "0", "100"),
    REAL(Kind.NUMBER, false, "a number", "0", "1000000000"),
    DURATION(Kind.DURATION, false, "an ISO-8601 duration in days, hours, minutes and seconds (such as P2D, PT36H or P1DT12H;"
        + " no years, months or weeks: write them as days)", "PT1M", "P730D");

    final Kind kind;
    final boolean whole;
    final String what;
    final String lowest;
    final String highest;

    Measure(Kind kind, boolean whole, String what, String lowest, String highest) {
      this.kind = kind;
      this.whole = whole;
      this.what = what;
      this.lowest = lowest;
      this.highest = highest;
    }

    public Kind kind() {
      return kind;
    }
  }

  @JsonIgnore
  public ThresholdBounds bounds() {
    return new ThresholdBounds(measure, minimum, maximum);
  }
}
