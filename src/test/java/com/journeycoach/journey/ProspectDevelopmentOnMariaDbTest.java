package com.journeycoach.journey;

import com.journeycoach.MariaDb;
import org.junit.jupiter.api.Tag;
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
    properties = "camunda.bpm.process-engine-name=mariadb")
@ActiveProfiles({"test", "mysql"})
@DirtiesContext
class ProspectDevelopmentOnMariaDbTest extends ProspectDevelopmentProcessTests {

  @DynamicPropertySource
  static void mariaDb(DynamicPropertyRegistry registry) {
    MariaDb.register(registry);
  }
}
