package com.journeycoach.content;

/**
 * The contract of {@code processes/asset-review.bpmn}: its key, the variables Java and the diagram
 * share, and its activity ids. The business key is the reviewed asset's id.
 */
public final class AssetReviewProcess {

  public static final String KEY = "asset-review";

  // variables
  public static final String ASSET_ID = "assetId";
  public static final String ASSET_TITLE = "assetTitle";
  public static final String EVIDENCE = "evidence";

  // what the forms submit
  public static final String REVIEW_DECISION = "reviewDecision";
  public static final String REVIEW_NOTES = "reviewNotes";
  public static final String REPLACEMENT_ASSET_ID = "replacementAssetId";

  // activity ids
  public static final String TASK_REVIEW_ASSET = "Task_ReviewAsset";
  public static final String TASK_RETIRE_ASSET = "Task_RetireAsset";
  public static final String TASK_PROVIDE_REPLACEMENT = "Task_ProvideReplacement";
  public static final String TASK_SWAP_IN_REPLACEMENT = "Task_SwapInReplacement";

  private AssetReviewProcess() {
  }
}
