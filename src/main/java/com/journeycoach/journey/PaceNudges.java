package com.journeycoach.journey;

import com.journeycoach.coaching.Coach;
import com.journeycoach.coaching.Occasion;
import com.journeycoach.people.Prospects;
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
  private final Prospects prospects;

  public PaceNudges(CoachingFacts facts, Coach coach, Prospects prospects) {
    this.facts = facts;
    this.coach = coach;
    this.prospects = prospects;
  }

  public void record(DelegateExecution execution, String step) {
    // the prospect is the journey's business key and their distributor the one the prospect table names
    String prospectId = execution.getProcessBusinessKey();
    coach.coach(facts.forDistributor(Occasion.paceTimer(step, prospectId), prospects.get(prospectId).distributorId()),
        execution.getProcessInstanceId());
  }
}
