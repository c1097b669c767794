package com.journeycoach.notification;

/**
 * The contract of {@code processes/nudge-delivery.bpmn}: its key, the variables Java and the diagram
 * share, and its activity ids. The business key is the nudge's id; a nudge to the managers has one
 * instance per member of the group, named by {@link #RECIPIENT_ID}.
 */
public final class NudgeDelivery {

  public static final String KEY = "nudge-delivery";

  // variables
  public static final String NUDGE_ID = "nudgeId";
  /** The member of the group a nudge is for (a manager) this delivery reaches; absent for a nudge to one person. */
  public static final String RECIPIENT_ID = "recipientId";
  /** Transient (read in the transaction that plans, never stored): whether to send, why not, and when (now when the window is open). */
  public static final String DELIVERABLE = "deliverable";
  public static final String SKIP_REASON = "skipReason";
  public static final String WAIT_UNTIL = "waitUntil";
  /** Stored: the channel the send uses (its ledger entry's), fixed when planned. */
  public static final String CHANNEL = "channel";

  // activity ids
  public static final String TASK_PLAN_DELIVERY = "Task_PlanDelivery";
  public static final String TASK_RECORD_SKIP = "Task_RecordSkip";
  public static final String TIMER_SEND_WINDOW_OPENS = "Timer_SendWindowOpens";
  public static final String TASK_SEND_NUDGE = "Task_SendNudge";

  private NudgeDelivery() {
  }
}
