package com.journeycoach;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on a real MariaDB through the {@code mysql} profile, in a fresh database of
 * its own (see {@link MariaDb}); skipped without a server unless CI requires one.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(MariaDb.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = {"camunda.bpm.process-engine-name=mariadb", "journey.catalog.tracked-link-base-url=http://localhost:8080",
        // the process tests record reminders in the log channel; production (mysql) requires real channels
        "journey.notifications.require-real-channels=false"})
@ContextConfiguration(initializers = JourneyCoachOnMariaDb.FreshDatabase.class)
@ActiveProfiles({"test", "mysql"})
@DirtiesContext
public @interface JourneyCoachOnMariaDb {

  /** Points the application at a fresh database. */
  class FreshDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
      context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("mariadb", MariaDb.properties()));
    }
  }
}
