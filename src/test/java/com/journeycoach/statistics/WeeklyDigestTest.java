package com.journeycoach.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class WeeklyDigestTest {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Test
  void aDigestsWeekIsTheIsoWeekInTheCompanysTimeZone() {
    assertThat(WeeklyDigest.weekOf(ZonedDateTime.of(2027, 1, 1, 7, 0, 0, 0, BERLIN))).isEqualTo("2026-W53");
    assertThat(WeeklyDigest.weekOf(ZonedDateTime.of(2027, 1, 4, 7, 0, 0, 0, BERLIN))).isEqualTo("2027-W01");
    // Sunday 23:30 in UTC is already Monday in Berlin: the next week there
    assertThat(WeeklyDigest.weekOf(ZonedDateTime.parse("2027-01-03T23:30:00Z").withZoneSameInstant(BERLIN))).isEqualTo("2027-W01");
  }

  @Test
  void aRecipientHasOneDigestIdAWeek() {
    assertThat(WeeklyDigest.nudgeId("ana", "2027-W01")).isEqualTo(WeeklyDigest.nudgeId("ana", "2027-W01")).hasSize(36)
        .isNotEqualTo(WeeklyDigest.nudgeId("ana", "2027-W02")).isNotEqualTo(WeeklyDigest.nudgeId("ben", "2027-W01"));
  }
}
