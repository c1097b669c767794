package com.journeycoach.notification;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The send window in the recipient's time zone: from {@code startHour} to {@code endHour} local
 * time. A message due outside it waits for the next start of the window.
 */
public final class QuietHours {

  private QuietHours() {
  }

  /** When a message due at {@code due} may go out: {@code due} itself inside the window, else the next opening. */
  public static Instant nextSendTime(Instant due, ZoneId zone, int startHour, int endHour) {
    if (startHour <= 0 && endHour >= 24) {
      return due;
    }
    ZonedDateTime local = due.atZone(zone);
    LocalTime time = local.toLocalTime();
    LocalTime opens = LocalTime.of(startHour, 0);
    LocalTime closes = endHour >= 24 ? LocalTime.MAX : LocalTime.of(endHour, 0);
    if (!time.isBefore(opens) && time.isBefore(closes)) {
      return due;
    }
    // with and plusDays resolve a daylight-saving gap to the next valid instant
    ZonedDateTime opening = local.with(opens);
    if (!time.isBefore(closes)) {
      opening = opening.plusDays(1);
    }
    return opening.toInstant();
  }
}
