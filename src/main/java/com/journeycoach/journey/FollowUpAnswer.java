package com.journeycoach.journey;

import com.journeycoach.system.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The distributor's answers after a view: interest change (-2 to +2), purchase intent, their own
 * estimate of the chance to close (percent), and free text. Metrics for rules and statistics.
 */
public record FollowUpAnswer(int interestChange, Intent purchaseIntent, int closeEstimate, String notes) {

  public enum Intent { NONE, LOW, MEDIUM, HIGH }

  /** Reads the answers as a form submits them (numbers may arrive as text), or fails listing every bad field. */
  public static FollowUpAnswer fromForm(Object interestChange, Object purchaseIntent, Object closeEstimate, Object notes) {
    List<String> errors = new ArrayList<>();
    Integer interest = integer(interestChange);
    if (interest == null || interest < -2 || interest > 2) {
      errors.add("interestChange: must be a whole number from -2 to 2");
    }
    Intent intent = null;
    try {
      intent = purchaseIntent == null ? null : Intent.valueOf(purchaseIntent.toString().strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      // reported below
    }
    if (intent == null) {
      errors.add("purchaseIntent: must be one of NONE, LOW, MEDIUM, HIGH");
    }
    Integer estimate = integer(closeEstimate);
    if (estimate == null || estimate < 0 || estimate > 100) {
      errors.add("closeEstimate: must be a whole number from 0 to 100");
    }
    String text = notes == null ? null : notes.toString();
    if (text != null && text.length() > 2000) {
      errors.add("followUpNotes: at most 2000 characters");
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException("The follow-up answers are not valid", errors);
    }
    return new FollowUpAnswer(interest, intent, estimate, text);
  }

  private static Integer integer(Object value) {
    if (value instanceof Number number) {
      double d = number.doubleValue();
      return d == Math.rint(d) ? (int) d : null;
    }
    if (value instanceof String text) {
      try {
        return Integer.valueOf(text.strip());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }
}
