package com.journeycoach.coaching;

import java.time.Instant;

/**
 * A coaching suggestion for a distributor, sponsor or manager, carrying the name of what decided it
 * ({@code reason}), so "why did I get this?" has an answer. {@code distributorId}: the distributor a
 * sponsor's or the managers' nudge is about (the enrollee), so its text can name them; else null.
 */
public record Nudge(String id, String recipientId, Audience audience, String kind, String prospectId, String distributorId,
                    String journeyId,
                    String messageKey, int priority, String reason, Instant createdAt) {

  public enum Audience { DISTRIBUTOR, SPONSOR, MANAGER }
}
