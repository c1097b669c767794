package com.journeycoach.journey;

import com.journeycoach.JourneyCoachTest;

@JourneyCoachTest
class TouchpointTimeOnH2Test extends TouchpointTimeTests {
}
