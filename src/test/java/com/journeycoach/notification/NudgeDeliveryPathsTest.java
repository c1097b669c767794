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
import java.util.Map;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The paths of {@code nudge-delivery} with {@code delivery} replaced: {@code ${delivery.plan(execution)}},
 * {@code ${delivery.skip(execution)}} and {@code ${delivery.send(execution)}}. "Plan delivery" sets what
 * the gateways and the timer read: {@code deliverable}, {@code inSendWindow}, and {@code waitUntil} when
 * the send window is closed.
 */
@Deployment(resources = "processes/nudge-delivery.bpmn")
class NudgeDeliveryPathsTest {

  private static final String NUDGE = "nudge-1";
  private static final Date MORNING = new Date(EngineWithMocks.NOW.getTime() + Duration.ofHours(9).toMillis());

  @RegisterExtension
  static ProcessEngineExtension engine = EngineWithMocks.extension(NudgeDeliveryPathsTest.class);

  private final Delivery delivery = mock(Delivery.class);

  /** What "Plan delivery" decides: whether to send at all, and else until when to wait (null: now). */
  private boolean deliverable = true;
  private Date waitUntil = null;

  @BeforeEach
  void registerBeans() {
    EngineWithMocks.beforeEach(engine);
    doAnswer(EngineWithMocks.onExecution(execution -> {
      execution.setVariable("deliverable", deliverable);
      execution.setVariable("skipReason", deliverable ? null : "opted out of SMS");
      execution.setVariable("channel", deliverable ? "SMS" : null);
      execution.setVariable("waitUntil", waitUntil);
      execution.setVariable("inSendWindow", waitUntil == null);
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

    // the async boundary: "Send nudge" waits as a job, so a failed send retries that step alone
    assertThat(delivering).hasPassed("Task_PlanDelivery").isWaitingAt("Task_SendNudge");
    verify(delivery, never()).send(any());

    execute(job(delivering));

    assertThat(delivering).hasPassed("Task_SendNudge", "EndEvent_NudgeSent").hasNotPassed("Timer_SendWindowOpens").isEnded();
    verify(delivery).send(any());
    verify(delivery, never()).skip(any());
  }

  @Test
  void nudgeOutsideTheSendWindowWaitsForItToOpen() {
    waitUntil = MORNING;

    ProcessInstance delivering = startDelivery();

    assertThat(delivering).isWaitingAt("Timer_SendWindowOpens");
    assertThat(job(delivering).getDuedate()).isEqualTo(MORNING);
    verify(delivery, never()).send(any());

    execute(job(delivering));
    assertThat(delivering).isWaitingAt("Task_SendNudge");
    execute(job(delivering));

    assertThat(delivering).hasPassed("Timer_SendWindowOpens", "Task_SendNudge", "EndEvent_NudgeSent").isEnded();
    verify(delivery).send(any());
  }

  @Test
  void failedSendIsRetriedFourTimesAMinuteApartThenRaisesAnIncident() {
    doThrow(new IllegalStateException("provider down")).when(delivery).send(any());
    ProcessInstance delivering = startDelivery();

    for (int retriesLeft = 3; retriesLeft >= 0; retriesLeft--) {
      Job sending = job(delivering);
      assertThatThrownBy(() -> execute(sending)).hasRootCauseMessage("provider down");
      Job retry = job(delivering);
      assertThat(retry.getRetries()).isEqualTo(retriesLeft);
      if (retriesLeft > 0) {
        assertThat(EngineWithMocks.dueAfterMillis(retry)).isEqualTo(Duration.ofMinutes(1).toMillis());
      }
    }

    assertThat(delivering).isWaitingAt("Task_SendNudge").isNotEnded();
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(delivering.getId()).activityId("Task_SendNudge")
        .count()).isEqualTo(1);
    verify(delivery, times(4)).send(any());
    verify(delivery, times(1)).plan(any());
  }

  /** As {@code DeliveryStarter} starts it: the nudge is the business key and a variable. */
  private ProcessInstance startDelivery() {
    return engine.getRuntimeService().startProcessInstanceByKey("nudge-delivery", NUDGE, Map.of("nudgeId", NUDGE));
  }
}
