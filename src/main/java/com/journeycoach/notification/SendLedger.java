package com.journeycoach.notification;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The send ledger: one row per message (nudge, recipient and channel). Every write commits on its own, outside
 * the job's transaction, so what was attempted and what was sent survives a job that rolls back or
 * a node that dies, and the next try knows.
 */
@Component
public class SendLedger {

  /** A message's state. ATTEMPTING: the provider was called and the outcome is unknown. */
  public enum Status { PREPARED, ATTEMPTING, FAILED, SENT }

  public record Entry(String messageKey, String nudgeId, Channel channel, String address, Status status, String body,
                      int attempts, String providerId, String providerStatus, String unsubscribeToken, Instant attemptedAt) {

    /** The attempt this entry records; for an entry ATTEMPTING, the one whose outcome is unknown. */
    public Attempt lastAttempt() {
      return new Attempt(messageKey, attempts);
    }
  }

  /** One call of the provider for a message: the ledger's row is this attempt's while its number is the row's. */
  public record Attempt(String messageKey, int number) {
  }

  private static final String COLUMNS = "message_key, nudge_id, channel, address, status, body, attempts, provider_id,"
      + " provider_status, unsubscribe_token, attempted_at";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcClient jdbc;
  private final Clock clock;
  private final TransactionTemplate ownTransaction;

  public SendLedger(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
    this.clock = clock;
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** The key of a nudge's message to its own recipient. */
  public static String keyOf(String nudgeId, Channel channel) {
    return nudgeId + ":" + channel;
  }

  /**
   * The key of a nudge's message to one member of the group it is for (a manager): a digest of nudge,
   * member and channel, so that any user id fits and the email's Message-ID made from the key stays
   * within the provider id's 64 characters; the row keeps nudge, member and channel in their columns.
   */
  public static String keyOf(String nudgeId, String memberId, Channel channel) {
    if (memberId == null) {
      return keyOf(nudgeId, channel);
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((nudgeId + "\n" + memberId + "\n" + channel).getBytes(StandardCharsets.UTF_8));
      return "m:" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }

  public Optional<Entry> find(String messageKey) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM send_ledger WHERE message_key = ?").param(messageKey)
        .query(SendLedger::entry).optional();
  }

  public Optional<Entry> findByUnsubscribeToken(String token) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM send_ledger WHERE unsubscribe_token = ?").param(token)
        .query(SendLedger::entry).optional();
  }

  /** The entry of a message, created (PREPARED) on first use with its text fixed for every later try. */
  public Entry prepare(String nudgeId, Channel channel, String address, String body) {
    return prepare(nudgeId, null, channel, address, body);
  }

  /** As {@link #prepare(String, Channel, String, String)}, for one member of the group a nudge is for (null: its own recipient). */
  public Entry prepare(String nudgeId, String memberId, Channel channel, String address, String body) {
    String key = keyOf(nudgeId, memberId, channel);
    return ownTransaction.execute(tx -> {
      Optional<Entry> existing = find(key);
      if (existing.isPresent()) {
        return existing.get();
      }
      byte[] random = new byte[24];
      RANDOM.nextBytes(random);
      Entry entry = new Entry(key, nudgeId, channel, address, Status.PREPARED, body, 0, null, null,
          Base64.getUrlEncoder().withoutPadding().encodeToString(random), null);
      jdbc.sql("INSERT INTO send_ledger (message_key, nudge_id, recipient_id, channel, address, status, body, attempts,"
              + " unsubscribe_token, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)")
          .params(key, nudgeId, memberId, channel.name(), address, entry.status().name(), body, entry.unsubscribeToken(),
              Timestamp.from(clock.instant()))
          .update();
      return entry;
    });
  }

  /**
   * Marks the entry ATTEMPTING, written and committed before the provider is called, but only if
   * the row is still as {@code seen} (compare-and-set on status and attempts). A worker whose job
   * lock expired while another worker took the same message over finds the row changed and gets
   * nothing back, so it must not send.
   */
  public Optional<Attempt> attempting(Entry seen) {
    Instant now = clock.instant();
    int changed = ownTransaction.execute(tx -> jdbc.sql(
            "UPDATE send_ledger SET status = ?, attempts = attempts + 1, attempted_at = ?, updated_at = ?"
                + " WHERE message_key = ? AND status = ? AND attempts = ?")
        .params(Status.ATTEMPTING.name(), Timestamp.from(now), Timestamp.from(now), seen.messageKey(), seen.status().name(),
            seen.attempts())
        .update());
    return changed == 1 ? Optional.of(new Attempt(seen.messageKey(), seen.attempts() + 1)) : Optional.empty();
  }

  /**
   * SENT with the provider's id, if the row is still this attempt's (ATTEMPTING with its number);
   * false when a later attempt has taken the row over meanwhile.
   */
  public boolean sent(Attempt attempt, String providerId) {
    Instant now = clock.instant();
    return ownTransaction.execute(tx -> jdbc.sql(
            "UPDATE send_ledger SET status = ?, provider_id = ?, sent_at = ?, updated_at = ?"
                + " WHERE message_key = ? AND status = ? AND attempts = ?")
        .params(Status.SENT.name(), providerId, Timestamp.from(now), Timestamp.from(now), attempt.messageKey(),
            Status.ATTEMPTING.name(), attempt.number())
        .update()) == 1;
  }

  /**
   * Whether another entry already holds this provider id: the same text to the same address for
   * another nudge. A retry of unknown outcome must not take that message for its own.
   */
  public boolean heldByAnother(String providerId, String messageKey) {
    return jdbc.sql("SELECT COUNT(*) FROM send_ledger WHERE provider_id = ? AND message_key <> ?")
        .params(providerId, messageKey).query(Integer.class).single() > 0;
  }

  /**
   * The provider certainly did not take the message: the next try sends without asking first. Only
   * this attempt's row changes; a later attempt's stays as it is.
   */
  public void failed(Attempt attempt, String error) {
    ownTransaction.executeWithoutResult(tx -> jdbc.sql(
            "UPDATE send_ledger SET status = ?, last_error = ?, updated_at = ? WHERE message_key = ? AND status = ? AND attempts = ?")
        .params(Status.FAILED.name(), truncate(error), Timestamp.from(clock.instant()), attempt.messageKey(),
            Status.ATTEMPTING.name(), attempt.number()).update());
  }

  /** The outcome stays unknown (ATTEMPTING); only the error is kept. */
  public void unknownOutcome(Attempt attempt, String error) {
    ownTransaction.executeWithoutResult(tx -> jdbc.sql(
            "UPDATE send_ledger SET last_error = ?, updated_at = ? WHERE message_key = ? AND status = ? AND attempts = ?")
        .params(truncate(error), Timestamp.from(clock.instant()), attempt.messageKey(), Status.ATTEMPTING.name(),
            attempt.number()).update());
  }

  /** A delivery status from the provider's callback; false when no message has that provider id. */
  public boolean providerStatus(String providerId, String providerStatus) {
    return jdbc.sql("UPDATE send_ledger SET provider_status = ?, updated_at = ? WHERE provider_id = ?")
        .params(providerStatus, Timestamp.from(clock.instant()), providerId).update() > 0;
  }

  private static String truncate(String error) {
    return error == null ? null : error.length() > 500 ? error.substring(0, 500) : error;
  }

  private static Entry entry(ResultSet rs, int row) throws SQLException {
    Timestamp attemptedAt = rs.getTimestamp(11);
    return new Entry(rs.getString(1), rs.getString(2), Channel.valueOf(rs.getString(3)), rs.getString(4),
        Status.valueOf(rs.getString(5)), rs.getString(6), rs.getInt(7), rs.getString(8), rs.getString(9), rs.getString(10),
        attemptedAt == null ? null : attemptedAt.toInstant());
  }
}
