package com.journeycoach.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.journeycoach.JourneyCoachTest;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The asset-review paths: a manager keeps or retires an asset whose conversion dropped. */
@JourneyCoachTest
class AssetReviewProcessTest {

  /** A leaf of the sample catalog: no active asset needs it. */
  static final String ASSET = "cwm-starter-kit";

  @Autowired
  ProcessEngine engine;
  @Autowired
  Catalog catalog;
  @Autowired
  SampleCatalog sampleCatalog;

  @BeforeEach
  void setUp() throws Exception {
    BpmnAwareTests.init(engine);
    sampleCatalog.loadIfEmpty();
  }

  ProcessInstance startReview() {
    return engine.getRuntimeService().startProcessInstanceByKey("asset-review", ASSET, Map.of("assetId", ASSET,
        "assetTitle", "CWM starter kit", "historyViews", 14000L, "historyConversions", 1400L, "recentViews", 900L,
        "recentConversions", 60L, "probabilityLower", 0.9999, "evidence", "Since 2026-10-01: 900 views, 60 converted"));
  }

  @Test
  void managerRetiresTheAsset() {
    ProcessInstance review = startReview();
    BpmnAwareTests.assertThat(review).isWaitingAt("Task_ReviewAsset");
    BpmnAwareTests.assertThat(task(review)).hasCandidateGroup("managers");
    try {
      complete(task(review), withVariables("reviewDecision", "RETIRE"));

      BpmnAwareTests.assertThat(review).hasPassed("Task_RetireAsset", "EndEvent_AssetRetired").isEnded();
      assertThat(catalog.get(ASSET).status()).isEqualTo(AssetStatus.RETIRED);
    } finally {
      catalog.activate(ASSET);
    }
  }

  @Test
  void managerKeepsTheAsset() {
    ProcessInstance review = startReview();
    complete(task(review), withVariables("reviewDecision", "KEEP"));

    BpmnAwareTests.assertThat(review).hasPassed("EndEvent_AssetKept").hasNotPassed("Task_RetireAsset").isEnded();
    assertThat(catalog.get(ASSET).status()).isEqualTo(AssetStatus.ACTIVE);
  }
}
