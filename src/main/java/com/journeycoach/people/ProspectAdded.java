package com.journeycoach.people;

/**
 * Published inside the transaction that stores a prospect; the journey feature starts their journey
 * unless the prospect was added by a journey already running (started from Tasklist).
 */
public record ProspectAdded(Prospect prospect, boolean journeyAlreadyRunning) {
}
