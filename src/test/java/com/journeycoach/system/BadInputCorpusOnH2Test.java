package com.journeycoach.system;

import com.journeycoach.JourneyCoachTest;
import org.junit.jupiter.api.Tag;
import org.springframework.test.context.TestPropertySource;

/** In a JVM of its own (suite CorpusOnH2Jvm, surefire execution "own-jvms"): its wrong passwords would trip the login throttle for the other tests. */
@JourneyCoachTest
@Tag("corpus-h2")
@TestPropertySource(properties = "journey.login-throttle.failures-per-client=100000")
class BadInputCorpusOnH2Test extends BadInputCorpusTests {

  @Override
  String database() {
    return "H2";
  }
}
