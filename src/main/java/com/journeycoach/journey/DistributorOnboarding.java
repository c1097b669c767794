package com.journeycoach.journey;

/**
 * The contract of {@code processes/distributor-onboarding.bpmn}: its key, messages, the variables Java
 * and the diagram share, and the activity ids Java refers to. The business key is the distributor's id.
 */
public final class DistributorOnboarding {

  public static final String KEY = "distributor-onboarding";

  // messages
  public static final String MESSAGE_FIRST_PROSPECTS_ADDED = "FirstProspectsAdded";
  public static final String MESSAGE_FIRST_SALE_MADE = "FirstSaleMade";
  public static final String MESSAGE_PRODUCT_TRAINING_SUGGESTED = "ProductTrainingSuggested";
  /** The sponsor was alerted that the enrollee (or one of their journeys) has stalled: a check-in task opens. */
  public static final String MESSAGE_ENROLLEE_STALLED = "EnrolleeStalled";

  // variables the application sets
  public static final String DISTRIBUTOR_ID = "distributorId";
  public static final String DISTRIBUTOR_NAME = "distributorName";
  public static final String SPONSOR_ID = "sponsorId";
  public static final String REVIEWER_ID = "reviewerId";
  public static final String EXPERIENCED = "experienced";
  public static final String TRAINING_LIST = "trainingList";
  public static final String TRAINING_SKIPPED = "trainingSkipped";
  /** The product whose training a {@link #MESSAGE_PRODUCT_TRAINING_SUGGESTED} suggests. */
  public static final String PRODUCT = "product";
  /** The links to that product's training assets, as Markdown for the form. */
  public static final String PRODUCT_TRAINING = "productTraining";
  /** The enrollee's full name and recent activity, in the scope of a check-in after a stall. */
  public static final String ENROLLEE_NAME = "enrolleeName";
  public static final String RECENT_ACTIVITY = "recentActivity";

  // what the forms submit
  public static final String TRAINING_DONE = "trainingDone";
  public static final String SKIP_TRAINING = "skipTraining";
  public static final String PRODUCT_TRAINING_DONE = "productTrainingDone";
  public static final String CHECK_IN_NOTES = "checkInNotes";
  public static final String REVIEW_OUTCOME = "reviewOutcome";

  // activity ids
  public static final String TASK_SEND_WELCOME = "Task_SendWelcome";
  public static final String TASK_COMPLETE_TRAINING = "Task_CompleteTraining";
  public static final String TASK_RECORD_TRAINING = "Task_RecordTraining";
  public static final String TASK_WAIT_FOR_FIRST_PROSPECTS = "Task_WaitForFirstProspects";
  public static final String TASK_SPONSOR_CHECK_IN = "Task_SponsorCheckIn";
  public static final String TASK_TELL_SPONSOR_OF_FIRST_SALE = "Task_TellSponsorOfFirstSale";
  public static final String TIMER_ONBOARDING_PERIOD_OVER = "Timer_OnboardingPeriodOver";
  public static final String TASK_REVIEW_ONBOARDING = "Task_ReviewOnboarding";
  public static final String TASK_TAKE_PRODUCT_TRAINING = "Task_TakeProductTraining";
  public static final String TASK_RECORD_PRODUCT_TRAINING = "Task_RecordProductTraining";
  public static final String TIMER_ENROLLEE_REVIEW = "Timer_EnrolleeReview";
  public static final String TASK_CHECK_IN_WITH_ENROLLEE = "Task_CheckInWithEnrollee";

  private DistributorOnboarding() {
  }

  /** What a nudge made at a step of this process names as its reason: {@code distributor-onboarding/Task_SendWelcome}. */
  static String step(String activityId) {
    return KEY + "/" + activityId;
  }
}
