package com.journeycoach.statistics;

/**
 * The contract of {@code processes/threshold-tuning.bpmn}: its key, the variables Java and the diagram
 * share, and its activity ids.
 */
public final class ThresholdTuningProcess {

  public static final String KEY = "threshold-tuning";

  // variables
  public static final String DRIFT_ALERTS = "driftAlerts";
  /** The proposals, as JSON. */
  public static final String PROPOSALS = "proposals";
  public static final String LARGE_CHANGES_PROPOSED = "largeChangesProposed";
  public static final String CHANGES_SUMMARY = "changesSummary";
  public static final String SMALL_CHANGES_APPLIED = "smallChangesApplied";
  public static final String APPROVED_CHANGES_APPLIED = "approvedChangesApplied";
  public static final String APPROVED_BY = "approvedBy";

  // what the approval form submits
  public static final String THRESHOLD_DECISION = "thresholdDecision";
  public static final String APPROVAL_NOTES = "approvalNotes";

  // activity ids
  public static final String TIMER_TUNING_DUE = "Timer_TuningDue";
  public static final String TASK_CHECK_CONTENT_DRIFT = "Task_CheckContentDrift";
  public static final String TASK_PROPOSE_THRESHOLDS = "Task_ProposeThresholds";
  public static final String TASK_APPLY_SMALL_CHANGES = "Task_ApplySmallChanges";
  public static final String TASK_APPROVE_THRESHOLD_CHANGES = "Task_ApproveThresholdChanges";
  public static final String TASK_APPLY_APPROVED_CHANGES = "Task_ApplyApprovedChanges";

  private ThresholdTuningProcess() {
  }
}
