package com.journeycoach.settings;

import com.journeycoach.system.InvalidInputException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values a threshold accepts: its measure and inclusive bounds, written in the threshold's own
 * notation (a number, or an ISO-8601 duration for a pace). Numbers of a whole measure (hours of the day,
 * counts, days, hours) must be whole; others have at most {@value #MAX_DECIMALS} decimal places.
 * Durations are what both Java and Camunda's timers (XML Schema durations) read the same way: days
 * and a time part, in capitals, whole seconds, no signs.
 */
public record ThresholdBounds(Threshold.Measure measure, String minimum, String maximum) {

  static final int MAX_DECIMALS = 6;

  private static final Pattern DURATION = Pattern.compile("P(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)W)?(?:(\\d+)D)?"
      + "(?:T(?=\\d)(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+)S)?)?");

  /**
   * The bounds a threshold's row states, kept within its measure's own limits: a row may narrow them,
   * never widen them; a bound that is missing or unreadable is the measure's limit.
   */
  static ThresholdBounds of(Threshold.Measure measure, String rowMinimum, String rowMaximum) {
    BigDecimal lowest = magnitude(measure, measure.lowest);
    BigDecimal highest = magnitude(measure, measure.highest);
    BigDecimal min = magnitude(measure, rowMinimum);
    BigDecimal max = magnitude(measure, rowMaximum);
    String minimum = min != null && min.compareTo(lowest) > 0 && min.compareTo(highest) <= 0 ? canonical(measure, rowMinimum)
        : measure.lowest;
    String maximum = max != null && max.compareTo(highest) < 0 && max.compareTo(lowest) >= 0 ? canonical(measure, rowMaximum)
        : measure.highest;
    if (magnitude(measure, minimum).compareTo(magnitude(measure, maximum)) > 0) {
      return new ThresholdBounds(measure, measure.lowest, measure.highest);
    }
    return new ThresholdBounds(measure, minimum, maximum);
  }

  /** The value as it is stored, or an {@link InvalidInputException} naming the threshold, its measure and its bounds. */
  public String normalise(String name, String value) {
    String candidate = value == null ? "" : value.strip();
    BigDecimal magnitude = magnitude(measure, candidate);
    if (magnitude == null || magnitude.compareTo(magnitude(measure, minimum)) < 0
        || magnitude.compareTo(magnitude(measure, maximum)) > 0 || !precise(candidate)) {
      String bound = "must be " + expected();
      throw new InvalidInputException(name + " " + bound + ", not '" + shorten(candidate) + "'", List.of("value: " + bound));
    }
    return canonical(measure, candidate);
  }

  /** Whether a value lies within these bounds (as {@link #normalise} would accept it). */
  public boolean admits(String value) {
    try {
      normalise("", value);
      return true;
    } catch (InvalidInputException outside) {
      return false;
    }
  }

  /** The shortest duration a pace accepts. */
  public Duration shortest() {
    return Duration.ofSeconds(magnitude(measure, minimum).longValueExact());
  }

  /** The longest duration a pace accepts. */
  public Duration longest() {
    return Duration.ofSeconds(magnitude(measure, maximum).longValueExact());
  }

  /** What the bounds expect, in words: "a whole hour of the day from 0 to 24". */
  public String expected() {
    String decimals = measure.whole || measure == Threshold.Measure.DURATION ? "" : ", with at most " + MAX_DECIMALS + " decimal places";
    return measure.what + " from " + minimum + " to " + maximum + decimals;
  }

  private boolean precise(String candidate) {
    if (measure == Threshold.Measure.DURATION) {
      return true;
    }
    int scale = new BigDecimal(candidate).stripTrailingZeros().scale();
    return measure.whole ? scale <= 0 : scale <= MAX_DECIMALS;
  }

  /**
   * A number's value, or a duration's length in seconds (days of 24 hours), to compare with the bounds;
   * null when the text is neither, and for durations with years, months or weeks (the pace tuner and
   * Camunda's calendar would read them differently, and Camunda's timers do not read weeks).
   */
  static BigDecimal magnitude(Threshold.Measure measure, String text) {
    if (text == null || text.isEmpty() || text.length() > 64) {
      return null;
    }
    if (measure != Threshold.Measure.DURATION) {
      try {
        return new BigDecimal(text);
      } catch (NumberFormatException | ArithmeticException notANumber) {
        return null;
      }
    }
    Matcher parts = DURATION.matcher(text);
    if (!parts.matches() || parts.group(1) != null || parts.group(2) != null || parts.group(3) != null) {
      return null;
    }
    BigInteger seconds = BigInteger.ZERO;
    boolean any = false;
    long[] unit = {0, 0, 0, 86_400, 3_600, 60, 1};
    for (int group = 4; group <= 7; group++) {
      if (parts.group(group) != null) {
        any = true;
        seconds = seconds.add(new BigInteger(parts.group(group)).multiply(BigInteger.valueOf(unit[group - 1])));
      }
    }
    return any ? new BigDecimal(seconds) : null;
  }

  private static String canonical(Threshold.Measure measure, String text) {
    return measure == Threshold.Measure.DURATION ? text : new BigDecimal(text).stripTrailingZeros().toPlainString();
  }

  private static String shorten(String text) {
    return text.length() > 64 ? text.substring(0, 64) + "..." : text;
  }
}
