package com.journeycoach.people;

import com.journeycoach.people.Audience;
import java.time.Instant;

/** A person a distributor is selling to or recruiting; the id is the business key of their journey. */
public record Prospect(String id, String distributorId, String firstName, String lastName, String email, String phone,
                       Audience audience, Personality personality, Status status, Instant createdAt) {

  /** The name the forms and reminders greet the prospect by. */
  public String fullName() {
    return (firstName + " " + (lastName == null ? "" : lastName)).strip();
  }

  public enum Status {
    ACTIVE, NURTURE, WON, ENROLLED, LOST;

    /** The journey has ended: won, enrolled or lost. */
    public boolean closed() {
      return this == WON || this == ENROLLED || this == LOST;
    }

    /** The prospect became a customer or a distributor. */
    public boolean converted() {
      return this == WON || this == ENROLLED;
    }
  }

  /** The same prospect in another status. */
  public Prospect withStatus(Status newStatus) {
    return new Prospect(id, distributorId, firstName, lastName, email, phone, audience, personality, newStatus, createdAt);
  }

  public boolean isClosed() {
    return status.closed();
  }
}
