package com.journeycoach.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import com.journeycoach.EngineWithMocks;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The paths of {@code nudge-delivery} with {@code delivery} replaced: {@code ${delivery.plan(execution)}},
 * {@code ${delivery.skip(execution)}} and {@code ${delivery.send(execution)}}. "Plan delivery" sets what
 * the gateway and the timer read, {@code deliverable} and {@code waitUntil} (now when the send window is open),
 * as transient variables: read in the same transaction, never written to the database.
 */
@Deployment(resources = "processes/nudge-delivery.bpmn")
class NudgeDeliveryPathsTest {

  private static final String NUDGE = "nudge-1";
  private static final Date MORNING = new Date(EngineWithMocks.NOW.getTime() + Duration.ofHours(9).toMillis());

  @RegisterExtension
  static ProcessEngineExtension engine = EngineWithMocks.extension(NudgeDeliveryPathsTest.class);

  private final Delivery delivery = mock(Delivery.class);

  /** What "Plan delivery" decides: whether to send at all, and else until when to wait (now: the window is open). */
  private boolean deliverable = true;
  private Date waitUntil = EngineWithMocks.NOW;

  @BeforeEach
  void registerBeans() {
    EngineWithMocks.beforeEach(engine);
    doAnswer(EngineWithMocks.onExecution(execution -> {
      execution.setVariable("deliverable", Variables.booleanValue(deliverable, true));
      execution.setVariable("skipReason", Variables.stringValue(deliverable ? null : "opted out of SMS", true));
      execution.setVariable("channel", deliverable ? "SMS" : null);
      execution.setVariable("waitUntil", Variables.dateValue(deliverable ? waitUntil : null, true));
    })).when(delivery).plan(any());
    Mocks.register("delivery", delivery);
  }

  @AfterEach
  void resetClockAndMocks() {
    EngineWithMocks.afterEach();
  }

  @AfterAll
  static void closeEngine() {
    EngineWithMocks.afterAll(engine);
  }

  @Test
  void undeliverableNudgeIsSkipped() {
    deliverable = false;

    ProcessInstance delivering = startDelivery();

    assertThat(delivering).hasPassed("Task_PlanDelivery", "Task_RecordSkip", "EndEvent_NudgeSkipped")
        .hasNotPassed("Task_SendNudge").isEnded();
    verify(delivery).skip(any());
    verify(delivery, never()).send(any());
  }

  @Test
  void nudgeInTheSendWindowIsSentInATransactionOfItsOwn() {
    ProcessInstance delivering = startDelivery();

    // the async boundary: the timer, due now, is the send's job, so a failed send retries that step alone
    assertThat(delivering).hasPassed("Task_PlanDelivery").isWaitingAt("Timer_SendWindowOpens");
    assertThat(job(delivering).getDuedate()).isEqualTo(EngineWithMocks.NOW);
    verify(delivery, never()).send(any());

    execute(job(delivering));

    assertThat(delivering).hasPassed("Timer_SendWindowOpens", "Task_SendNudge", "EndEvent_NudgeSent").isEnded();
    verify(delivery).send(any());
    verify(delivery, never()).skip(any());
  }

  @Test
  void plannedDecisionsAreNotStoredOnlyTheChannelIs() {
    waitUntil = MORNING;

    ProcessInstance delivering = startDelivery();

    // what the gateway and the timer read is gone once the instance waits; the send needs only nudge and channel
    assertThat(engine.getRuntimeService().getVariables(delivering.getId())).containsOnlyKeys("nudgeId", "channel");
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(delivering.getId()).list())
        .extracting(HistoricVariableInstance::getName).containsExactlyInAnyOrder("nudgeId", "channel");
  }

  @Test
  void nudgeOutsideTheSendWindowWaitsForItToOpen() {
    waitUntil = MORNING;

    ProcessInstance delivering = startDelivery();

    assertThat(delivering).isWaitingAt("Timer_SendWindowOpens");
    assertThat(job(delivering).getDuedate()).isEqualTo(MORNING);
    verify(delivery, never()).send(any());

    // one job: the timer's, which sends
    execute(job(delivering));

    assertThat(delivering).hasPassed("Timer_SendWindowOpens", "Task_SendNudge", "EndEvent_NudgeSent").isEnded();
    verify(delivery).send(any());
  }

  @Test
  void failedSendIsRetriedWithGrowingPausesThenRaisesAnIncident() {
    doThrow(new IllegalStateException("provider down")).when(delivery).send(any());
    ProcessInstance delivering = startDelivery();

    // after each failure: the retries left and the pause before the next try
    List<String> afterFailures = new java.util.ArrayList<>();
    for (int attempt = 0; attempt < 10 && job(delivering).getRetries() > 0; attempt++) {
      Job sending = job(delivering);
      assertThatThrownBy(() -> execute(sending)).hasRootCauseMessage("provider down");
      Job retry = job(delivering);
      afterFailures.add(retry.getRetries() + " " + Duration.ofMillis(EngineWithMocks.dueAfterMillis(retry)));
    }

    // the first try and four retries, 10 s, 1 min, 5 min and 15 min after the failure before each; then an incident
    assertThat(afterFailures).containsExactly("4 PT10S", "3 PT1M", "2 PT5M", "1 PT15M", "0 PT15M");
    assertThat(delivering).isWaitingAt("Timer_SendWindowOpens").isNotEnded();
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(delivering.getId())
        .activityId("Timer_SendWindowOpens").count()).isEqualTo(1);
    verify(delivery, times(5)).send(any());
    verify(delivery, times(1)).plan(any());
  }

  /** As {@code DeliveryStarter} starts it: the nudge is the business key and a variable. */
  private ProcessInstance startDelivery() {
    return engine.getRuntimeService().startProcessInstanceByKey("nudge-delivery", NUDGE, Map.of("nudgeId", NUDGE));
  }
}
