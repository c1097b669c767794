package com.journeycoach.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.journeycoach.EngineWithMocks;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.ZonedDateTime;
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
 * The path of {@code weekly-digest} with its beans replaced: {@code ${digestSchedule.cycle()}} (read when the diagram is
 * deployed) and {@code ${weeklyDigest.recordThisWeek()}}.
 */
@Deployment(resources = "processes/weekly-digest.bpmn")
class WeeklyDigestPathsTest {

  private static final String PROCESS = WeeklyDigestProcess.KEY;

  @RegisterExtension
  static ProcessEngineExtension engine = EngineWithMocks.extension(WeeklyDigestPathsTest.class);

  private final WeeklyDigest weeklyDigest = mock(WeeklyDigest.class);
  private final StatisticsProperties.DigestSchedule digestSchedule = mock(StatisticsProperties.DigestSchedule.class);

  /** Before the deployment (the extension deploys after {@code @BeforeEach}): the start timer reads the schedule then. */
  @BeforeEach
  void registerBeans() {
    EngineWithMocks.beforeEach(engine);
    when(digestSchedule.cycle()).thenReturn("0 0 7 ? * MON");
    Mocks.register("weeklyDigest", weeklyDigest);
    Mocks.register("digestSchedule", digestSchedule);
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
  void theDigestIsDueOnMondayMorningAndRecordedInItsOwnJob() {
    Job due = engine.getManagementService().createJobQuery().processDefinitionKey(PROCESS).timers().singleResult();
    ZonedDateTime dueAt = due.getDuedate().toInstant().atZone(ZoneId.systemDefault());
    assertThat(dueAt.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
    assertThat(dueAt.getHour()).isEqualTo(7);

    execute(due);

    ProcessInstance digest = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(PROCESS).singleResult();
    // the async boundary: recording the digests is a job of its own, retried alone
    assertThat(digest).hasPassed(WeeklyDigestProcess.TIMER_DIGEST_DUE).isWaitingAt(WeeklyDigestProcess.TASK_RECORD_DIGESTS);
    verify(weeklyDigest, never()).recordThisWeek();

    execute(job(digest));

    assertThat(digest).hasPassed(WeeklyDigestProcess.TASK_RECORD_DIGESTS, "EndEvent_DigestsRecorded").isEnded();
    verify(weeklyDigest).recordThisWeek();
    assertThat(engine.getManagementService().createJobQuery().processDefinitionKey(PROCESS).timers().count())
        .as("the next week's run is scheduled").isEqualTo(1);
  }
}
