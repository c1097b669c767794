package com.journeycoach.people;

import java.time.Instant;
import java.util.Set;

/** A distributor; the id is also their Camunda user id. */
public record Distributor(String id, String firstName, String lastName, String email, String phone, String timeZone,
                          String sponsorId, boolean experienced, Personality personality, Set<String> trainedProducts,
                          String preferredChannel, Instant createdAt) {

  public Distributor {
    personality = personality == null ? Personality.UNKNOWN : personality;
    trainedProducts = trainedProducts == null ? Set.of() : Set.copyOf(trainedProducts);
  }

  /** The name alerts and tasks give the distributor ("Ana Ruiz"; the first name alone when none is on file). */
  public String fullName() {
    return lastName == null || lastName.isBlank() || lastName.equals(Distributors.NO_LAST_NAME) ? firstName : firstName + " " + lastName;
  }
}
