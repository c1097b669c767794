package com.journeycoach.journey;

import com.journeycoach.people.ProspectAdded;
import com.journeycoach.system.EngineAsApplication;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Starts a prospect's journey in the transaction that adds the prospect: both happen, or neither. */
@Component
class JourneyStarter {

  static final String PROCESS_KEY = "prospect-development";

  private final RuntimeService runtime;
  private final EngineAsApplication engine;

  JourneyStarter(RuntimeService runtime, EngineAsApplication engine) {
    this.runtime = runtime;
    this.engine = engine;
  }

  @EventListener
  void on(ProspectAdded added) {
    if (!added.journeyAlreadyRunning()) {
      engine.call(() -> runtime.startProcessInstanceByKey(PROCESS_KEY, added.prospect().id(),
          Map.of("prospectId", added.prospect().id(), "distributorId", added.prospect().distributorId())));
    }
  }
}
