package com.journeycoach.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeycoach.JourneyCoachTest;
import java.math.BigDecimal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Thresholds are read once per transaction: the next transaction, and a change made in this one, see the table as it is. */
@JourneyCoachTest
class ThresholdsInATransactionTest {

  static final String NAME = "readiness.interest-total";

  @Autowired
  Thresholds thresholds;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  PlatformTransactionManager transactions;

  private String original;

  @AfterEach
  void restore() {
    if (original != null) {
      jdbc.sql("UPDATE threshold SET threshold_value = ? WHERE name = ?").params(original, NAME).update();
    }
  }

  @Test
  void aTransactionReadsTheTableOnceAndTheNextOneReadsItAgain() {
    original = thresholds.get(NAME).value();
    TransactionTemplate transaction = new TransactionTemplate(transactions);
    TransactionTemplate other = new TransactionTemplate(transactions);
    other.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

    transaction.executeWithoutResult(status -> {
      assertThat(thresholds.number(NAME)).isEqualByComparingTo(original);
      // another transaction commits a change: this one goes on with what it read
      other.executeWithoutResult(inner -> jdbc.sql("UPDATE threshold SET threshold_value = '7' WHERE name = ?").param(NAME).update());
      assertThat(thresholds.number(NAME)).isEqualByComparingTo(original);
    });

    // the next transaction, and a read outside any, see the change
    BigDecimal inTheNext = transaction.execute(status -> thresholds.number(NAME));
    assertThat(inTheNext).isEqualByComparingTo("7");
    assertThat(thresholds.number(NAME)).isEqualByComparingTo("7");
  }

  @Test
  void aChangeInTheTransactionIsSeenByItsNextRead() {
    original = thresholds.get(NAME).value();
    new TransactionTemplate(transactions).executeWithoutResult(status -> {
      thresholds.number(NAME);
      thresholds.change(NAME, "9", "test: a change within the transaction", "test");
      assertThat(thresholds.number(NAME)).isEqualByComparingTo("9");
      assertThat(thresholds.all()).filteredOn(t -> t.name().equals(NAME)).singleElement()
          .satisfies(t -> assertThat(t.value()).isEqualTo("9"));
    });
  }
}
