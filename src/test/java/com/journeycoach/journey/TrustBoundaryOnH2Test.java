package com.journeycoach.journey;

import com.journeycoach.JourneyCoachTest;

@JourneyCoachTest
class TrustBoundaryOnH2Test extends TrustBoundaryTests {
}
