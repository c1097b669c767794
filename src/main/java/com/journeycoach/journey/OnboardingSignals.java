package com.journeycoach.journey;

import com.journeycoach.coaching.Nudge;
import com.journeycoach.coaching.NudgeRecorded;
import com.journeycoach.people.Distributor;
import com.journeycoach.people.DistributorRegistered;
import com.journeycoach.people.Distributors;
import com.journeycoach.people.Prospect;
import com.journeycoach.people.ProspectAdded;
import com.journeycoach.people.ProspectStatusChanged;
import com.journeycoach.people.Prospects;
import com.journeycoach.settings.Thresholds;
import com.journeycoach.system.EngineAsApplication;
import com.journeycoach.system.EngineTables;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.persistence.entity.EventSubscriptionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What happens elsewhere that the onboarding journey hears of, in the same transaction: a
 * registration starts it; enough first prospects, a first sale and a suggested product training
 * reach the running journey; a prospect enrolled becomes a distributor with their recruiter as sponsor.
 */
@Component
class OnboardingSignals {

  /** The sponsor alerts that open a check-in: the enrollee stalled, or one of their journeys did. */
  private static final Set<String> STALLS = Set.of("ENROLLEE_STALLED", "JOURNEY_STALLED");

  private final RuntimeService runtime;
  private final EngineAsApplication engine;
  private final Prospects prospects;
  private final Distributors distributors;
  private final Thresholds thresholds;
  private final JdbcClient jdbc;
  private final EngineTables tables;
  private final TaskService tasks;

  OnboardingSignals(RuntimeService runtime, EngineAsApplication engine, Prospects prospects, Distributors distributors,
                    Thresholds thresholds, JdbcClient jdbc, EngineTables tables, TaskService tasks) {
    this.tasks = tasks;
    this.runtime = runtime;
    this.engine = engine;
    this.prospects = prospects;
    this.distributors = distributors;
    this.thresholds = thresholds;
    this.jdbc = jdbc;
    this.tables = tables;
  }

  @EventListener
  void on(DistributorRegistered registered) {
    Distributor distributor = registered.distributor();
    engine.call(() -> runtime.startProcessInstanceByKey(DistributorOnboarding.KEY, distributor.id(),
        Map.of(DistributorOnboarding.DISTRIBUTOR_ID, distributor.id())));
  }

  @EventListener
  void on(ProspectAdded added) {
    String distributorId = added.prospect().distributorId();
    if (waitsFor(DistributorOnboarding.MESSAGE_FIRST_PROSPECTS_ADDED, distributorId)
        && prospects.countOfDistributor(distributorId) >= thresholds.number("onboarding.first-prospects-minimum").intValue()) {
      correlate(DistributorOnboarding.MESSAGE_FIRST_PROSPECTS_ADDED, distributorId, Map.of());
    }
  }

  @EventListener
  void on(ProspectStatusChanged changed) {
    Prospect prospect = changed.prospect();
    if (prospect.status() == Prospect.Status.WON) {
      if (waitsFor(DistributorOnboarding.MESSAGE_FIRST_SALE_MADE, prospect.distributorId())) {
        correlate(DistributorOnboarding.MESSAGE_FIRST_SALE_MADE, prospect.distributorId(), Map.of());
      }
    } else if (prospect.status() == Prospect.Status.ENROLLED) {
      String newId = "enrollee-" + prospect.id().substring(0, 8);
      if (distributors.find(newId).isEmpty()) {
        // no password: the welcome message brings a one-time link to set one (PasswordLinks)
        distributors.register(new Distributors.Registration(newId, prospect.firstName(),
            prospect.lastName() == null ? Distributors.NO_LAST_NAME : prospect.lastName(), prospect.email() == null ? "" : prospect.email(),
            prospect.phone(), null, prospect.distributorId(), false, null, null, null, null));
      }
    }
  }

  @EventListener
  void on(NudgeRecorded recorded) {
    Nudge nudge = recorded.nudge();
    if ("TAKE_PRODUCT_TRAINING".equals(nudge.kind())) {
      String product = nudge.messageKey().substring(nudge.messageKey().lastIndexOf('.') + 1);
      correlate(DistributorOnboarding.MESSAGE_PRODUCT_TRAINING_SUGGESTED, nudge.recipientId(), Map.of(DistributorOnboarding.PRODUCT, product));
    } else if (nudge.audience() == Nudge.Audience.SPONSOR && STALLS.contains(nudge.kind()) && nudge.distributorId() != null
        && waitsFor(DistributorOnboarding.MESSAGE_ENROLLEE_STALLED, nudge.distributorId())
        && !checkInOpen(nudge.distributorId())) {
      // the sponsor's alert opens a check-in with the enrollee, while their onboarding runs; one at a time
      correlate(DistributorOnboarding.MESSAGE_ENROLLEE_STALLED, nudge.distributorId(), Map.of());
    }
  }

  private boolean checkInOpen(String distributorId) {
    return engine.call(() -> tasks.createTaskQuery().processDefinitionKey(DistributorOnboarding.KEY)
        .processInstanceBusinessKey(distributorId).taskDefinitionKey(DistributorOnboarding.TASK_CHECK_IN_WITH_ENROLLEE).count()) > 0;
  }

  /**
   * Whether the distributor's onboarding waits for this message now. One query, so the many prospects
   * added and won after onboarding cost no counting and no correlation: the message subscriptions of
   * the process instance with the distributor's business key, read by index (the engine's execution
   * query for the same cost about 0.4 ms on H2, twice in every prospect's journey).
   */
  private boolean waitsFor(String message, String distributorId) {
    return jdbc.sql("SELECT COUNT(*) FROM " + tables.of(ExecutionEntity.class) + " x JOIN " + tables.of(EventSubscriptionEntity.class)
            + " e ON e.PROC_INST_ID_ = x.ID_ WHERE x.BUSINESS_KEY_ = ? AND e.EVENT_TYPE_ = 'message' AND e.EVENT_NAME_ = ?")
        .params(distributorId, message).query(Integer.class).single() > 0;
  }

  private void correlate(String message, String distributorId, Map<String, Object> variables) {
    engine.call(() -> runtime.createMessageCorrelation(message)
        .processInstanceBusinessKey(distributorId)
        .setVariables(variables)
        .correlateAllWithResult());
  }
}
