package com.journeycoach.system;

import com.journeycoach.JourneyCoachTest;

@JourneyCoachTest
class BadInputCorpusOnH2Test extends BadInputCorpusTests {

  @Override
  String database() {
    return "H2";
  }
}
