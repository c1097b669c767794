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
 *
 * <p>These classes run in a JVM of their own (suite `MariaDbOverHttpJvm`, surefire execution "own-jvms"): Camunda's
 * REST authentication finds its engine through a process-wide registry, so a second web application in
 * the same JVM would make the other one's requests log in against this engine.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("mariadb")
@Tag(JourneyCoachOnMariaDbOverHttp.TAG)
@ExtendWith(MariaDb.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"camunda.bpm.process-engine-name=mariadb-http", "journey.catalog.tracked-link-base-url=http://localhost:8080",
        "journey.notifications.require-real-channels=false",
        // the corpus sends wrong passwords by the hundred from 127.0.0.1; the throttle itself is tested on H2
        "journey.login-throttle.failures-per-client=100000"})
@ContextConfiguration(initializers = JourneyCoachOnMariaDb.FreshDatabase.class)
@ActiveProfiles({"test", "mysql"})
public @interface JourneyCoachOnMariaDbOverHttp {

  String TAG = "mariadb-http";
}
