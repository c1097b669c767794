package com.journeycoach.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class QuietHoursTest {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

  @Test
  void dueAt23LocalWaitsFor8NextMorning() {
    assertThat(QuietHours.nextSendTime(Instant.parse("2026-11-23T22:00:00Z"), BERLIN, 8, 21))
        .isEqualTo(Instant.parse("2026-11-24T07:00:00Z"));
  }

  @Test
  void dueBefore8WaitsFor8TheSameMorning() {
    assertThat(QuietHours.nextSendTime(Instant.parse("2026-11-24T05:30:00Z"), BERLIN, 8, 21))
        .isEqualTo(Instant.parse("2026-11-24T07:00:00Z"));
  }

  @Test
  void insideTheWindowGoesAtOnceAndTheEdgesAreRight() {
    Instant noon = Instant.parse("2026-11-24T11:00:00Z");
    assertThat(QuietHours.nextSendTime(noon, BERLIN, 8, 21)).isEqualTo(noon);
    Instant eightSharp = Instant.parse("2026-11-24T07:00:00Z");
    assertThat(QuietHours.nextSendTime(eightSharp, BERLIN, 8, 21)).isEqualTo(eightSharp);
    assertThat(QuietHours.nextSendTime(Instant.parse("2026-11-24T20:00:00Z"), BERLIN, 8, 21)).as("21:00 is closed")
        .isEqualTo(Instant.parse("2026-11-25T07:00:00Z"));
  }

  @Test
  void theRecipientsTimeZoneDecidesNotTheServers() {
    Instant instant = Instant.parse("2026-11-24T07:00:00Z"); // 08:00 in Berlin, 23:00 the day before in Los Angeles
    assertThat(QuietHours.nextSendTime(instant, BERLIN, 8, 21)).isEqualTo(instant);
    assertThat(QuietHours.nextSendTime(instant, LOS_ANGELES, 8, 21)).isEqualTo(Instant.parse("2026-11-24T16:00:00Z"));
  }

  @Test
  void theMorningAfterADaylightSavingChangeIsStill8Local() {
    // Berlin moves to summer time on 2026-03-29
    assertThat(QuietHours.nextSendTime(Instant.parse("2026-03-28T22:30:00Z"), BERLIN, 8, 21))
        .isEqualTo(Instant.parse("2026-03-29T06:00:00Z"));
  }

  @Test
  void aWindowOfTheWholeDayIsAlwaysOpen() {
    Instant midnight = Instant.parse("2026-11-23T23:00:00Z");
    assertThat(QuietHours.nextSendTime(midnight, BERLIN, 0, 24)).isEqualTo(midnight);
  }
}
