package com.journeycoach.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import com.journeycoach.EngineWithMocks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.JavaDelegate;
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
 * The paths of {@code asset-review} with its beans replaced: {@code ${assetReview.retire(execution)}}
 * and the delegate {@code ${replaceAsset}}.
 */
@Deployment(resources = {"processes/asset-review.bpmn", "forms/review-asset.form", "forms/provide-replacement.form"})
class AssetReviewPathsTest {

  @RegisterExtension
  static ProcessEngineExtension engine = EngineWithMocks.extension(AssetReviewPathsTest.class);

  private final AssetReview assetReview = mock(AssetReview.class);
  private final JavaDelegate replaceAsset = mock(JavaDelegate.class);
  /** What the delegate read: the asset and its replacement. */
  private final List<String> replaced = new ArrayList<>();

  @BeforeEach
  void registerBeans() throws Exception {
    EngineWithMocks.beforeEach(engine);
    Mocks.register("assetReview", assetReview);
    // "Retire asset" is bound to the delegate ${retireAsset}, which calls AssetReview.retire
    Mocks.register("retireAsset", (JavaDelegate) assetReview::retire);
    doAnswer(EngineWithMocks.onExecution(execution ->
        replaced.add(execution.getVariable("assetId") + " -> " + execution.getVariable("replacementAssetId"))))
        .when(replaceAsset).execute(any());
    Mocks.register("replaceAsset", replaceAsset);
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
  void conversionDropAsksManagersToReview() {
    ProcessInstance review = startReview();

    assertThat(review).isWaitingAt("Task_ReviewAsset");
    assertThat(task(review)).hasCandidateGroup("managers");
    assertThat(engine.getFormService().getDeployedTaskForm(task(review).getId())).isNotNull();
  }

  @Test
  void keptAssetEndsTheReview() throws Exception {
    ProcessInstance review = startReview();

    complete(task(review), withVariables("reviewDecision", "KEEP"));

    assertThat(review).hasPassed("EndEvent_AssetKept").hasNotPassed("Task_RetireAsset", "Task_ProvideReplacement").isEnded();
    verify(assetReview, never()).retire(any());
    verify(replaceAsset, never()).execute(any());
  }

  @Test
  void retiredAssetIsRetiredInTheCatalog() throws Exception {
    ProcessInstance review = startReview();

    complete(task(review), withVariables("reviewDecision", "RETIRE"));

    assertThat(review).hasPassed("Task_RetireAsset", "EndEvent_AssetRetired").isEnded();
    verify(assetReview).retire(any());
    verify(replaceAsset, never()).execute(any());
  }

  @Test
  void replacedAssetWaitsForProcessOwnersThenSwapsIn() throws Exception {
    ProcessInstance review = startReview();

    complete(task(review), withVariables("reviewDecision", "REPLACE"));

    assertThat(review).isWaitingAt("Task_ProvideReplacement");
    assertThat(task(review)).hasCandidateGroup("process-owners");
    assertThat(engine.getFormService().getDeployedTaskForm(task(review).getId())).isNotNull();
    verify(replaceAsset, never()).execute(any());

    complete(task(review), withVariables("replacementAssetId", "asset-2"));

    assertThat(review).hasPassed("Task_SwapInReplacement", "EndEvent_AssetReplaced").isEnded();
    assertThat(replaced).containsExactly("asset-1 -> asset-2");
    verify(assetReview, never()).retire(any());
  }

  /** As {@code ContentDriftCheck} starts it: the asset is the business key and a variable. */
  private ProcessInstance startReview() {
    return engine.getRuntimeService().startProcessInstanceByKey("asset-review", "asset-1", Map.of("assetId", "asset-1"));
  }
}
