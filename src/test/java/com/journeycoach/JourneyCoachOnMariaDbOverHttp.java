package com.journeycoach;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on a real MariaDB through the {@code mysql} profile, listening on a random
 * port, for tests that talk HTTP as people and other systems do. One fresh database (see
 * {@link MariaDb}) shared by every class with this annotation; skipped without a server unless CI
 * requires one.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("mariadb")
@ExtendWith(MariaDb.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"camunda.bpm.process-engine-name=mariadb-http", "journey.catalog.tracked-link-base-url=http://localhost:8080",
        "journey.notifications.require-real-channels=false"})
@ContextConfiguration(initializers = JourneyCoachOnMariaDb.FreshDatabase.class)
@ActiveProfiles({"test", "mysql"})
public @interface JourneyCoachOnMariaDbOverHttp {
}
