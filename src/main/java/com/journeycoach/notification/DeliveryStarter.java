package com.journeycoach.notification;

import com.journeycoach.coaching.NudgeRecorded;
import com.journeycoach.system.EngineAsApplication;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** One small {@code nudge-delivery} instance per nudge, started in the transaction that records it. */
@Component
class DeliveryStarter {

  private final RuntimeService runtime;
  private final EngineAsApplication engine;

  DeliveryStarter(RuntimeService runtime, EngineAsApplication engine) {
    this.runtime = runtime;
    this.engine = engine;
  }

  @EventListener
  void on(NudgeRecorded recorded) {
    engine.call(() -> runtime.startProcessInstanceByKey(NudgeDelivery.KEY, recorded.nudge().id(),
        Map.of(NudgeDelivery.NUDGE_ID, recorded.nudge().id())));
  }
}
