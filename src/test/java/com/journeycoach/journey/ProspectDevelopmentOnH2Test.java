package com.journeycoach.journey;

import com.journeycoach.JourneyCoachTest;

@JourneyCoachTest
class ProspectDevelopmentOnH2Test extends ProspectDevelopmentProcessTests {
}
