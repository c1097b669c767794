package com.journeycoach.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.journeycoach.JourneyCoachTest;
import com.journeycoach.system.Groups;
import com.journeycoach.system.InvalidInputException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The asset-review paths: a manager keeps, retires or replaces an asset whose conversion dropped. */
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

  @Test
  void managerAsksForAReplacementAndAProcessOwnerNamesIt() {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    Asset template = catalog.get(ASSET);
    Asset old = copy(template, "old-" + suffix, List.of());
    Asset replacement = copy(template, "new-" + suffix, List.of());
    Asset dependant = copy(template, "next-" + suffix, List.of(old.id()));
    catalog.saveAll(List.of(old, replacement, dependant));
    ProcessInstance review = engine.getRuntimeService().startProcessInstanceByKey("asset-review", old.id(),
        Map.of("assetId", old.id(), "assetTitle", old.title(), "evidence", "Since 2026-10-01: 900 views, 60 converted"));
    try {
      complete(task(review), withVariables("reviewDecision", "REPLACE", "reviewNotes", "A shorter video"));
      BpmnAwareTests.assertThat(review).isWaitingAt("Task_ProvideReplacement");
      BpmnAwareTests.assertThat(task(review)).hasCandidateGroup("process-owners");
      for (Permission permission : List.of(Permissions.READ, Permissions.TASK_WORK)) {
        assertThat(engine.getAuthorizationService().isUserAuthorized("a-process-owner", List.of(Groups.PROCESS_OWNERS), permission,
            Resources.TASK, task(review).getId())).as("process owners may " + permission.getName() + " it").isTrue();
      }
      assertThat(catalog.get(old.id()).status()).as("active until the replacement is named").isEqualTo(AssetStatus.ACTIVE);

      // a wrong name is refused and the task stays: unknown, the asset itself, not active
      String taskId = task(review).getId();
      for (String wrong : List.of("no-such-asset-" + suffix, old.id())) {
        assertThatThrownBy(() -> engine.getTaskService().complete(taskId, Map.of("replacementAssetId", wrong)))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("replac");
      }
      catalog.saveAll(List.of(replacement.withStatus(AssetStatus.DRAFT)));
      assertThatThrownBy(() -> engine.getTaskService().complete(taskId, Map.of("replacementAssetId", replacement.id())))
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("activate it first");
      BpmnAwareTests.assertThat(review).isWaitingAt("Task_ProvideReplacement");
      assertThat(catalog.get(dependant.id()).prerequisites()).containsExactly(old.id());

      catalog.activate(replacement.id());
      complete(task(review), withVariables("replacementAssetId", replacement.id()));

      BpmnAwareTests.assertThat(review).hasPassed("Task_SwapInReplacement", "EndEvent_AssetReplaced").isEnded();
      assertThat(catalog.get(old.id()).status()).isEqualTo(AssetStatus.RETIRED);
      assertThat(catalog.get(dependant.id()).prerequisites()).containsExactly(replacement.id());
    } finally {
      // out of the way of the journeys other tests drive
      for (String id : List.of(dependant.id(), old.id(), replacement.id())) {
        if (catalog.get(id).status() == AssetStatus.ACTIVE) {
          catalog.retire(id);
        }
      }
    }
  }

  /** The template's metadata under another id, at the end of the sequence. */
  private static Asset copy(Asset template, String id, List<String> prerequisites) {
    return new Asset(id, template.title() + " " + id, template.type(), template.url(), template.subject(), template.keywords(),
        template.themes(), template.presenter(), template.presenterGender(), template.presenterAgeBand(), template.phase(),
        990, template.expectedOutcome(), template.callToAction(), template.expectedPace(), template.audiences(),
        template.product(), prerequisites, AssetStatus.ACTIVE);
  }
}
