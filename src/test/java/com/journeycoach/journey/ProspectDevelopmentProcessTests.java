package com.journeycoach.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.journeycoach.statistics.Thresholds;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The paths of prospect-development; run on H2 and on MariaDB by the subclasses. */
abstract class ProspectDevelopmentProcessTests {

  @Autowired
  ProcessEngine engine;
  @Autowired
  Thresholds thresholds;

  @BeforeEach
  void bindAssertionsToThisEngine() {
    BpmnAwareTests.init(engine);
  }

  private ProcessInstance startJourney(String prospectId, String distributorId) {
    return engine.getRuntimeService().startProcessInstanceByKey("prospect-development", prospectId,
        withVariables("distributorId", distributorId));
  }

  @Test
  void shareTaskGoesToTheProspectsDistributorWithItsForm() throws IOException {
    ProcessInstance journey = startJourney("prospect-1", "dana");

    BpmnAwareTests.assertThat(journey).isWaitingAt("Task_ShareAsset");
    BpmnAwareTests.assertThat(task(journey)).isAssignedTo("dana");
    String taskId = task(journey).getId();
    assertThat(engine.getTaskService().createTaskQuery().taskId(taskId).initializeFormKeys().singleResult()
        .getCamundaFormRef().getKey()).isEqualTo("share-asset");
    try (InputStream form = engine.getFormService().getDeployedTaskForm(taskId)) {
      assertThat(new String(form.readAllBytes(), StandardCharsets.UTF_8))
          .as("the Camunda Form from forms/ is deployed beside the process")
          .contains("\"id\": \"share-asset\"", "shareChannel");
    }
    assertThat(journey.getBusinessKey()).isEqualTo("prospect-1");
  }

  @Test
  void sharingTheAssetEndsTheSkeletonJourney() {
    ProcessInstance journey = startJourney("prospect-2", "dana");

    BpmnAwareTests.complete(task(journey), withVariables("shareChannel", "SMS"));

    BpmnAwareTests.assertThat(journey).hasPassedInOrder("StartEvent_ProspectAdded", "Task_ShareAsset", "EndEvent_AssetShared")
        .isEnded();
  }

  @Test
  void shareOverdueTimerTakesItsDurationFromTheThresholdAndKeepsTheTaskOpen() {
    ProcessInstance journey = startJourney("prospect-3", "dana");
    Job timer = job("Timer_ShareOverdue", journey);

    Instant expected = Instant.now().plus(Duration.ofDays(2));
    assertThat(timer.getDuedate()).isBetween(Date.from(expected.minusSeconds(60)), Date.from(expected.plusSeconds(60)));

    execute(timer);

    BpmnAwareTests.assertThat(journey).hasPassed("EndEvent_ShareReminderDue").isWaitingAt("Task_ShareAsset");
  }

  @Test
  void changedPaceAppliesToTheNextJourneyButNotToATimerAlreadyScheduled() {
    ProcessInstance before = startJourney("prospect-4", "dana");
    Date scheduledBefore = job("Timer_ShareOverdue", before).getDuedate();

    thresholds.change("pace.prospect-development.share", "PT6H", "test: faster sharing", "test");
    try {
      ProcessInstance after = startJourney("prospect-5", "dana");
      Instant expected = Instant.now().plus(Duration.ofHours(6));
      assertThat(job("Timer_ShareOverdue", after).getDuedate())
          .isBetween(Date.from(expected.minusSeconds(60)), Date.from(expected.plusSeconds(60)));
      assertThat(job("Timer_ShareOverdue", before).getDuedate()).isEqualTo(scheduledBefore);
    } finally {
      thresholds.change("pace.prospect-development.share", "P2D", "test: restore default", "test");
    }
  }
}
