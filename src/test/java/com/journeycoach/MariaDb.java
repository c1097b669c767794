package com.journeycoach;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real MariaDB (or MySQL) server for the tests tagged "mariadb": 127.0.0.1:3306, user root,
 * empty password, unless JOURNEY_TEST_MYSQL_HOST/PORT/USER/PASSWORD say otherwise. Each test class
 * gets a fresh database. Use with {@code @ExtendWith(MariaDb.class)}: without a server the tests are
 * skipped, unless JOURNEY_REQUIRE_MARIADB=true (as in CI), where they fail.
 */
public final class MariaDb implements ExecutionCondition {

  public static final String DATABASE_PREFIX = "jc_test_";

  /** Runs the tests when the server answers or when CI requires it (then they fail loudly); skips them otherwise. */
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (required()) {
      return ConditionEvaluationResult.enabled("JOURNEY_REQUIRE_MARIADB=true");
    }
    try (Connection ignored = DriverManager.getConnection(serverUrl(""), user(), password())) {
      return ConditionEvaluationResult.enabled("MariaDB answers at " + serverUrl(""));
    } catch (SQLException e) {
      return ConditionEvaluationResult.disabled("MariaDB not reachable (" + e.getMessage()
          + "); set JOURNEY_REQUIRE_MARIADB=true to fail instead");
    }
  }

  private static String env(String name, String otherwise) {
    String value = System.getenv(name);
    return value == null ? otherwise : value;
  }

  public static String serverUrl(String database) {
    return "jdbc:mysql://" + env("JOURNEY_TEST_MYSQL_HOST", "127.0.0.1") + ":" + env("JOURNEY_TEST_MYSQL_PORT", "3306")
        + "/" + database + "?nullCatalogMeansCurrent=true&useSSL=false&allowPublicKeyRetrieval=true";
  }

  public static String user() {
    return env("JOURNEY_TEST_MYSQL_USER", "root");
  }

  public static String password() {
    return env("JOURNEY_TEST_MYSQL_PASSWORD", "");
  }

  public static boolean required() {
    return Boolean.parseBoolean(System.getenv("JOURNEY_REQUIRE_MARIADB"));
  }

  /** Creates an empty database after dropping those earlier test runs left behind; returns its JDBC URL. */
  public static String freshDatabase() {
    // the time tells a left-over's age; the random part keeps JVMs asking in the same millisecond apart
    String database = DATABASE_PREFIX + System.currentTimeMillis() + "_"
        + ThreadLocalRandom.current().nextLong(1_000_000_000_000L);
    try (Connection connection = DriverManager.getConnection(serverUrl(""), user(), password());
         Statement statement = connection.createStatement()) {
      List<String> leftOver = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery("SHOW DATABASES LIKE '" + DATABASE_PREFIX + "%'")) {
        while (rs.next()) {
          leftOver.add(rs.getString(1));
        }
      }
      long twoHoursAgo = System.currentTimeMillis() - 2 * 3600_000L;
      for (String old : leftOver) {
        // another test run may be using a recent one; test JVMs running side by side may drop the same old one at
        // once, so one finding it gone already is no failure
        String stamp = old.substring(DATABASE_PREFIX.length());
        if (stamp.matches("\\d+_\\d+") && Long.parseLong(stamp.split("_")[0]) < twoHoursAgo) {
          statement.execute("DROP DATABASE IF EXISTS `" + old + "`");
        }
      }
      statement.execute("CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
    } catch (SQLException e) {
      throw new IllegalStateException("MariaDB is not reachable at " + serverUrl("") + ": " + e.getMessage(), e);
    }
    return serverUrl(database);
  }

  /** The {@code mysql} profile's datasource properties for a fresh database. */
  public static Map<String, Object> properties() {
    return Map.of("spring.datasource.url", freshDatabase(), "spring.datasource.username", user(),
        "spring.datasource.password", password());
  }
}
