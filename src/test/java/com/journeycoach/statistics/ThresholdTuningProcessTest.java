package com.journeycoach.statistics;

import com.journeycoach.settings.Thresholds;
import com.journeycoach.settings.Threshold;
import com.journeycoach.settings.ThresholdChange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.journeycoach.JourneyCoachTest;
import com.journeycoach.content.Catalog;
import com.journeycoach.content.SampleCatalog;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every path of threshold-tuning. The engine's clock is set to 2001, and the converted journeys
 * measured are stored then, so the journeys other tests leave in the shared database (today)
 * fall outside the lookback window.
 */
@JourneyCoachTest
class ThresholdTuningProcessTest {

  static final Instant NOW = Instant.parse("2001-06-01T12:00:00Z");
  static final String SHARE = "pace.prospect-development.share";

  @Autowired
  ProcessEngine engine;
  @Autowired
  Thresholds thresholds;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  Catalog catalog;
  @Autowired
  SampleCatalog sampleCatalog;

  final Map<String, String> original = new HashMap<>();
  final String distributorId = "tuning-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void setUp() throws Exception {
    BpmnAwareTests.init(engine);
    sampleCatalog.loadIfEmpty();
    for (Threshold threshold : thresholds.all()) {
      original.put(threshold.name(), threshold.value());
    }
    ClockUtil.setCurrentTime(Date.from(NOW));
    jdbc.sql("INSERT INTO distributor (id, first_name, last_name, email, time_zone, experienced, created_at) VALUES (?, 'T', 'Uner', ?, 'UTC', FALSE, ?)")
        .params(distributorId, distributorId + "@example.com", Timestamp.from(NOW.minus(Duration.ofDays(200)))).update();
  }

  @AfterEach
  void tearDown() {
    ClockUtil.reset();
    jdbc.sql("DELETE FROM asset_share WHERE distributor_id = ?").param(distributorId).update();
    jdbc.sql("DELETE FROM prospect WHERE distributor_id = ?").param(distributorId).update();
    jdbc.sql("DELETE FROM distributor WHERE id = ?").param(distributorId).update();
    for (Threshold threshold : thresholds.all()) {
      if (!threshold.value().equals(original.get(threshold.name()))) {
        thresholds.change(threshold.name(), original.get(threshold.name()), "test restores the value", "test");
      }
    }
  }

  /** Converted journeys whose share step took {@code hours}. */
  void convertedJourneysSharedAfter(int journeys, long hours) {
    for (int i = 0; i < journeys; i++) {
      String prospectId = UUID.randomUUID().toString();
      Instant created = NOW.minus(Duration.ofDays(30)).plus(Duration.ofHours(i));
      jdbc.sql("INSERT INTO prospect (id, distributor_id, first_name, audience, status, created_at, updated_at) VALUES (?, ?, 'Pat', 'PRODUCT_CUSTOMER', 'WON', ?, ?)")
          .params(prospectId, distributorId, Timestamp.from(created), Timestamp.from(created)).update();
      jdbc.sql("INSERT INTO asset_share (id, token, prospect_id, asset_id, distributor_id, created_at, shared_at, view_count) VALUES (?, ?, ?, 'verdant-story', ?, ?, ?, 0)")
          .params(UUID.randomUUID().toString(), UUID.randomUUID().toString(), prospectId, distributorId, Timestamp.from(created),
              Timestamp.from(created.plus(Duration.ofHours(hours)))).update();
    }
  }

  ProcessInstance runTuning() {
    ProcessInstance tuning = engine.getRuntimeService().startProcessInstanceByKey("threshold-tuning");
    BpmnAwareTests.assertThat(tuning).hasPassed("Task_CheckContentDrift");
    execute(job(tuning));
    return tuning;
  }

  @Test
  void smallChangeAppliesAtOnce() {
    convertedJourneysSharedAfter(200, 50);

    ProcessInstance tuning = runTuning();

    BpmnAwareTests.assertThat(tuning).hasPassed("Task_ApplySmallChanges", "EndEvent_ThresholdsTuned").isEnded();
    assertThat(thresholds.get(SHARE).value()).isEqualTo("PT49H");
    List<ThresholdChange> history = thresholds.history(SHARE);
    ThresholdChange last = history.get(history.size() - 1);
    assertThat(last.changedBy()).isEqualTo("threshold-tuning");
    assertThat(last.reason()).contains("200 converted journeys", "P2D -> PT49H");
  }

  @Test
  void largeChangeAppliesWhenAManagerApproves() {
    convertedJourneysSharedAfter(200, 96);

    ProcessInstance tuning = runTuning();

    BpmnAwareTests.assertThat(tuning).isWaitingAt("Task_ApproveThresholdChanges");
    BpmnAwareTests.assertThat(task(tuning)).hasCandidateGroup("managers");
    assertThat(thresholds.get(SHARE).value()).as("not before approval").isEqualTo("P2D");
    assertThat((String) engine.getRuntimeService().getVariable(tuning.getId(), "changesSummary")).contains(SHARE, "P2D -> PT57H");

    complete(task(tuning), withVariables("thresholdDecision", "APPROVE"));

    BpmnAwareTests.assertThat(tuning).hasPassed("Task_ApplyApprovedChanges", "EndEvent_ChangesApplied").isEnded();
    assertThat(thresholds.get(SHARE).value()).as("at most 20 %% more than 48 hours").isEqualTo("PT57H");
  }

  @Test
  void theHistoryNamesTheManagerWhoApproved() {
    convertedJourneysSharedAfter(200, 96);
    ProcessInstance tuning = runTuning();

    engine.getIdentityService().setAuthentication("approving-manager", List.of("managers"));
    try {
      engine.getTaskService().complete(task(tuning).getId(), java.util.Map.of("thresholdDecision", "APPROVE"));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }

    List<ThresholdChange> history = thresholds.history(SHARE);
    assertThat(history.get(history.size() - 1).reason()).endsWith("approved by approving-manager");
  }

  @Test
  void largeChangeRejectedLeavesTheThreshold() {
    convertedJourneysSharedAfter(200, 96);

    ProcessInstance tuning = runTuning();
    complete(task(tuning), withVariables("thresholdDecision", "REJECT"));

    BpmnAwareTests.assertThat(tuning).hasPassed("EndEvent_ChangesRejected").hasNotPassed("Task_ApplyApprovedChanges").isEnded();
    assertThat(thresholds.get(SHARE).value()).isEqualTo("P2D");
  }

  @Test
  void noDataLeavesEveryThresholdUnchanged() {
    ProcessInstance tuning = runTuning();

    BpmnAwareTests.assertThat(tuning).hasPassed("EndEvent_ThresholdsTuned").isEnded();
    for (Threshold threshold : thresholds.all()) {
      assertThat(threshold.value()).as(threshold.name()).isEqualTo(original.get(threshold.name()));
    }
  }

  @Test
  void theTimerStartsTuningOnTheConfiguredCycle() {
    assertThat(engine.getManagementService().createJobQuery().processDefinitionKey("threshold-tuning").timers().count()).isEqualTo(1);
  }
}
