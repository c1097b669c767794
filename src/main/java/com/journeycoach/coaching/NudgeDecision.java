package com.journeycoach.coaching;

/**
 * What a rule decided: who gets which nudge about which prospect, with a message template key and
 * a priority (1 is the most important), and the name of the rule as the reason.
 */
public record NudgeDecision(String recipientId, Nudge.Audience audience, String kind, String prospectId, String messageKey,
                            int priority, String rule) {
}
