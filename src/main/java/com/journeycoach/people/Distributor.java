package com.journeycoach.people;

import java.time.Instant;

/** A distributor; the id is also their Camunda user id. */
public record Distributor(String id, String firstName, String lastName, String email, String phone, String timeZone,
                          String sponsorId, boolean experienced, Instant createdAt) {
}
