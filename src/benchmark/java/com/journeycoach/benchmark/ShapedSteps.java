package com.journeycoach.benchmark;

import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;

/**
 * The service tasks and form-recording listeners of the journey's diagram without the application behind them, for the
 * benchmark's "shaped" kind: each sets what the real step leaves for the diagram and the forms (the
 * same variables, the gateway decisions as transient variables) and touches no table of the application.
 */
public class ShapedSteps implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    switch (execution.getCurrentActivityId()) {
      case "Task_ChooseNextAsset" -> {
        String shareId = UUID.randomUUID().toString();
        execution.setVariable("assetLeft", Variables.booleanValue(true, true));
        execution.setVariable("assetTitle", "Why we started: the Verdant story");
        execution.setVariable("shareId", shareId);
        execution.setVariable("shareLink", "http://localhost:8080/s/" + shareId);
      }
      // the steps that record a form run when its task ends
      case "Task_ShareAsset" -> execution.setVariable("viewed", Variables.booleanValue(false, true));
      case "Task_AskFollowUp" -> execution.setVariable("readyToPresent", Variables.booleanValue(true, true));
      default -> {
        // StartEvent_ProspectAdded (register prospect), Task_RecordMeetingOutcome (record outcome): what they
        // write goes to the application's tables only
      }
    }
  }
}
