package com.journeycoach.coaching;

/**
 * Fact: a nudge already given, for frequency caps and de-duplication: to whom, of what kind, about which
 * prospect and which distributor (a sponsor's or manager's alert is about one distributor; null otherwise).
 */
public record RecentNudge(String recipientId, String kind, String prospectId, String distributorId, double hoursAgo) {

  /** A nudge about no particular distributor (a distributor's own coaching). */
  public RecentNudge(String recipientId, String kind, String prospectId, double hoursAgo) {
    this(recipientId, kind, prospectId, null, hoursAgo);
  }
}
