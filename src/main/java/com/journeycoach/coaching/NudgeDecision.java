package com.journeycoach.coaching;

import java.util.Comparator;

/**
 * What a rule decided: who gets which nudge about which prospect (and, for a sponsor or the managers,
 * about which distributor), with a message template key and a priority (1 is the most important), and
 * the name of the rule as the reason.
 */
public record NudgeDecision(String recipientId, Nudge.Audience audience, String kind, String prospectId, String distributorId,
                            String messageKey, int priority, String rule) {

  /** A decision about no particular distributor (the recipient's own nudge). */
  public NudgeDecision(String recipientId, Nudge.Audience audience, String kind, String prospectId, String messageKey,
                       int priority, String rule) {
    this(recipientId, audience, kind, prospectId, null, messageKey, priority, rule);
  }

  /**
   * Most important first: by priority, then (for equally important decisions, so that the caps
   * always keep the same ones whatever order the rules fired in) by message, prospect, kind, rule,
   * recipient, audience and distributor. Two different decisions are never equal in this order.
   */
  public static final Comparator<NudgeDecision> MOST_IMPORTANT_FIRST = Comparator.comparingInt(NudgeDecision::priority)
      .thenComparing(NudgeDecision::messageKey, Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparing(NudgeDecision::prospectId, Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparing(NudgeDecision::kind, Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparing(NudgeDecision::rule, Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparing(NudgeDecision::recipientId, Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparing(NudgeDecision::audience, Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparing(NudgeDecision::distributorId, Comparator.nullsFirst(Comparator.naturalOrder()));

  /** Whether this decision gives way to {@code other} in {@link #MOST_IMPORTANT_FIRST} (used by {@code caps.drl}). */
  public boolean lessImportantThan(NudgeDecision other) {
    return MOST_IMPORTANT_FIRST.compare(this, other) > 0;
  }
}
