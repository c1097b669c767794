package com.journeycoach.system;

import com.journeycoach.JourneyCoachTest;

@JourneyCoachTest
class EngineRestAnswersOnH2Test extends EngineRestAnswersTests {
}
