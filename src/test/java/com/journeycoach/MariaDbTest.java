package com.journeycoach;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The tests' fresh databases: test JVMs side by side (surefire's own-jvms) ask for one at the same moment. */
@Tag("mariadb")
@ExtendWith(MariaDb.class)
class MariaDbTest {

  @Test
  void testJvmsAskingForAFreshDatabaseAtOnceAllGetOneWhileALeftOverIsDropped() throws Exception {
    String leftOver = MariaDb.DATABASE_PREFIX + (System.currentTimeMillis() - 3 * 3600_000L) + "_1";
    try (Connection connection = DriverManager.getConnection(MariaDb.serverUrl(""), MariaDb.user(), MariaDb.password());
         Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE IF NOT EXISTS `" + leftOver + "`");
    }
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<String>> asks = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      asks.add(CompletableFuture.supplyAsync(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return MariaDb.freshDatabase();
      }));
    }
    start.countDown();
    List<String> urls = new ArrayList<>();
    for (CompletableFuture<String> ask : asks) {
      urls.add(ask.join());
    }

    assertThat(urls).doesNotHaveDuplicates().hasSize(6);
    try (Connection connection = DriverManager.getConnection(MariaDb.serverUrl(""), MariaDb.user(), MariaDb.password());
         Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SHOW DATABASES LIKE '" + leftOver + "'")) {
      assertThat(rs.next()).as("the left-over database is gone").isFalse();
    }
  }
}
