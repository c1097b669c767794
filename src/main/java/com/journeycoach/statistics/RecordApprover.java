package com.journeycoach.statistics;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * "Approve threshold changes" names who decided: the manager logged in when the task is completed (else
 * its assignee), kept as {@code approvedBy} for the threshold history. Nobody writes it through the form.
 */
@Component("recordApprover")
public class RecordApprover implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    Authentication person = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    String approver = person != null ? person.getUserId() : task.getAssignee();
    if (approver != null) {
      task.getExecution().setVariable(ThresholdTuningProcess.APPROVED_BY, approver);
    }
  }
}
