package com.journeycoach.notification;

import com.journeycoach.coaching.Nudge;
import com.journeycoach.coaching.NudgeRecorded;
import com.journeycoach.people.Managers;
import com.journeycoach.system.EngineAsApplication;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * One small {@code nudge-delivery} instance per nudge and person, started in the transaction that
 * records the nudge: a nudge to the managers reaches each member of the group, once.
 */
@Component
class DeliveryStarter {

  private static final Logger log = LoggerFactory.getLogger(DeliveryStarter.class);

  private final RuntimeService runtime;
  private final EngineAsApplication engine;
  private final Managers managers;

  DeliveryStarter(RuntimeService runtime, EngineAsApplication engine, Managers managers) {
    this.runtime = runtime;
    this.engine = engine;
    this.managers = managers;
  }

  @EventListener
  void on(NudgeRecorded recorded) {
    Nudge nudge = recorded.nudge();
    if (nudge.audience() != Nudge.Audience.MANAGER) {
      engine.call(() -> runtime.startProcessInstanceByKey(NudgeDelivery.KEY, nudge.id(), Map.of(NudgeDelivery.NUDGE_ID, nudge.id())));
      return;
    }
    List<String> members = managers.memberIds();
    if (members.isEmpty()) {
      log.warn("Nudge {} is for the managers, but the group has no members to reach", nudge.id());
    }
    for (String member : members) {
      engine.call(() -> runtime.startProcessInstanceByKey(NudgeDelivery.KEY, nudge.id(),
          Map.of(NudgeDelivery.NUDGE_ID, nudge.id(), NudgeDelivery.RECIPIENT_ID, member)));
    }
  }
}
