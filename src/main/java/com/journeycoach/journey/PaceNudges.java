package com.journeycoach.journey;

import com.journeycoach.coaching.Nudge;
import com.journeycoach.coaching.Nudges;
import com.journeycoach.system.Groups;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.springframework.stereotype.Component;

/**
 * A fired pace timer records a nudge: the step's to the distributor, the whole journey's to the
 * sponsor (to the managers when the distributor has no sponsor). The reason is the timer's id.
 */
@Component("paceNudges")
public class PaceNudges {

  private final Nudges nudges;

  public PaceNudges(Nudges nudges) {
    this.nudges = nudges;
  }

  public void record(DelegateExecution execution, String step) {
    String prospectId = (String) execution.getVariable("prospectId");
    String reason = "prospect-development/" + firedBy(execution) + " (pace '" + step + "')";
    if ("journey".equals(step)) {
      String sponsorId = (String) execution.getVariable("sponsorId");
      boolean hasSponsor = sponsorId != null;
      nudges.record(hasSponsor ? sponsorId : Groups.MANAGERS, hasSponsor ? Nudge.Audience.SPONSOR : Nudge.Audience.MANAGER,
          "JOURNEY_BEHIND_PACE", prospectId, execution.getProcessInstanceId(), "pace.journey-overdue", 2, reason);
    } else {
      nudges.record((String) execution.getVariable("distributorId"), Nudge.Audience.DISTRIBUTOR, "STEP_OVERDUE", prospectId,
          execution.getProcessInstanceId(), "pace." + step + "-overdue", 1, reason);
    }
  }

  /** The timer that led here: the source of the flow into this task, else the task itself. */
  private static String firedBy(DelegateExecution execution) {
    if (execution.getBpmnModelElementInstance() instanceof FlowNode node && !node.getIncoming().isEmpty()) {
      return node.getIncoming().iterator().next().getSource().getId();
    }
    return execution.getCurrentActivityId();
  }
}
