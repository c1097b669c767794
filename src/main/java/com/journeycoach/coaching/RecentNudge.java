package com.journeycoach.coaching;

/** Fact: a nudge already given, for frequency caps and de-duplication. */
public record RecentNudge(String recipientId, String kind, String prospectId, double hoursAgo) {
}
