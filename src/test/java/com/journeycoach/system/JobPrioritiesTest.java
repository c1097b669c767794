package com.journeycoach.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeycoach.TestUsers;
import com.journeycoach.coaching.Nudge;
import com.journeycoach.coaching.Nudges;
import com.journeycoach.content.SampleCatalog;
import com.journeycoach.people.Audience;
import com.journeycoach.people.Distributors;
import com.journeycoach.people.Prospects;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AcquireJobsCmd;
import org.camunda.bpm.engine.impl.jobexecutor.AcquiredJobs;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * A burst of reminders does not hold up the journeys: with the application's configuration, every job gets its
 * process's priority (journeys 20, reminders 10, tuning and digests 0) and the job executor acquires the
 * highest first, even when the reminders fell due earlier. On an engine and database of its own, so that only
 * this test's jobs are there to acquire.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK, properties = {
    "camunda.bpm.process-engine-name=priorities",
    "spring.datasource.url=jdbc:h2:mem:priorities;DB_CLOSE_DELAY=-1"})
@ActiveProfiles("test")
@DirtiesContext
class JobPrioritiesTest {

  static final Map<String, Long> PRIORITY = Map.of("prospect-development", 20L, "distributor-onboarding", 20L, "asset-review", 20L,
      "nudge-delivery", 10L, "threshold-tuning", 0L, "weekly-digest", 0L);

  @Autowired
  ProcessEngine engine;
  @Autowired
  Distributors distributors;
  @Autowired
  Prospects prospects;
  @Autowired
  Nudges nudges;
  @Autowired
  SampleCatalog sampleCatalog;

  @Test
  void journeyStepsAreAcquiredBeforeReminderBurstsAndRemindersBeforeTuning() {
    sampleCatalog.loadIfEmpty();
    TestUsers.ensureDistributor(distributors, "prio-dist", null);
    prospects.add(new Prospects.NewProspect("prio-dist", "Pia", "Prospect", null, null, Audience.PRODUCT_CUSTOMER));
    for (int i = 0; i < 12; i++) {
      nudges.record("prio-dist", Nudge.Audience.DISTRIBUTOR, "FOLLOW_UP_NOW", null, null, "coaching.follow-up-now", 1, "burst " + i);
    }
    ManagementService management = engine.getManagementService();
    // the processes' jobs (the engine's own, such as history cleanup, have no process)
    List<Job> jobs = management.createJobQuery().list().stream().filter(job -> job.getProcessDefinitionKey() != null).toList();
    assertThat(jobs).extracting(Job::getProcessDefinitionKey)
        .contains("prospect-development", "distributor-onboarding", "nudge-delivery", "threshold-tuning", "weekly-digest");
    for (Job job : jobs) {
      assertThat(job.getPriority()).as("priority of a job of %s", job.getProcessDefinitionKey())
          .isEqualTo(PRIORITY.get(job.getProcessDefinitionKey()));
    }

    // all due, the reminders first and tuning before them: acquisition still takes the journeys' steps first
    long now = System.currentTimeMillis();
    for (Job job : jobs) {
      long hoursAgo = switch (job.getProcessDefinitionKey()) {
        case "nudge-delivery" -> 2;
        case "threshold-tuning", "weekly-digest" -> 3;
        default -> 1;
      };
      management.setJobDuedate(job.getId(), new Date(now - hoursAgo * 3_600_000));
    }
    List<Long> acquired = new ArrayList<>();
    for (List<String> batch = acquire(); !batch.isEmpty(); batch = acquire()) {
      batch.stream().map(id -> management.createJobQuery().jobId(id).singleResult())
          .filter(job -> job.getProcessDefinitionKey() != null).forEach(job -> acquired.add(job.getPriority()));
    }

    // (a process instance's further jobs wait while one of its jobs is locked: Camunda runs them one at a time)
    assertThat(acquired).isSortedAccordingTo((a, b) -> Long.compare(b, a)).contains(20L, 10L, 0L);
    assertThat(acquired.stream().filter(priority -> priority == 10L)).as("every reminder, after the journeys' steps").hasSize(13);
  }

  /**
   * One acquisition by the engine's job executor, as it runs on a node, of one job at a time: the jobs of one
   * acquisition come back grouped by process instance, in no order.
   */
  private List<String> acquire() {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    AcquiredJobs jobs = configuration.getCommandExecutorTxRequired()
        .execute(new AcquireJobsCmd(configuration.getJobExecutor(), 1));
    return jobs.getJobIdBatches().stream().flatMap(List::stream).toList();
  }
}
