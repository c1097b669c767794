package com.journeycoach.statistics;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Apply approved changes", the step after a manager's approval form: a Java delegate
 * ({@code ${applyApprovedChanges}}) like every step after a form, so what it refuses reaches the caller as it
 * is. {@link ThresholdTuning#applyApprovedChanges} stays for tunings started on an earlier diagram.
 */
@Component("applyApprovedChanges")
class ApplyApprovedChanges implements JavaDelegate {

  private final ThresholdTuning tuning;

  ApplyApprovedChanges(ThresholdTuning tuning) {
    this.tuning = tuning;
  }

  @Override
  public void execute(DelegateExecution execution) {
    tuning.applyApprovedChanges(execution);
  }
}
