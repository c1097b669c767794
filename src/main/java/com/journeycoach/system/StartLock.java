package com.journeycoach.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * The row {@code engine} of {@code start_lock} (migration V20), locked with SELECT ... FOR UPDATE
 * on a connection of its own and held until {@link #close()}, so nodes starting at once on an empty
 * database take turns: Camunda creates its tables without a lock of its own ("Table ... already
 * exists" on the second node), and registration checks before it inserts. Under READ COMMITTED the
 * next node sees everything the first committed.
 */
final class StartLock implements AutoCloseable {

  /** Longer than any start; a database gives up a lock wait sooner (MariaDB after 50 s), so we ask again. */
  static final Duration LONGEST_WAIT = Duration.ofMinutes(10);
  private static final Logger log = LoggerFactory.getLogger(StartLock.class);
  private static final String NAME = "engine";

  private final Connection connection;

  private StartLock(Connection connection) {
    this.connection = connection;
  }

  static StartLock take(DataSource dataSource) {
    DataSource pool = dataSource instanceof TransactionAwareDataSourceProxy proxy ? proxy.getTargetDataSource() : dataSource;
    Instant giveUp = Instant.now().plus(LONGEST_WAIT);
    try {
      Connection connection = pool.getConnection();
      try {
        connection.setAutoCommit(false);
        while (!locked(connection)) {
          if (Instant.now().isAfter(giveUp)) {
            throw new IllegalStateException("Another node has held the start lock (table start_lock) for over "
                + LONGEST_WAIT.toMinutes() + " minutes; is a node stuck while starting?");
          }
          log.info("Another node is starting on this database; waiting for it to finish");
        }
        return new StartLock(connection);
      } catch (SQLException | RuntimeException e) {
        connection.close();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not take the start lock (table start_lock, migration V20)", e);
    }
  }

  /** True once locked; false when the database gave up waiting; an exception when the row is missing. */
  private static boolean locked(Connection connection) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT name FROM start_lock WHERE name = ? FOR UPDATE")) {
      select.setString(1, NAME);
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("No row '" + NAME + "' in table start_lock (migration V20)");
        }
        return true;
      }
    } catch (SQLException e) {
      if (isLockWaitTimeout(e)) {
        connection.rollback();
        return false;
      }
      throw e;
    }
  }

  /** MySQL and MariaDB: error 1205; H2: a SQLTimeoutException (50200); others: a transient exception. */
  static boolean isLockWaitTimeout(SQLException e) {
    return e.getErrorCode() == 1205 || e instanceof SQLTransientException;
  }

  @Override
  public void close() {
    try (connection) {
      connection.commit();
    } catch (SQLException e) {
      log.warn("Could not release the start lock cleanly; closing its connection releases it: {}", e.getMessage());
    }
  }
}
