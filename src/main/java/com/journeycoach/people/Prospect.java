package com.journeycoach.people;

import com.journeycoach.content.Audience;
import java.time.Instant;

/** A person a distributor is selling to or recruiting; the id is the business key of their journey. */
public record Prospect(String id, String distributorId, String firstName, String lastName, String email, String phone,
                       Audience audience, Personality personality, Status status, Instant createdAt) {

  public enum Status { ACTIVE, NURTURE, WON, ENROLLED, LOST }

  /** The same prospect in another status. */
  public Prospect withStatus(Status newStatus) {
    return new Prospect(id, distributorId, firstName, lastName, email, phone, audience, personality, newStatus, createdAt);
  }

  public boolean isClosed() {
    return status == Status.WON || status == Status.ENROLLED || status == Status.LOST;
  }
}
