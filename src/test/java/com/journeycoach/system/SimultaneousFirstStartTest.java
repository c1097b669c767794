package com.journeycoach.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeycoach.JourneyCoachApplication;
import com.journeycoach.MariaDb;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two nodes started at the same moment on one empty MariaDB database, five times over: both start
 * every time, and the groups, grants, Tasklist filters, thresholds and the administrator exist once.
 * Before the start lock, one of the two died in most trials ("The group already exists").
 */
@Tag("mariadb")
// in a JVM of its own (suite FirstStartJvm, surefire execution "own-jvms"): its applications would otherwise take over the
// engine that Camunda's REST login of the other tests' application finds in the process-wide registry
@Tag("first-start")
@ExtendWith(MariaDb.class)
class SimultaneousFirstStartTest {

  private static final int TRIALS = 5;

  @Test
  void twoNodesStartingAtOnceOnAnEmptyDatabaseBothStart() throws Exception {
    List<String> failures = new ArrayList<>();
    ExecutorService twoNodes = Executors.newFixedThreadPool(2);
    for (int trial = 1; trial <= TRIALS; trial++) {
      String url = MariaDb.freshDatabase();
      CountDownLatch ready = new CountDownLatch(2);
      List<CompletableFuture<ConfigurableApplicationContext>> nodes = new ArrayList<>();
      for (String node : List.of("a", "b")) {
        String engineName = "first-start-" + trial + node;
        nodes.add(CompletableFuture.supplyAsync(() -> {
          ready.countDown();
          awaitQuietly(ready);
          return node().run(arguments(url, engineName));
        }, twoNodes));
      }
      List<ConfigurableApplicationContext> started = new ArrayList<>();
      for (CompletableFuture<ConfigurableApplicationContext> node : nodes) {
        try {
          started.add(node.join());
        } catch (RuntimeException e) {
          failures.add("trial " + trial + ": " + rootMessage(e));
        }
      }
      started.forEach(ConfigurableApplicationContext::close);
      if (started.size() == 2) {
        assertRegisteredOnce(url);
      }
    }
    twoNodes.shutdown();
    assertThat(failures).as("nodes that did not start").isEmpty();
  }

  private static SpringApplicationBuilder node() {
    return new SpringApplicationBuilder(JourneyCoachApplication.class).profiles("test", "mysql")
        .listeners(new LoggingSetupOneAtATime(true), new LoggingSetupOneAtATime(false));
  }

  /** Command-line arguments, so they win over the mysql profile's ${JOURNEY_DB_URL}. */
  private static String[] arguments(String url, String engineName) {
    return new String[] {"--spring.datasource.url=" + url, "--spring.datasource.username=" + MariaDb.user(),
        "--spring.datasource.password=" + MariaDb.password(), "--server.port=0",
        "--camunda.bpm.process-engine-name=" + engineName, "--camunda.bpm.job-execution.enabled=false",
        "--journey.catalog.tracked-link-base-url=http://localhost:8080",
        "--journey.notifications.require-real-channels=false", "--journey.rules.watch=false"};
  }

  /**
   * Spring Boot sets up Logback for the whole JVM as an application starts; two at the same moment
   * break each other's setup ("Unknown format 'CONSOLE_LOG_STRUCTURED_FORMAT_IS_UNDEFINED'"), which
   * real nodes, each in its own JVM, never do. Taken just before Spring Boot's logging listener and
   * given back just after it.
   */
  private record LoggingSetupOneAtATime(boolean take) implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    private static final Semaphore SETUP = new Semaphore(1);

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
      if (take) {
        SETUP.acquireUninterruptibly();
      } else {
        SETUP.release();
      }
    }

    @Override
    public int getOrder() {
      return LoggingApplicationListener.DEFAULT_ORDER + (take ? -1 : 1);
    }
  }

  private static void assertRegisteredOnce(String url) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, MariaDb.user(), MariaDb.password());
         Statement statement = connection.createStatement()) {
      assertThat(rows(statement, "SELECT ID_ FROM ACT_ID_GROUP"))
          .containsExactlyInAnyOrderElementsOf(Groups.ALL);
      assertThat(rows(statement, "SELECT GROUP_ID_, RESOURCE_TYPE_, RESOURCE_ID_, COUNT(*) FROM ACT_RU_AUTHORIZATION"
          + " WHERE GROUP_ID_ IS NOT NULL GROUP BY GROUP_ID_, RESOURCE_TYPE_, RESOURCE_ID_ HAVING COUNT(*) > 1")).isEmpty();
      assertThat(rows(statement, "SELECT COUNT(*) FROM ACT_RU_AUTHORIZATION WHERE GROUP_ID_ IS NOT NULL"))
          .singleElement().isNotEqualTo("0");
      assertThat(rows(statement, "SELECT NAME_ FROM ACT_RU_FILTER"))
          .containsExactlyInAnyOrder(AccessBootstrap.MY_TASKS_FILTER, AccessBootstrap.GROUP_TASKS_FILTER,
              AccessBootstrap.TEAM_TASKS_FILTER);
      assertThat(rows(statement, "SELECT name FROM threshold GROUP BY name HAVING COUNT(*) > 1")).isEmpty();
      assertThat(rows(statement, "SELECT COUNT(*) FROM threshold")).singleElement().isNotEqualTo("0");
      assertThat(rows(statement, "SELECT version FROM jc_flyway_history WHERE version IS NOT NULL"
          + " GROUP BY version HAVING COUNT(*) > 1")).isEmpty();
      assertThat(rows(statement, "SELECT ID_ FROM ACT_ID_USER")).containsExactly("admin");
      assertThat(rows(statement, "SELECT GROUP_ID_ FROM ACT_ID_MEMBERSHIP WHERE USER_ID_ = 'admin'"))
          .containsExactly(Groups.ADMINS);
    }
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

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }
}
