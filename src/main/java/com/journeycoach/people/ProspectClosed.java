package com.journeycoach.people;

/** A prospect became a customer (WON) or a distributor (ENROLLED); published in that transaction. */
public record ProspectClosed(Prospect prospect) {
}
