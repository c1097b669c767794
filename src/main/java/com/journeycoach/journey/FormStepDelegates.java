package com.journeycoach.journey;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The steps that record what a person submitted in a form are Java delegates, referenced by
 * {@code camunda:delegateExpression="${recordShare}"}, never {@code ${bean.method(execution)}} expressions:
 * an expression wraps every exception, while a delegate's {@code InvalidInputException} reaches the
 * caller as it is, so Tasklist and {@code /engine-rest} answer 400 with the list of bad fields.
 *
 * <p>In {@code prospect-development} they run as "end" execution listeners of the start event and
 * of the user tasks whose forms they record, not as service tasks of their own: the journey then
 * writes four activity instances fewer to history at every turn. An "end" listener also runs when
 * the task is cancelled (a purchase reported, the instance cancelled in Cockpit); then nothing was
 * submitted and nothing is recorded. Earlier versions of the diagram call the same steps from service tasks.
 * In {@code distributor-onboarding} they are the service tasks after the forms. (The other modules bind
 * theirs the same way: {@code retireAsset} and {@code replaceAsset} in content, {@code applyApprovedChanges}
 * in statistics.) The steps' methods stay public: journeys started on earlier versions call them by expression.
 */
@Configuration
class FormStepDelegates {

  @Bean("registerProspect")
  JavaDelegate registerProspect(JourneySteps steps) {
    return steps::registerProspect;
  }

  @Bean("recordShare")
  JavaDelegate recordShare(JourneySteps steps) {
    return whenCompleted(steps::recordShare);
  }

  @Bean("recordFollowUp")
  JavaDelegate recordFollowUp(JourneySteps steps) {
    return whenCompleted(steps::recordFollowUp);
  }

  @Bean("recordOutcome")
  JavaDelegate recordOutcome(JourneySteps steps) {
    return whenCompleted(steps::recordOutcome);
  }

  @Bean("recordTraining")
  JavaDelegate recordTraining(OnboardingSteps steps) {
    return steps::recordTraining;
  }

  @Bean("recordProductTraining")
  JavaDelegate recordProductTraining(OnboardingSteps steps) {
    return steps::recordProductTraining;
  }

  /** Runs the step unless its activity was cancelled rather than completed. */
  static JavaDelegate whenCompleted(JavaDelegate step) {
    return (DelegateExecution execution) -> {
      if (!execution.isCanceled()) {
        step.execute(execution);
      }
    };
  }
}
