package com.journeycoach.journey;

import com.journeycoach.JourneyCoachOnMariaDb;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The same process tests on a real MariaDB through the {@code mysql} profile. */
@Tag("mariadb")
@JourneyCoachOnMariaDb
class ProspectDevelopmentOnMariaDbTest extends ProspectDevelopmentProcessTests {

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
