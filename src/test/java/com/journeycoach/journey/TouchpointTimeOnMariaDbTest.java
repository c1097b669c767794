package com.journeycoach.journey;

import com.journeycoach.JourneyCoachOnMariaDbOverHttp;

@JourneyCoachOnMariaDbOverHttp
class TouchpointTimeOnMariaDbTest extends TouchpointTimeTests {
}
