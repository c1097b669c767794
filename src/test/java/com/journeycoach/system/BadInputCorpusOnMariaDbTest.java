package com.journeycoach.system;

import com.journeycoach.JourneyCoachOnMariaDbOverHttp;

/** The same corpus on a real MariaDB: its column limits, date ranges and 3-byte Camunda tables. */
@JourneyCoachOnMariaDbOverHttp
class BadInputCorpusOnMariaDbTest extends BadInputCorpusTests {

  @Override
  String database() {
    return "MariaDB";
  }
}
