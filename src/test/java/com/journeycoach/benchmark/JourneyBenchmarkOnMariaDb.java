package com.journeycoach.benchmark;

import com.journeycoach.MariaDb;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The benchmark on a real MariaDB, in a fresh database, through the {@code mysql} profile. */
@ExtendWith(MariaDb.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = {"camunda.bpm.process-engine-name=mariadb", "journey.catalog.tracked-link-base-url=http://localhost:8080",
        // the process tests record reminders in the log channel; production (mysql) requires real channels
        "journey.notifications.require-real-channels=false"})
@ActiveProfiles({"test", "mysql"})
@DirtiesContext
class JourneyBenchmarkOnMariaDb extends JourneyBenchmark {

  @DynamicPropertySource
  static void mariaDb(DynamicPropertyRegistry registry) {
    MariaDb.register(registry);
  }

  @Override
  String database() {
    return "MariaDB";
  }
}
