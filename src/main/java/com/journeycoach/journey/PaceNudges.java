package com.journeycoach.journey;

import com.journeycoach.coaching.Coach;
import com.journeycoach.coaching.Occasion;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * A fired pace timer asks the coaching rules what to do: {@code ${paceNudges.record(execution, 'view')}}.
 * This only gathers the facts and hands them over; the decision and its reason come from the rules.
 */
@Component("paceNudges")
public class PaceNudges {

  private final CoachingFacts facts;
  private final Coach coach;

  public PaceNudges(CoachingFacts facts, Coach coach) {
    this.facts = facts;
    this.coach = coach;
  }

  public void record(DelegateExecution execution, String step) {
    // the journey keeps its prospect's distributor in a variable ("Register prospect" sets it)
    coach.coach(facts.forDistributor(Occasion.paceTimer(step, (String) execution.getVariable("prospectId")),
        (String) execution.getVariable("distributorId")), execution.getProcessInstanceId());
  }
}
