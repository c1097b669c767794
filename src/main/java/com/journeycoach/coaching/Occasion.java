package com.journeycoach.coaching;

/**
 * Fact: why the rules are asked now: a pace timer of a step fired, a follow-up was recorded, or a
 * daily review of a distributor. {@code prospectId} names the prospect it is about, if any.
 */
public record Occasion(Kind kind, String step, String prospectId) {

  public enum Kind { PACE_TIMER, FOLLOW_UP_RECORDED, DAILY_REVIEW }

  public static Occasion paceTimer(String step, String prospectId) {
    return new Occasion(Kind.PACE_TIMER, step, prospectId);
  }

  public static Occasion followUpRecorded(String prospectId) {
    return new Occasion(Kind.FOLLOW_UP_RECORDED, null, prospectId);
  }

  public static Occasion dailyReview() {
    return new Occasion(Kind.DAILY_REVIEW, null, null);
  }
}
