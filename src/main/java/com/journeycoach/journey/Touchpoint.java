package com.journeycoach.journey;

import java.time.Instant;

/** A dated event in a journey, and what it did to the journey. */
public record Touchpoint(String id, String idempotencyKey, String prospectId, String assetId, String shareId, Kind kind,
                         String source, Instant occurredAt, Instant recordedAt, Effect effect) {

  public enum Kind { SHARED, VIEWED, FOLLOW_UP_ANSWERED, MEETING_HELD, PURCHASED, ENROLLED, LOST, OPTED_OUT }

  /** What the journey did with the event: moved on, ended, or nothing (it was not waiting for it). */
  public enum Effect { JOURNEY_MOVED_ON, JOURNEY_ENDED, STORED }
}
