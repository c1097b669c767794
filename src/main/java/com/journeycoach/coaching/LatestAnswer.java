package com.journeycoach.coaching;

/**
 * Fact: the follow-up answer just recorded for a prospect: the purchase intent ({@code NONE}, {@code LOW},
 * {@code MEDIUM}, {@code HIGH}) and the distributor's estimate of the chance to close, in percent.
 */
public record LatestAnswer(String prospectId, String purchaseIntent, int closeEstimate) {
}
