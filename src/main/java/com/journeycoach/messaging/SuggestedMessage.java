package com.journeycoach.messaging;

import java.time.Instant;

/**
 * A message the share form suggests for an asset on a channel, in a language: a text message, or an email's subject
 * and body, with placeholders ({@link MessageTemplate}). ACTIVE ones are offered; a change retires the old one.
 */
public record SuggestedMessage(String id, String assetId, Channel channel, String language, String subject, String text,
                               Status status, boolean rolledOut, String replacesId, String changedBy, Instant changedAt) {

  public enum Status { ACTIVE, RETIRED }
}
