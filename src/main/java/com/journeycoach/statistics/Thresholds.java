package com.journeycoach.statistics;

import com.journeycoach.system.InvalidInputException;
import com.journeycoach.system.NotFoundException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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

  private final JdbcClient jdbc;

  public Thresholds(JdbcClient jdbc) {
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
    jdbc.sql("SELECT name, kind, threshold_value, description, updated_at, updated_by, COALESCE(default_value, threshold_value)"
            + " FROM threshold ORDER BY name")
        .query((rs, i) -> new Threshold(rs.getString(1), Threshold.Kind.valueOf(rs.getString(2)), rs.getString(3),
            rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getString(7)))
        .list().forEach(threshold -> byName.put(threshold.name(), threshold));
    return byName;
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

  /** Changes a threshold after checking the value fits its kind; the old value goes to the history. */
  @Transactional
  public Threshold change(String name, String newValue, String reason, String changedBy) {
    Threshold current = get(name);
    String normalised = validate(current.kind(), newValue);
    if (reason == null || reason.isBlank()) {
      throw new InvalidInputException("A threshold change needs a reason", List.of("reason: must not be blank"));
    }
    Instant now = Instant.now();
    jdbc.sql("INSERT INTO threshold_history (id, name, old_value, new_value, reason, changed_at, changed_by) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(UUID.randomUUID().toString(), name, current.value(), normalised, reason.strip(), Timestamp.from(now), changedBy)
        .update();
    jdbc.sql("UPDATE threshold SET threshold_value = ?, updated_at = ?, updated_by = ? WHERE name = ?")
        .params(normalised, Timestamp.from(now), changedBy, name)
        .update();
    // the rest of this transaction reads the changed table (the synchronization registered stays harmless)
    forget();
    return get(name);
  }

  public List<ThresholdChange> history(String name) {
    get(name);
    return jdbc.sql("SELECT name, old_value, new_value, reason, changed_at, changed_by FROM threshold_history WHERE name = ? ORDER BY changed_at, id")
        .param(name)
        .query((rs, i) -> new ThresholdChange(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getTimestamp(5).toInstant(), rs.getString(6)))
        .list();
  }

  static String validate(Threshold.Kind kind, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidInputException("A threshold value must not be blank", List.of("value: must not be blank"));
    }
    String candidate = value.strip();
    return switch (kind) {
      case DURATION -> {
        if (!isPositiveIsoDuration(candidate)) {
          throw new InvalidInputException("'" + candidate + "' is not a positive ISO-8601 duration such as PT36H or P2D",
              List.of("value: must be a positive ISO-8601 duration"));
        }
        yield candidate;
      }
      case NUMBER -> {
        try {
          yield new BigDecimal(candidate).toPlainString();
        } catch (NumberFormatException e) {
          throw new InvalidInputException("'" + candidate + "' is not a number", List.of("value: must be a number"));
        }
      }
    };
  }

  /** Camunda timers take ISO-8601 durations: days as a period (P2D) or hours and less as a duration (PT36H). */
  public static boolean isPositiveIsoDuration(String value) {
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
