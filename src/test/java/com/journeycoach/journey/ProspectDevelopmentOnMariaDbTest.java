package com.journeycoach.journey;

import com.journeycoach.MariaDb;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same process tests on a real MariaDB through the {@code mysql} profile. */
@Tag("mariadb")
@ExtendWith(MariaDb.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = {"camunda.bpm.process-engine-name=mariadb", "journey.catalog.tracked-link-base-url=http://localhost:8080",
        // the process tests record reminders in the log channel; production (mysql) requires real channels
        "journey.notifications.require-real-channels=false"})
@ActiveProfiles({"test", "mysql"})
@DirtiesContext
class ProspectDevelopmentOnMariaDbTest extends ProspectDevelopmentProcessTests {

  @DynamicPropertySource
  static void mariaDb(DynamicPropertyRegistry registry) {
    MariaDb.register(registry);
  }

  @Autowired
  DataSource dataSource;

  @Test
  void runsOnMariaDbWithFlywayTablesBesideCamundas() throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      String product = connection.getMetaData().getDatabaseProductName() + " " + connection.getMetaData().getDatabaseProductVersion();
      System.out.println("Process tests on " + product);
      assertThat(product).as("a MariaDB or MySQL server").containsAnyOf("MariaDB", "MySQL", "mysql");
      assertThat(connection.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
    }
    assertThat(engine.getProcessEngineConfiguration()).extracting("databaseType").isIn("mysql", "mariadb");
    assertThat(thresholds.get("pace.prospect-development.share").value()).isNotBlank();
  }
}
