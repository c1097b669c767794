package com.journeycoach.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The ledger's state changes are compare-and-set: a worker changes the row only if it is still as
 * the worker read it, so one whose job lock expired while another took the message over cannot
 * send. On H2 in memory, with the table as the migrations create it.
 */
class SendLedgerTest {

  SendLedger ledger;

  @BeforeEach
  void setUp() {
    DriverManagerDataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:ledger-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    JdbcClient jdbc = JdbcClient.create(dataSource);
    // V4__notifications.sql, V8__send_ledger_provider_id_unique.sql and V22's recipient_id
    jdbc.sql("""
        CREATE TABLE send_ledger (
          message_key VARCHAR(80) NOT NULL, nudge_id VARCHAR(36) NOT NULL, channel VARCHAR(8) NOT NULL,
          address VARCHAR(254) NOT NULL, status VARCHAR(16) NOT NULL, body VARCHAR(2000) NOT NULL, attempts INT NOT NULL,
          provider_id VARCHAR(64), provider_status VARCHAR(32), unsubscribe_token VARCHAR(64) NOT NULL,
          last_error VARCHAR(500), attempted_at TIMESTAMP(3), sent_at TIMESTAMP(3), updated_at TIMESTAMP(3) NOT NULL,
          recipient_id VARCHAR(64),
          CONSTRAINT pk_send_ledger PRIMARY KEY (message_key),
          CONSTRAINT uq_send_ledger_unsubscribe UNIQUE (unsubscribe_token),
          CONSTRAINT uq_send_ledger_provider UNIQUE (provider_id))""").update();
    ledger = new SendLedger(jdbc, new DataSourceTransactionManager(dataSource), Clock.systemUTC());
  }

  private SendLedger.Entry prepare() {
    return ledger.prepare("nudge-1", Channel.SMS, "+4915123456789", "Hi Dana");
  }

  @Test
  void attemptingAfterTheJobLockWasLostDoesNotLetTheWorkerSend() {
    SendLedger.Entry readByFirst = prepare();
    // the first worker's lock expires before it marks the attempt; a second worker takes the job and sends
    SendLedger.Entry readBySecond = prepare();
    SendLedger.Attempt second = ledger.attempting(readBySecond).orElseThrow();
    assertThat(ledger.sent(second, "SMsecond")).isTrue();

    assertThat(ledger.attempting(readByFirst)).as("the first worker may not attempt").isEmpty();

    SendLedger.Entry entry = ledger.find(readByFirst.messageKey()).orElseThrow();
    assertThat(entry.status()).isEqualTo(SendLedger.Status.SENT);
    assertThat(entry.providerId()).isEqualTo("SMsecond");
    assertThat(entry.attempts()).isOne();
  }

  @Test
  void ofTwoWorkersRetryingTheSameInDoubtEntryOnlyOneAttempts() {
    SendLedger.Attempt first = ledger.attempting(prepare()).orElseThrow();
    ledger.unknownOutcome(first, "connection reset");
    SendLedger.Entry inDoubt = ledger.find(first.messageKey()).orElseThrow();
    assertThat(inDoubt.status()).isEqualTo(SendLedger.Status.ATTEMPTING);

    // both read ATTEMPTING after one attempt: the status alone does not tell them apart, the count does
    assertThat(ledger.attempting(inDoubt)).isPresent();
    assertThat(ledger.attempting(inDoubt)).isEmpty();
    assertThat(ledger.find(first.messageKey()).orElseThrow().attempts()).isEqualTo(2);
  }

  @Test
  void theOutcomeOfAnAttemptTakenOverDoesNotOverwriteTheLaterAttempt() {
    SendLedger.Attempt earlier = ledger.attempting(prepare()).orElseThrow();
    SendLedger.Attempt later = ledger.attempting(ledger.find(earlier.messageKey()).orElseThrow()).orElseThrow();

    assertThat(ledger.sent(earlier, "SMearlier")).isFalse();
    ledger.failed(earlier, "refused");
    assertThat(ledger.find(earlier.messageKey()).orElseThrow().status()).isEqualTo(SendLedger.Status.ATTEMPTING);

    assertThat(ledger.sent(later, "SMlater")).isTrue();
    assertThat(ledger.find(earlier.messageKey()).orElseThrow().providerId()).isEqualTo("SMlater");
  }

  @Test
  void aFailedAttemptIsTriedAgainByTheNextWorkerOnly() {
    SendLedger.Attempt first = ledger.attempting(prepare()).orElseThrow();
    ledger.failed(first, "Twilio refused");
    SendLedger.Entry failed = ledger.find(first.messageKey()).orElseThrow();
    assertThat(failed.status()).isEqualTo(SendLedger.Status.FAILED);

    assertThat(ledger.attempting(failed)).isPresent();
    assertThat(ledger.attempting(failed)).isEmpty();
  }
}
