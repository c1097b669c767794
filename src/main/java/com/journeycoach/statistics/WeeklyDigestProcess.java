package com.journeycoach.statistics;

/** The contract of {@code processes/weekly-digest.bpmn}: its key and activity ids. */
public final class WeeklyDigestProcess {

  public static final String KEY = "weekly-digest";

  // activity ids
  public static final String TIMER_DIGEST_DUE = "Timer_DigestDue";
  public static final String TASK_RECORD_DIGESTS = "Task_RecordDigests";

  private WeeklyDigestProcess() {
  }
}
