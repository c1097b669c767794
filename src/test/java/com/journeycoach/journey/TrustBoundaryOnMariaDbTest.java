package com.journeycoach.journey;

import com.journeycoach.JourneyCoachOnMariaDbOverHttp;

/** The same attempts on a real MariaDB, whose Camunda tables store three bytes a character. */
@JourneyCoachOnMariaDbOverHttp
class TrustBoundaryOnMariaDbTest extends TrustBoundaryTests {
}
