package com.journeycoach.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeycoach.JourneyCoachTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The history past a process's time to live is removed: the engine starts with a nightly cleanup
 * window, and its cleanup job removes an ended instance once its time to live has passed, and only then.
 */
@JourneyCoachTest
class HistoryCleanupTest {

  @Autowired
  ProcessEngine engine;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void theEngineCleansHistoryEveryNight() {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00");
    assertThat(configuration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00");
    assertThat(engine.getHistoryService().findHistoryCleanupJobs()).as("the cleanup job scheduled at start").isNotEmpty();
  }

  @Test
  void anEndedInstanceIsRemovedOnceItsTimeToLiveHasPassed() {
    String shortLived = ended("history-cleanup-one-day", "P1D");
    String longLived = ended("history-cleanup-thirty-days", "P30D");

    cleanUpAt(Instant.now().plus(Duration.ofHours(12)));
    assertThat(historicInstances(shortLived)).as("within its time to live").isEqualTo(1);

    cleanUpAt(Instant.now().plus(Duration.ofDays(2)));
    assertThat(historicInstances(shortLived)).as("past its time to live").isZero();
    assertThat(historicInstances(longLived)).as("another process's longer time to live").isEqualTo(1);
  }

  /** Deploys a process that ends at once with this time to live, runs it once, answers the instance id. */
  private String ended(String key, String timeToLive) {
    engine.getRepositoryService().createDeployment().name(key).enableDuplicateFiltering(true)
        .addModelInstance(key + ".bpmn", Bpmn.createExecutableProcess(key).camundaHistoryTimeToLiveString(timeToLive)
            .startEvent().endEvent().done())
        .deploy();
    return engine.getRuntimeService().startProcessInstanceByKey(key).getId();
  }

  /** Runs the cleanup job now, as the job executor would in the window, with the engine's clock at {@code now}. */
  private void cleanUpAt(Instant now) {
    ClockUtil.setCurrentTime(Date.from(now));
    Job cleanup = engine.getHistoryService().cleanUpHistoryAsync(true);
    engine.getManagementService().executeJob(cleanup.getId());
  }

  private long historicInstances(String processInstanceId) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).count();
  }
}
