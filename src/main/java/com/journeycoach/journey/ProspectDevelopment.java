package com.journeycoach.journey;

import java.util.Map;

/**
 * The contract of {@code processes/prospect-development.bpmn}: its key, the messages it waits for, the
 * variables Java and the diagram share, and the activity ids Java refers to. Java uses these names, never
 * the strings; the diagram keeps them (a rename changes both).
 */
public final class ProspectDevelopment {

  public static final String KEY = "prospect-development";

  // messages
  /** A journey waits for {@code AssetViewed-<share id>} ({@link #assetViewed}); one started on an earlier diagram for plain {@code AssetViewed}. */
  public static final String MESSAGE_ASSET_VIEWED = "AssetViewed";
  public static final String MESSAGE_PROSPECT_PURCHASED = "ProspectPurchased";
  public static final String MESSAGE_PROSPECT_ENROLLED = "ProspectEnrolled";
  public static final String MESSAGE_PROSPECT_LOST = "ProspectLost";

  // variables the application sets
  public static final String PROSPECT_ID = "prospectId";
  public static final String DISTRIBUTOR_ID = "distributorId";
  public static final String PROSPECT_NAME = "prospectName";
  /** Transient: the prospect's audience, passed from the step that read the prospect to "Choose next asset". */
  public static final String PROSPECT_AUDIENCE = "prospectAudience";
  /** Transient: the journey starts with a prospect added in the same transaction; nothing was shared with them yet. */
  public static final String NEW_PROSPECT = "newProspect";
  public static final String ASSET_TITLE = "assetTitle";
  public static final String SHARE_ID = "shareId";
  public static final String SHARE_LINK = "shareLink";
  /** How the tasks name the prospect: first name and last initial ("Ana R."). */
  public static final String PROSPECT_SHORT_NAME = "prospectShortName";
  /** The share form's copies of the asset's subject and expected outcome. */
  public static final String ASSET_SUMMARY = "assetSummary";
  public static final String ASSET_OUTCOME = "assetOutcome";
  /** The suggested text message, and the sms: and mailto: links that open it ready to send. */
  public static final String SHARE_MESSAGE = "shareMessage";
  public static final String SMS_LINK = "smsLink";
  public static final String MAILTO_LINK = "mailtoLink";
  /** The other assets the prospect may be sent now, one a line: {@code <asset id>|<title>} (the share form's choices). */
  public static final String OTHER_ASSET_CHOICES = "otherAssetChoices";
  /** Transient: the asset the distributor chose instead, checked, for "Choose next asset". */
  public static final String CHOSEN_ASSET_ID = "chosenAssetId";
  // gateway decisions (transient)
  public static final String ASSET_LEFT = "assetLeft";
  public static final String VIEWED = "viewed";
  public static final String OTHER_ASSET_CHOSEN = "otherAssetChosen";
  public static final String READY_TO_PRESENT = "readyToPresent";
  /** The prospect said "not interested" or "already bought" at a task (the gateways "Quick outcome?"); {@link #OUTCOME} says which. */
  public static final String PROSPECT_DECIDED = "prospectDecided";
  /** The distributor skipped the share's asset at a task: the journey goes on with the next eligible one. */
  public static final String ASSET_SKIPPED = "assetSkipped";

  // what the forms submit
  public static final String PROSPECT_FIRST_NAME = "prospectFirstName";
  public static final String PROSPECT_LAST_NAME = "prospectLastName";
  public static final String PROSPECT_EMAIL = "prospectEmail";
  public static final String PROSPECT_PHONE = "prospectPhone";
  public static final String AUDIENCE = "audience";
  public static final String SHARE_CHANNEL = "shareChannel";
  /** The share form's choice of another asset than the suggested one (empty: the suggested one). */
  public static final String OTHER_ASSET_ID = "otherAssetId";
  public static final String INTEREST_CHANGE = "interestChange";
  public static final String PURCHASE_INTENT = "purchaseIntent";
  public static final String CLOSE_ESTIMATE = "closeEstimate";
  public static final String FOLLOW_UP_NOTES = "followUpNotes";
  public static final String OUTCOME = "outcome";
  /** Every journey task's optional quick outcome ({@link QuickOutcome}); read and removed as its task ends. */
  public static final String QUICK_OUTCOME = "quickOutcome";

  // activity ids
  public static final String START_PROSPECT_ADDED = "StartEvent_ProspectAdded";
  public static final String TASK_CHOOSE_NEXT_ASSET = "Task_ChooseNextAsset";
  public static final String TASK_SHARE_ASSET = "Task_ShareAsset";
  public static final String GATEWAY_OTHER_ASSET_CHOSEN = "Gateway_OtherAssetChosen";
  public static final String TASK_WAIT_FOR_VIEW = "Task_WaitForView";
  public static final String TASK_ASK_FOLLOW_UP = "Task_AskFollowUp";
  public static final String TASK_RECORD_MEETING_OUTCOME = "Task_RecordMeetingOutcome";
  public static final String GATEWAY_QUICK_OUTCOME_AT_SHARE = "Gateway_QuickOutcomeAtShare";
  public static final String GATEWAY_QUICK_OUTCOME_AT_FOLLOW_UP = "Gateway_QuickOutcomeAtFollowUp";
  public static final String TIMER_NURTURE_OVER = "Timer_NurtureOver";
  public static final String END_CUSTOMER_WON = "EndEvent_CustomerWon";
  public static final String END_PROSPECT_LOST = "EndEvent_ProspectLost";
  public static final String TIMER_SHARE_OVERDUE = "Timer_ShareOverdue";
  public static final String TIMER_VIEW_OVERDUE = "Timer_ViewOverdue";
  public static final String TIMER_FOLLOW_UP_OVERDUE = "Timer_FollowUpOverdue";
  public static final String TIMER_JOURNEY_OVERDUE = "Timer_JourneyOverdue";

  /** The wait states and the step names the coaching rules use for them. */
  public static final Map<String, String> STEPS = Map.of(
      TASK_SHARE_ASSET, "share",
      TASK_WAIT_FOR_VIEW, "view",
      TASK_ASK_FOLLOW_UP, "follow-up",
      TASK_RECORD_MEETING_OUTCOME, "meeting",
      TIMER_NURTURE_OVER, "nurture");

  private ProspectDevelopment() {
  }

  /** The message the journey waiting for this share's first view subscribes to. */
  public static String assetViewed(String shareId) {
    return MESSAGE_ASSET_VIEWED + "-" + shareId;
  }
}
