package com.journeycoach.coaching;

import java.time.Instant;

/**
 * A coaching suggestion for a distributor, sponsor or manager, carrying the name of what decided it
 * ({@code reason}), so "why did I get this?" has an answer. {@code distributorId}: the distributor a
 * sponsor's or the managers' nudge is about (the enrollee), so its text can name them; else null. {@code detail}:
 * what the text lists beyond names (a weekly digest's flagged distributors); else null.
 */
public record Nudge(String id, String recipientId, Audience audience, String kind, String prospectId, String distributorId,
                    String journeyId,
                    String messageKey, int priority, String reason, Instant createdAt, String detail) {

  public enum Audience { DISTRIBUTOR, SPONSOR, MANAGER }

  /** The kind of a weekly digest: one per recipient and week, delivered by email where the person has an address. */
  public static final String WEEKLY_DIGEST = "WEEKLY_DIGEST";
}
