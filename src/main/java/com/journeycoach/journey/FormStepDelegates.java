package com.journeycoach.journey;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The steps that check what a distributor typed into a form are Java delegates, not expressions:
 * an expression wraps every exception, while a delegate's {@code InvalidInputException} reaches the
 * caller as it is, so Tasklist and {@code /engine-rest} answer 400 with the list of bad fields.
 */
@Configuration
class FormStepDelegates {

  @Bean("registerProspect")
  JavaDelegate registerProspect(JourneySteps steps) {
    return steps::registerProspect;
  }

  @Bean("recordFollowUp")
  JavaDelegate recordFollowUp(JourneySteps steps) {
    return steps::recordFollowUp;
  }

  @Bean("recordOutcome")
  JavaDelegate recordOutcome(JourneySteps steps) {
    return steps::recordOutcome;
  }

  @Bean("recordTraining")
  JavaDelegate recordTraining(OnboardingSteps steps) {
    return steps::recordTraining;
  }
}
