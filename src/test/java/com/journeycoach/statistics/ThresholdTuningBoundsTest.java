package com.journeycoach.statistics;

import com.journeycoach.settings.Thresholds;
import static org.assertj.core.api.Assertions.assertThat;

import com.journeycoach.JourneyCoachTest;
import com.journeycoach.content.SampleCatalog;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Pace tuning moves a pace up to its bounds (PT1H to P730D), never past them: the tuned value is clamped,
 * not refused, so one pace at its bound does not stop the tuning of the others. The clock stands in 2001,
 * as in {@code ThresholdTuningProcessTest}, so other tests' journeys fall outside the lookback.
 */
@JourneyCoachTest
class ThresholdTuningBoundsTest {

  static final Instant NOW = Instant.parse("2001-06-01T12:00:00Z");
  static final String SHARE = "pace.prospect-development.share";

  @Autowired
  ThresholdTuning tuning;
  @Autowired
  Thresholds thresholds;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  SampleCatalog sampleCatalog;

  final Map<String, String> original = new HashMap<>();
  final String distributorId = "bounds-tuning-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void setUp() {
    sampleCatalog.loadIfEmpty();
    thresholds.all().forEach(threshold -> original.put(threshold.name(), threshold.value()));
    ClockUtil.setCurrentTime(Date.from(NOW));
    jdbc.sql("INSERT INTO distributor (id, first_name, last_name, email, time_zone, experienced, created_at) VALUES (?, 'T', 'Uner', ?, 'UTC', FALSE, ?)")
        .params(distributorId, distributorId + "@example.com", Timestamp.from(NOW.minus(Duration.ofDays(200)))).update();
  }

  @AfterEach
  void tearDown() {
    ClockUtil.reset();
    jdbc.sql("DELETE FROM asset_share WHERE distributor_id = ?").param(distributorId).update();
    jdbc.sql("DELETE FROM prospect WHERE distributor_id = ?").param(distributorId).update();
    jdbc.sql("DELETE FROM distributor WHERE id = ?").param(distributorId).update();
    original.forEach((name, value) -> jdbc.sql("UPDATE threshold SET threshold_value = ? WHERE name = ?").params(value, name).update());
  }

  void convertedJourneysSharedAfter(int journeys, Duration step) {
    for (int i = 0; i < journeys; i++) {
      String prospectId = UUID.randomUUID().toString();
      Instant created = NOW.minus(Duration.ofDays(30)).plus(Duration.ofHours(i));
      jdbc.sql("INSERT INTO prospect (id, distributor_id, first_name, audience, status, created_at, updated_at) VALUES (?, ?, 'Pat', 'PRODUCT_CUSTOMER', 'WON', ?, ?)")
          .params(prospectId, distributorId, Timestamp.from(created), Timestamp.from(created)).update();
      jdbc.sql("INSERT INTO asset_share (id, token, prospect_id, asset_id, distributor_id, created_at, shared_at, view_count) VALUES (?, ?, ?, 'verdant-story', ?, ?, ?, 0)")
          .params(UUID.randomUUID().toString(), UUID.randomUUID().toString(), prospectId, distributorId, Timestamp.from(created),
              Timestamp.from(created.plus(step))).update();
    }
  }

  @Test
  void aPaceTunedBelowItsMinimumStopsAtTheMinimum() {
    thresholds.change(SHARE, "PT70M", "test: a fast pace", "test");
    thresholds.change("tuning.prior-weight", "0", "test: measurement alone", "test");
    thresholds.change("tuning.auto-apply-fraction", "0.5", "test: apply at once", "test");
    convertedJourneysSharedAfter(200, Duration.ZERO);

    // unbounded, 20 % below 70 minutes would be PT56M
    assertThat(tuning.proposals()).filteredOn(p -> p.threshold().equals(SHARE)).singleElement()
        .satisfies(proposal -> assertThat(proposal.newValue()).isEqualTo("PT1H"));
  }

  @Test
  void aPaceAtItsMaximumIsNotTunedPastIt() {
    thresholds.change(SHARE, "P730D", "test: the longest pace", "test");
    convertedJourneysSharedAfter(200, Duration.ofDays(2000));

    // unbounded, 20 % above 730 days would be PT21024H
    assertThat(tuning.proposals()).noneMatch(p -> p.threshold().equals(SHARE));
  }
}
