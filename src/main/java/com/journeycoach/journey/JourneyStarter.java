package com.journeycoach.journey;

import com.journeycoach.people.Prospect;
import com.journeycoach.people.ProspectAdded;
import com.journeycoach.system.EngineAsApplication;
import com.journeycoach.system.EngineText;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Starts a prospect's journey in the transaction that adds the prospect: both happen, or neither. */
@Component
class JourneyStarter {

  private final RuntimeService runtime;
  private final EngineAsApplication engine;

  JourneyStarter(RuntimeService runtime, EngineAsApplication engine) {
    this.runtime = runtime;
    this.engine = engine;
  }

  /** The prospect just added brings what "Register prospect" would read, so the start reads nothing again. */
  @EventListener
  void on(ProspectAdded added) {
    if (!added.journeyAlreadyRunning()) {
      Prospect prospect = added.prospect();
      engine.call(() -> runtime.startProcessInstanceByKey(ProspectDevelopment.KEY, prospect.id(),
          Variables.putValue(ProspectDevelopment.PROSPECT_ID, prospect.id()).putValue(ProspectDevelopment.DISTRIBUTOR_ID, prospect.distributorId())
              .putValue(ProspectDevelopment.PROSPECT_NAME, EngineText.storable(prospect.fullName()))
              .putValueTyped(ProspectDevelopment.PROSPECT_AUDIENCE, JourneySteps.passedOn(prospect.audience()))
              .putValueTyped(ProspectDevelopment.NEW_PROSPECT, Variables.booleanValue(true, true))));
    }
  }
}
