package com.journeycoach.statistics;

import com.journeycoach.settings.Durations;
import java.time.Duration;
import java.util.Locale;
import java.util.NavigableMap;

/**
 * The next value of a pace from measured step durations: the chosen quantile of the durations
 * of journeys that converted, shrunk toward the pace's default while samples are few (the
 * measured quantile weighs n/(n+k)), then moved at most a bounded fraction of the current value.
 * Shrinking toward the default, not the current value, keeps thin data from taking over run by run:
 * daily runs over overlapping windows see the same few journeys again and again.
 * A pure function, so convergence and the bound are tested on simulated data ({@code PaceTunerTest}).
 */
public final class PaceTuner {

  /** Quantile to aim at, prior weight k in samples, the largest move per run, and the largest move applied without approval. */
  public record Settings(double quantile, double priorWeight, double maxStepFraction, double autoApplyFraction) {
    public Settings {
      if (quantile <= 0 || quantile >= 1 || priorWeight < 0 || maxStepFraction <= 0 || maxStepFraction >= 1
          || autoApplyFraction < 0) {
        throw new IllegalArgumentException("quantile in (0, 1), prior weight >= 0, step fraction in (0, 1)");
      }
    }
  }

  /** A proposed change of one pace threshold, with its evidence. */
  public record Proposal(String threshold, String defaultValue, String oldValue, String newValue, long samples,
                         String measuredQuantile, double quantile, double weight, boolean needsApproval) {

    public String reason() {
      return String.format(Locale.ROOT,
          "Pace tuning: %.0f%% quantile of %d converted journeys' step durations is %s; weighted %.2f against the default %s"
              + " and bounded per run: %s -> %s", quantile * 100, samples, measuredQuantile, weight, defaultValue, oldValue, newValue);
    }

    public String summary() {
      return String.format(Locale.ROOT, "%s: %s -> %s (%.0f%% quantile of %d converted journeys: %s)",
          threshold, oldValue, newValue, quantile * 100, samples, measuredQuantile);
    }
  }

  private PaceTuner() {
  }

  /** The tuned duration; the current one when there are no samples. */
  public static Duration tune(Duration defaultPace, Duration current, Duration measuredQuantile, long samples, Settings settings) {
    if (samples <= 0) {
      return current;
    }
    double weight = weight(samples, settings);
    double currentSeconds = current.toSeconds();
    double target = weight * measuredQuantile.toSeconds() + (1 - weight) * defaultPace.toSeconds();
    double low = currentSeconds * (1 - settings.maxStepFraction());
    double high = currentSeconds * (1 + settings.maxStepFraction());
    double bounded = Math.max(low, Math.min(high, target));
    return roundTowardCurrent(Duration.ofSeconds(Math.round(bounded)), current);
  }

  public static double weight(long samples, Settings settings) {
    return samples / (samples + settings.priorWeight());
  }

  /** A proposal for one threshold, or none when the rounded value would not change. */
  public static java.util.Optional<Proposal> propose(String threshold, String defaultValue, String currentValue,
                                                     NavigableMap<Long, Long> minutesHistogram, Settings settings) {
    return propose(threshold, defaultValue, currentValue, minutesHistogram, settings, Duration.ZERO, Duration.ofSeconds(Long.MAX_VALUE));
  }

  /**
   * A proposal for one threshold, its tuned value held within the pace's bounds ({@code shortest} to
   * {@code longest}): measurement moves a pace up to its bound, never past it; none when nothing changes.
   */
  public static java.util.Optional<Proposal> propose(String threshold, String defaultValue, String currentValue,
                                                     NavigableMap<Long, Long> minutesHistogram, Settings settings,
                                                     Duration shortest, Duration longest) {
    long samples = minutesHistogram.values().stream().mapToLong(Long::longValue).sum();
    if (samples == 0) {
      return java.util.Optional.empty();
    }
    Duration current = parse(currentValue);
    Duration measured = quantile(minutesHistogram, settings.quantile());
    Duration tuned = tune(parse(defaultValue), current, measured, samples, settings);
    tuned = tuned.compareTo(shortest) < 0 ? shortest : tuned.compareTo(longest) > 0 ? longest : tuned;
    if (tuned.equals(current)) {
      return java.util.Optional.empty();
    }
    double fraction = Math.abs((double) tuned.toSeconds() / current.toSeconds() - 1);
    return java.util.Optional.of(new Proposal(threshold, defaultValue, currentValue, format(tuned), samples, format(measured),
        settings.quantile(), weight(samples, settings), fraction > settings.autoApplyFraction() + 1e-9));
  }

  /**
   * The q-quantile of durations counted per minute (key: whole minutes, value: how many): the
   * smallest minute at which the cumulative count reaches q of all.
   */
  public static Duration quantile(NavigableMap<Long, Long> minutesHistogram, double q) {
    long total = minutesHistogram.values().stream().mapToLong(Long::longValue).sum();
    double needed = q * total;
    long cumulative = 0;
    for (var bin : minutesHistogram.entrySet()) {
      cumulative += bin.getValue();
      if (cumulative >= needed) {
        return Duration.ofMinutes(bin.getKey());
      }
    }
    return Duration.ofMinutes(minutesHistogram.lastKey());
  }

  /** Whole hours for paces of ten hours and more, whole minutes below; rounded toward the current value, so the bound holds. */
  static Duration roundTowardCurrent(Duration value, Duration current) {
    Duration unit = current.compareTo(Duration.ofHours(10)) >= 0 ? Duration.ofHours(1) : Duration.ofMinutes(1);
    long units = value.toSeconds() / unit.toSeconds();
    long remainder = value.toSeconds() % unit.toSeconds();
    if (remainder != 0 && value.compareTo(current) < 0) {
      units++;
    }
    return unit.multipliedBy(Math.max(1, units));
  }

  /** ISO-8601 as thresholds store it: P3D (a period of days) or PT36H. */
  public static Duration parse(String value) {
    return Durations.parse(value);
  }

  static String format(Duration duration) {
    return duration.toString();
  }
}
