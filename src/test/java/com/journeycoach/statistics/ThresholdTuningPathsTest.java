package com.journeycoach.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.journeycoach.EngineWithMocks;
import java.time.Duration;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The paths of {@code threshold-tuning} with its beans replaced: {@code ${tuningSchedule.cycle()}} (read
 * when the diagram is deployed), {@code ${thresholdTuning.checkContentDrift(execution)}},
 * {@code ${thresholdTuning.propose(execution)}} (sets {@code largeChangesProposed}, which the gateway reads),
 * {@code ${thresholdTuning.applySmallChanges(execution)}} and {@code ${thresholdTuning.applyApprovedChanges(execution)}}.
 */
@Deployment(resources = {"processes/threshold-tuning.bpmn", "forms/approve-threshold.form"})
class ThresholdTuningPathsTest {

  private static final String PROCESS = "threshold-tuning";

  @RegisterExtension
  static ProcessEngineExtension engine = EngineWithMocks.extension(ThresholdTuningPathsTest.class);

  private final ThresholdTuning thresholdTuning = mock(ThresholdTuning.class);
  private final StatisticsProperties.TuningSchedule tuningSchedule = mock(StatisticsProperties.TuningSchedule.class);

  /** What "Propose thresholds" finds: changes too large to apply without a manager. */
  private boolean largeChangesProposed = false;

  /** Before the deployment (the extension deploys after {@code @BeforeEach}): the start timer reads the schedule then. */
  @BeforeEach
  void registerBeans() {
    EngineWithMocks.beforeEach(engine);
    when(tuningSchedule.cycle()).thenReturn("R/PT6H");
    doAnswer(EngineWithMocks.onExecution(execution -> execution.setVariable("largeChangesProposed", largeChangesProposed)))
        .when(thresholdTuning).propose(any());
    Mocks.register("thresholdTuning", thresholdTuning);
    // the approval's complete listener names the approver; it has no dependencies, so the real one runs
    Mocks.register("recordApprover", new RecordApprover());
    // "Apply approved changes" is bound to the delegate ${applyApprovedChanges}, which calls ThresholdTuning
    Mocks.register("applyApprovedChanges", (JavaDelegate) thresholdTuning::applyApprovedChanges);
    Mocks.register("tuningSchedule", tuningSchedule);
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
  void tuningStartsOnTheConfiguredSchedule() {
    Job due = engine.getManagementService().createJobQuery().processDefinitionKey(PROCESS).singleResult();
    assertThat(EngineWithMocks.dueAfterMillis(due)).isEqualTo(Duration.ofHours(6).toMillis());

    execute(due);

    ProcessInstance tuning = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(PROCESS).singleResult();
    assertThat(tuning).hasPassed("Timer_TuningDue", "Task_CheckContentDrift").isWaitingAt("Task_ProposeThresholds");
    verify(thresholdTuning).checkContentDrift(any());
    // and the next tuning is scheduled
    assertThat(engine.getManagementService().createJobQuery().processDefinitionKey(PROCESS).timers().count()).isEqualTo(1);
  }

  @Test
  void smallChangesAreAppliedWithoutApproval() {
    ProcessInstance tuning = startTuning();

    // the async boundary: the drift check is committed before proposing starts
    assertThat(tuning).hasPassed("Task_CheckContentDrift").isWaitingAt("Task_ProposeThresholds");
    execute(job(tuning));

    assertThat(tuning).hasPassed("Task_ProposeThresholds", "Task_ApplySmallChanges", "EndEvent_ThresholdsTuned")
        .hasNotPassed("Task_ApproveThresholdChanges").isEnded();
    verify(thresholdTuning).applySmallChanges(any());
    verify(thresholdTuning, never()).applyApprovedChanges(any());
  }

  @Test
  void largeChangesWaitForAManagerAfterTheSmallOnesAreApplied() {
    largeChangesProposed = true;
    ProcessInstance tuning = startTuning();

    execute(job(tuning));

    assertThat(tuning).hasPassed("Task_ApplySmallChanges").isWaitingAt("Task_ApproveThresholdChanges");
    assertThat(task(tuning)).hasCandidateGroup("managers");
    assertThat(engine.getFormService().getDeployedTaskForm(task(tuning).getId())).isNotNull();
    verify(thresholdTuning).applySmallChanges(any());
  }

  @Test
  void approvedChangesAreApplied() {
    largeChangesProposed = true;
    ProcessInstance tuning = startTuning();
    execute(job(tuning));

    complete(task(tuning), withVariables("thresholdDecision", "APPROVE"));

    assertThat(tuning).hasPassed("Task_ApplyApprovedChanges", "EndEvent_ChangesApplied").isEnded();
    verify(thresholdTuning).applyApprovedChanges(any());
  }

  @ParameterizedTest(name = "decision {0} applies nothing")
  @ValueSource(strings = {"REJECT", "anything but APPROVE"})
  void changesNotApprovedAreNotApplied(String decision) {
    largeChangesProposed = true;
    ProcessInstance tuning = startTuning();
    execute(job(tuning));

    complete(task(tuning), withVariables("thresholdDecision", decision));

    assertThat(tuning).hasPassed("EndEvent_ChangesRejected").hasNotPassed("Task_ApplyApprovedChanges").isEnded();
    verify(thresholdTuning, never()).applyApprovedChanges(any());
  }

  @Test
  void failedProposalIsRetriedAloneThenRaisesAnIncident() {
    doThrow(new IllegalStateException("statistics unavailable")).when(thresholdTuning).propose(any());
    ProcessInstance tuning = startTuning();

    for (int retriesLeft = 2; retriesLeft >= 0; retriesLeft--) {
      Job proposing = job(tuning);
      assertThatThrownBy(() -> execute(proposing)).hasRootCauseMessage("statistics unavailable");
      assertThat(job(tuning).getRetries()).isEqualTo(retriesLeft);
    }

    assertThat(tuning).isWaitingAt("Task_ProposeThresholds");
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(tuning.getId()).count()).isEqualTo(1);
    verify(thresholdTuning, times(1)).checkContentDrift(any());
    verify(thresholdTuning, times(3)).propose(any());
  }

  /** As the demo starts it, besides the timer. */
  private ProcessInstance startTuning() {
    return engine.getRuntimeService().startProcessInstanceByKey(PROCESS);
  }
}
