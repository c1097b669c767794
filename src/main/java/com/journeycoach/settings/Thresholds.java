package com.journeycoach.settings;

import com.journeycoach.system.InvalidInputException;
import com.journeycoach.system.NotFoundException;
import java.time.Clock;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The thresholds table. Read once per transaction and never kept beyond it, so a change applies
 * to the next decision and the next timer without a restart, while a journey step that reads
 * several thresholds (its pace timers, readiness, the coaching facts) reads the table once.
 */
@Service
public class Thresholds {

  /** Pairs of thresholds where the first must stay below the second: the send window opens before it closes. */
  static final Map<String, String> ORDERED = Map.of("notification.window.start-hour", "notification.window.end-hour");

  private static final Logger log = LoggerFactory.getLogger(Thresholds.class);
  private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();
  private static final Map<List<String>, Checked> CHECKED = new ConcurrentHashMap<>();

  private final JdbcClient jdbc;
  private final Clock clock;

  public Thresholds(JdbcClient jdbc, Clock clock) {
    this.clock = clock;
    this.jdbc = jdbc;
  }

  public List<Threshold> all() {
    return List.copyOf(byName().values());
  }

  public Optional<Threshold> find(String name) {
    return Optional.ofNullable(byName().get(name));
  }

  /** Every threshold by name, in name order: read from the table, or the copy this transaction has read already. */
  private Map<String, Threshold> byName() {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return read();
    }
    @SuppressWarnings("unchecked")
    Map<String, Threshold> read = (Map<String, Threshold>) TransactionSynchronizationManager.getResource(this);
    if (read == null) {
      read = read();
      TransactionSynchronizationManager.bindResource(this, read);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          forget();
        }
      });
    }
    return read;
  }

  private void forget() {
    TransactionSynchronizationManager.unbindResourceIfPossible(this);
  }

  private Map<String, Threshold> read() {
    Map<String, Threshold> byName = new LinkedHashMap<>();
    // a threshold added without a default (see V15) has its value as its default
    jdbc.sql("SELECT name, kind, threshold_value, description, updated_at, updated_by, COALESCE(default_value, threshold_value),"
            + " measure, min_value, max_value FROM threshold ORDER BY name")
        .query((rs, i) -> inEffect(rs.getString(1), Threshold.Kind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
            rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10)))
        .list().forEach(threshold -> byName.put(threshold.name(), threshold));
    ORDERED.forEach((lower, upper) -> {
      Threshold low = byName.get(lower);
      Threshold high = byName.get(upper);
      if (low != null && high != null && !before(low.value(), high.value())) {
        warnOnce(lower + " (" + low.value() + ") is not before " + upper + " (" + high.value() + "); both defaults are used");
        byName.put(lower, withDefault(low, stored(low)));
        byName.put(upper, withDefault(high, stored(high)));
      }
    });
    return byName;
  }

  /**
   * A row as rules and timers use it: its stored value when that lies within its bounds, else its default
   * (logged once), so a value out of bounds in an older database, or changed by SQL, cannot break a journey.
   */
  private static Threshold inEffect(String name, Threshold.Kind kind, String value, String description, Instant updatedAt,
                                    String updatedBy, String defaultValue, String measureName, String minimum, String maximum) {
    Checked checked = check(name, kind, measureName, minimum, maximum, value);
    ThresholdBounds bounds = checked.bounds();
    Threshold threshold = new Threshold(name, kind, checked.normalised() == null ? value : checked.normalised(), description,
        updatedAt, updatedBy, defaultValue, bounds.measure(), bounds.minimum(), bounds.maximum(), null);
    if (checked.normalised() != null) {
      return threshold;
    }
    warnOnce(name + " holds '" + value + "', which is not " + bounds.expected() + "; its default is used");
    return withDefault(threshold, value);
  }

  /** A row's bounds and its value normalised, or null when it lies outside them. */
  private record Checked(ThresholdBounds bounds, String normalised) {
  }

  /**
   * Checks a row as {@link #inEffect} needs, remembering the answer: the table is read in every transaction that
   * uses a threshold, and parsing every bound and value again took some 40 microseconds a read (35 rows).
   */
  private static Checked check(String name, Threshold.Kind kind, String measureName, String minimum, String maximum, String value) {
    List<String> key = java.util.Arrays.asList(name, kind.name(), measureName, minimum, maximum, value);
    Checked checked = CHECKED.get(key);
    if (checked == null) {
      ThresholdBounds bounds = ThresholdBounds.of(measure(name, kind, measureName), minimum, maximum);
      checked = new Checked(bounds, bounds.admits(value) ? bounds.normalise(name, value) : null);
      if (CHECKED.size() > 10_000) {
        // values change rarely (a manager, a tuning run); forget them all rather than grow without end
        CHECKED.clear();
      }
      CHECKED.put(key, checked);
    }
    return checked;
  }

  /** The threshold with its default in effect (or, should the default too lie outside the bounds, its minimum). */
  private static Threshold withDefault(Threshold threshold, String stored) {
    ThresholdBounds bounds = threshold.bounds();
    String fallback = bounds.admits(threshold.defaultValue()) ? bounds.normalise(threshold.name(), threshold.defaultValue())
        : bounds.minimum();
    return new Threshold(threshold.name(), threshold.kind(), fallback, threshold.description(), threshold.updatedAt(),
        threshold.updatedBy(), threshold.defaultValue(), threshold.measure(), threshold.minimum(), threshold.maximum(), stored);
  }

  /** What the table holds for a threshold, used or not. */
  private static String stored(Threshold threshold) {
    return threshold.ignoredValue() != null ? threshold.ignoredValue() : threshold.value();
  }

  private static Threshold.Measure measure(String name, Threshold.Kind kind, String measureName) {
    try {
      Threshold.Measure measure = Threshold.Measure.valueOf(measureName);
      if (measure.kind() == kind) {
        return measure;
      }
    } catch (IllegalArgumentException | NullPointerException unknown) {
      // below
    }
    warnOnce(name + " has the measure '" + measureName + "', which does not fit a " + kind + "; read as a plain " + kind);
    return kind == Threshold.Kind.DURATION ? Threshold.Measure.DURATION : Threshold.Measure.REAL;
  }

  private static boolean before(String lower, String upper) {
    return new BigDecimal(lower).compareTo(new BigDecimal(upper)) < 0;
  }

  private static void warnOnce(String message) {
    if (WARNED.add(message)) {
      log.warn(message);
    }
  }

  public Threshold get(String name) {
    return find(name).orElseThrow(() -> new NotFoundException("No threshold named '" + name + "'"));
  }

  public BigDecimal number(String name) {
    Threshold threshold = get(name);
    if (threshold.kind() != Threshold.Kind.NUMBER) {
      throw new IllegalStateException("Threshold '" + name + "' is a " + threshold.kind() + ", not a NUMBER");
    }
    return new BigDecimal(threshold.value());
  }

  /**
   * Changes a threshold after checking the value lies within its bounds, and for a pair such as the send
   * window, that it keeps the lower one before the upper one; the old value goes to the history.
   */
  @Transactional
  public Threshold change(String name, String newValue, String reason, String changedBy) {
    Threshold current = get(name);
    String normalised = current.bounds().normalise(name, newValue);
    if (reason == null || reason.isBlank()) {
      throw new InvalidInputException("A threshold change needs a reason", List.of("reason: must not be blank"));
    }
    keepsOrder(name, normalised);
    Instant now = clock.instant();
    // the threshold's row is locked while its next change number is taken, so two changes never share one
    jdbc.sql("SELECT name FROM threshold WHERE name = ? FOR UPDATE").param(name).query(String.class).list();
    long number = jdbc.sql("SELECT COALESCE(MAX(change_number), 0) + 1 FROM threshold_history WHERE name = ?").param(name)
        .query(Long.class).single();
    jdbc.sql("INSERT INTO threshold_history (id, name, old_value, new_value, reason, changed_at, changed_by, change_number)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(UUID.randomUUID().toString(), name, stored(current), normalised, reason.strip(), Timestamp.from(now), changedBy, number)
        .update();
    jdbc.sql("UPDATE threshold SET threshold_value = ?, updated_at = ?, updated_by = ? WHERE name = ?")
        .params(normalised, Timestamp.from(now), changedBy, name)
        .update();
    // the rest of this transaction reads the changed table (the synchronization registered stays harmless)
    forget();
    return get(name);
  }

  /** Refuses a value that would put the lower threshold of an ordered pair at or after the upper one. */
  private void keepsOrder(String name, String value) {
    String lower = ORDERED.containsKey(name) ? name : ORDERED.entrySet().stream().filter(e -> e.getValue().equals(name))
        .map(Map.Entry::getKey).findFirst().orElse(null);
    if (lower == null) {
      return;
    }
    String upper = ORDERED.get(lower);
    // lock both rows, so two managers changing one each cannot together turn the window around
    jdbc.sql("SELECT name FROM threshold WHERE name IN (?, ?) ORDER BY name FOR UPDATE").params(lower, upper).query(String.class).list();
    forget();
    String lowValue = name.equals(lower) ? value : get(lower).value();
    String highValue = name.equals(upper) ? value : get(upper).value();
    if (!before(lowValue, highValue)) {
      String other = name.equals(lower) ? upper : lower;
      throw new InvalidInputException(lower + " (" + lowValue + ") must be before " + upper + " (" + highValue + "); change "
          + other + " first", List.of("value: must keep " + lower + " before " + upper));
    }
  }

  /** How many threshold changes the given user (or the tuner) has made. */
  public long changesBy(String changedBy) {
    return jdbc.sql("SELECT COUNT(*) FROM threshold_history WHERE changed_by = ?").param(changedBy).query(Long.class).single();
  }

  public List<ThresholdChange> history(String name) {
    get(name);
    return jdbc.sql("SELECT name, old_value, new_value, reason, changed_at, changed_by FROM threshold_history WHERE name = ?"
            + " ORDER BY change_number, changed_at, id")
        .param(name)
        .query((rs, i) -> new ThresholdChange(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getTimestamp(5).toInstant(), rs.getString(6)))
        .list();
  }
}
