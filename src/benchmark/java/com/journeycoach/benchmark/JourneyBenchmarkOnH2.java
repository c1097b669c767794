package com.journeycoach.benchmark;

import com.journeycoach.JourneyCoachTest;
import org.springframework.test.annotation.DirtiesContext;

/** The benchmark on H2 in memory, as the other tests run. */
@JourneyCoachTest
@DirtiesContext
class JourneyBenchmarkOnH2 extends JourneyBenchmark {

  @Override
  String database() {
    return "H2";
  }
}
