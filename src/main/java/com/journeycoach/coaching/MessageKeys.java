package com.journeycoach.coaching;

/** Which message keys have a text to send; the notification module knows the texts. */
public interface MessageKeys {

  /** Whether a nudge with this key has a text of its own or of its family (not the default text). */
  boolean hasText(String messageKey);
}
