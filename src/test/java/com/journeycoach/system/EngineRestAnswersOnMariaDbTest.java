package com.journeycoach.system;

import com.journeycoach.JourneyCoachOnMariaDbOverHttp;

/** The same answers on a real MariaDB, whose Camunda tables store three bytes a character. */
@JourneyCoachOnMariaDbOverHttp
class EngineRestAnswersOnMariaDbTest extends EngineRestAnswersTests {
}
