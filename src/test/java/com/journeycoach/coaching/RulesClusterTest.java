package com.journeycoach.coaching;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeycoach.JourneyCoachApplication;
import com.journeycoach.MariaDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two nodes on one MariaDB database, each with a rules folder of its own: a reload on one is stored as
 * a rules version and the other decides with it within the follow interval; a node started later runs
 * the stored version whatever its folder holds, and a stored version that does not compile leaves the
 * running rules in place.
 */
@Tag("mariadb")
// in a JVM of its own (suite RulesClusterJvm, surefire execution "own-jvms"): its applications would otherwise take over the
// engine that Camunda's REST login of the other tests' application finds in the process-wide registry
@Tag("rules-cluster")
@ExtendWith(MariaDb.class)
class RulesClusterTest {

  private static final Duration FOLLOW_INTERVAL = Duration.ofSeconds(2);
  /** Beyond the interval: a look in the database and a compilation of every rule file, on a busy 2-core machine. */
  private static final Duration MARGIN = Duration.ofSeconds(5);

  @TempDir
  Path folders;

  @Test
  void aReloadOnOneNodeReachesTheOtherWithinTheFollowInterval() throws Exception {
    String url = MariaDb.freshDatabase();
    Path folderA = rulesFolder("a");
    Path folderB = rulesFolder("b");
    try (ConfigurableApplicationContext a = node(url, "rules-a", folderA);
         ConfigurableApplicationContext b = node(url, "rules-b", folderB)) {
      RuleBook bookA = a.getBean(RuleBook.class);
      RuleBook bookB = b.getBean(RuleBook.class);
      assertThat(bookB.decide(followUpOverdue())).extracting(NudgeDecision::rule).containsExactly("Follow-up overdue");
      assertThat(b.getBean(RuleVersions.class).running()).isZero();

      Path pace = folderA.resolve("pace.drl");
      Files.writeString(pace, Files.readString(pace).replace("rule \"Follow-up overdue\"", "rule \"Follow up today\""));
      bookA.reload("owner-1");
      long reloaded = System.nanoTime();
      assertThat(bookA.decide(followUpOverdue())).extracting(NudgeDecision::rule).containsExactly("Follow up today");

      Duration followed = awaitRule(bookB, "Follow up today", Duration.ofSeconds(60), reloaded);
      System.out.println("Node b followed the reload on node a after " + followed.toMillis() + " ms");
      assertThat(followed).isLessThanOrEqualTo(FOLLOW_INTERVAL.plus(MARGIN));
      assertThat(b.getBean(RuleVersions.class).running()).isEqualTo(1);
      assertThat(a.getBean(RuleVersions.class).running()).isEqualTo(1);

      try (Connection connection = DriverManager.getConnection(url, MariaDb.user(), MariaDb.password());
           Statement statement = connection.createStatement()) {
        assertThat(rows(statement, "SELECT CONCAT(version, ' ', reloaded_by) FROM rule_version")).containsExactly("1 owner-1");
        assertThat(rows(statement, "SELECT name FROM rule_version_file WHERE version = 1"))
            .containsExactlyInAnyOrderElementsOf(drlNames());
        assertThat(rows(statement, "SELECT source FROM rule_version_file WHERE version = 1 AND name = 'pace.drl'"))
            .singleElement().asString().contains("rule \"Follow up today\"");

        // a stored version that does not compile: every node keeps the rules it runs
        storeVersion(connection, 2, Map.of("broken.drl", "package rules;\nrule \"Broken\"\nwhen\n  nothing here(\nthen\nend\n"));
        Thread.sleep(FOLLOW_INTERVAL.plus(MARGIN).toMillis());
        assertThat(bookB.decide(followUpOverdue())).extracting(NudgeDecision::rule).containsExactly("Follow up today");
        assertThat(b.getBean(RuleVersions.class).running()).isEqualTo(1);
      }
    }

    // a node starting later, with the packaged rules in its folder: the newest version does not compile, so its own
    // rules run; once a version that compiles is stored, a node starting runs it
    try (ConfigurableApplicationContext c = node(url, "rules-c", rulesFolder("c"))) {
      assertThat(c.getBean(RuleBook.class).decide(followUpOverdue())).extracting(NudgeDecision::rule)
          .containsExactly("Follow-up overdue");
      try (Connection connection = DriverManager.getConnection(url, MariaDb.user(), MariaDb.password())) {
        Map<String, String> files = new TreeMap<>();
        for (String drl : drlNames()) {
          files.put(drl, Files.readString(folderA.resolve(drl)));
        }
        storeVersion(connection, 3, files);
      }
    }
    try (ConfigurableApplicationContext d = node(url, "rules-d", rulesFolder("d"))) {
      assertThat(d.getBean(RuleVersions.class).running()).isEqualTo(3);
      assertThat(d.getBean(RuleBook.class).decide(followUpOverdue())).extracting(NudgeDecision::rule)
          .containsExactly("Follow up today");
    }
  }

  private static Duration awaitRule(RuleBook book, String rule, Duration atMost, long since) throws InterruptedException {
    while (System.nanoTime() - since < atMost.toNanos()) {
      if (book.decide(followUpOverdue()).stream().anyMatch(decision -> decision.rule().equals(rule))) {
        return Duration.ofNanos(System.nanoTime() - since);
      }
      Thread.sleep(20);
    }
    return atMost;
  }

  private static List<Object> followUpOverdue() {
    return List.of(Occasion.paceTimer("follow-up", "p1"), RulesFixture.distributor(), RulesFixture.journey("p1", "follow-up"),
        RulesFixture.noForecast(), new ThresholdValue("coaching.cap.nudges-per-day", 3),
        new ThresholdValue("coaching.repeat-window-hours", 24));
  }

  private Path rulesFolder(String name) throws IOException {
    Path folder = Files.createDirectory(folders.resolve(name));
    for (String drl : drlNames()) {
      Files.copy(Path.of("rules", drl), folder.resolve(drl));
    }
    return folder;
  }

  private static List<String> drlNames() throws IOException {
    try (var files = Files.list(Path.of("rules"))) {
      return files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".drl")).sorted().toList();
    }
  }

  /** A version as another node's reload would store it. */
  private static void storeVersion(Connection connection, long version, Map<String, String> files) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO rule_version (version, reloaded_by, reloaded_at) VALUES (?, 'owner-2', CURRENT_TIMESTAMP(3))")) {
      insert.setLong(1, version);
      insert.executeUpdate();
    }
    for (Map.Entry<String, String> file : files.entrySet()) {
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO rule_version_file (version, name, source) VALUES (?, ?, ?)")) {
        insert.setLong(1, version);
        insert.setString(2, file.getKey());
        insert.setString(3, file.getValue());
        insert.executeUpdate();
      }
    }
  }

  private static ConfigurableApplicationContext node(String url, String engineName, Path rulesFolder) {
    return new SpringApplicationBuilder(JourneyCoachApplication.class).profiles("test", "mysql").run(
        "--spring.datasource.url=" + url, "--spring.datasource.username=" + MariaDb.user(),
        "--spring.datasource.password=" + MariaDb.password(), "--server.port=0",
        "--camunda.bpm.process-engine-name=" + engineName, "--camunda.bpm.job-execution.enabled=false",
        "--journey.catalog.tracked-link-base-url=http://localhost:8080",
        "--journey.notifications.require-real-channels=false", "--journey.rules.watch=false",
        "--journey.rules.folder=" + rulesFolder, "--journey.rules.follow-interval=" + FOLLOW_INTERVAL.toMillis() + "ms");
  }

  private static List<String> rows(Statement statement, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    return rows;
  }
}
