package com.journeycoach.people;

/** A prospect's status changed (from {@code before} to the prospect's own); published in that transaction. */
public record ProspectStatusChanged(Prospect prospect, Prospect.Status before) {
}
