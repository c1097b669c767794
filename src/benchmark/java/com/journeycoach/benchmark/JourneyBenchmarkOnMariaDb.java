package com.journeycoach.benchmark;

import com.journeycoach.JourneyCoachOnMariaDb;

/** The benchmark on a real MariaDB, in a fresh database, through the {@code mysql} profile. */
@JourneyCoachOnMariaDb
class JourneyBenchmarkOnMariaDb extends JourneyBenchmark {

  @Override
  String database() {
    return "MariaDB";
  }
}
