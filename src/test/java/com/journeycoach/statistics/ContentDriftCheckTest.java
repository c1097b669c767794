package com.journeycoach.statistics;

import com.journeycoach.settings.Thresholds;
import static org.assertj.core.api.Assertions.assertThat;

import com.journeycoach.JourneyCoachTest;
import com.journeycoach.content.Asset;
import com.journeycoach.content.Catalog;
import com.journeycoach.content.SampleCatalog;
import com.journeycoach.people.Distributors;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The drift check on the database: views and purchases stored as touchpoints, counted per asset and
 * day, judged against the asset's own history, and an alert starting the asset's review. The engine's
 * clock is set years ahead, so only this test's touchpoints fall into the windows.
 */
@JourneyCoachTest
class ContentDriftCheckTest {

  /** "Today" for the check; with the default thresholds the watch window is the 90 days before the 14-day horizon. */
  static final Instant NOW = Instant.parse("2040-06-01T12:00:00Z");
  static final LocalDate MATURE_END = LocalDate.parse("2040-06-01").minusDays(14);
  static final LocalDate WATCH_START = MATURE_END.minusDays(90);
  static final LocalDate HISTORY_START = WATCH_START.minusDays(365);
  static final String SOURCE = "drift-check-test";
  static final String MIN_CONVERSIONS = "drift.min-history-conversions";

  @Autowired
  ContentDriftCheck drift;
  @Autowired
  Thresholds thresholds;
  @Autowired
  Catalog catalog;
  @Autowired
  SampleCatalog sampleCatalog;
  @Autowired
  Distributors distributors;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  RuntimeService runtime;
  @Autowired
  HistoryService history;

  private String distributorId;
  private String dropped;
  private String thinHistory;
  private String originalMinConversions;

  @BeforeEach
  void market() throws IOException {
    sampleCatalog.loadIfEmpty();
    List<Asset> active = catalog.activeInSequence();
    dropped = active.get(0).id();
    thinHistory = active.get(1).id();
    distributorId = "drift-" + UUID.randomUUID().toString().substring(0, 8);
    distributors.register(new Distributors.Registration(distributorId, "Dora", "Drift", distributorId + "@example.com",
        "+4915123456780", null, null, false, null, null, null, "Bright-Meadow-42"));
    originalMinConversions = thresholds.get(MIN_CONVERSIONS).value();

    // converted 10% of views for a year, then 2%: a drop the test is tuned for, with 146 conversions of history
    views(dropped, HISTORY_START, WATCH_START, 4, 10);
    views(dropped, WATCH_START, MATURE_END, 10, 50);
    // converted 3% of views for a year (42 conversions, fewer than the 50 the test needs), then none
    views(thinHistory, HISTORY_START, WATCH_START, 4, 34);
    views(thinHistory, WATCH_START, MATURE_END, 20, 0);
    ClockUtil.setCurrentTime(Date.from(NOW));
  }

  @AfterEach
  void cleanUp() {
    ClockUtil.reset();
    thresholds.change(MIN_CONVERSIONS, originalMinConversions, "test restores the default", "test");
    for (String assetId : List.of(dropped, thinHistory)) {
      runtime.createProcessInstanceQuery().processDefinitionKey(ContentDriftCheck.REVIEW_PROCESS).processInstanceBusinessKey(assetId)
          .list().forEach(review -> runtime.deleteProcessInstance(review.getId(), "test cleans up"));
      history.createHistoricProcessInstanceQuery().processDefinitionKey(ContentDriftCheck.REVIEW_PROCESS)
          .processInstanceBusinessKey(assetId).list().forEach(review -> history.deleteHistoricProcessInstance(review.getId()));
    }
    jdbc.update("DELETE FROM touchpoint WHERE source = ?", SOURCE);
    jdbc.update("DELETE FROM prospect WHERE distributor_id = ?", distributorId);
  }

  @Test
  void aSignificantDropAlertsAndAThinHistoryIsNotJudged() {
    List<ContentDriftCheck.Alert> alerts = drift.assess();

    assertThat(alerts).extracting(ContentDriftCheck.Alert::assetId).containsExactly(dropped);
    ContentDriftCheck.Alert alert = alerts.get(0);
    assertThat(alert.assessment().history().views()).isEqualTo(365 * 4);
    assertThat(alert.assessment().history().conversions()).isEqualTo(146);
    assertThat(alert.changeSince()).isBetween(WATCH_START, MATURE_END);
    assertThat(alert.assessment().probability()).isGreaterThan(0.99);
  }

  @Test
  void theFewestHistoryConversionsAreReadWhenTheCheckRuns() {
    thresholds.change(MIN_CONVERSIONS, "40", "a smaller catalog", "test");

    assertThat(drift.assess()).extracting(ContentDriftCheck.Alert::assetId).containsExactlyInAnyOrder(dropped, thinHistory);
  }

  @Test
  void theWatchOfEachAssetShowsItsStateAndTheCusumPathUpToTheAlert() {
    ContentDriftCheck.Alert alert = drift.assess().get(0);
    drift.checkAndStartReviews();

    // also while the review is open, the watch shows what the check sees
    var watches = drift.watches();
    ContentDriftCheck.Watch dropping = watches.get(dropped);
    assertThat(dropping.state()).isEqualTo(ContentDriftCheck.DriftState.DRIFTED);
    assertThat(dropping.watchStart()).isEqualTo(WATCH_START);
    assertThat(dropping.changeSince()).isEqualTo(alert.changeSince());
    assertThat(dropping.cusum().get(dropping.cusum().size() - 1)).isEqualTo(alert.assessment().statistic())
        .isGreaterThanOrEqualTo(dropping.decisionLimit());
    assertThat(dropping.cusum().subList(0, dropping.cusum().size() - 1)).allSatisfy(sum -> assertThat(sum)
        .isBetween(0.0, dropping.decisionLimit()));
    // the day before the change the sum was at zero
    int changeDay = (int) ChronoUnit.DAYS.between(WATCH_START, alert.changeSince());
    if (changeDay > 0) {
      assertThat(dropping.cusum().get(changeDay - 1)).isZero();
    }
    ContentDriftCheck.Watch thin = watches.get(thinHistory);
    assertThat(thin.state()).isEqualTo(ContentDriftCheck.DriftState.NOT_ENOUGH_HISTORY);
    assertThat(thin.cusum()).isEmpty();
    assertThat(thin.changeSince()).isNull();
  }

  @Test
  void anAlertStartsTheAssetsReviewOnceWhileItIsOpen() {
    assertThat(drift.checkAndStartReviews()).hasSize(1);
    ProcessInstance review = runtime.createProcessInstanceQuery().processDefinitionKey(ContentDriftCheck.REVIEW_PROCESS)
        .processInstanceBusinessKey(dropped).singleResult();
    assertThat(review).isNotNull();
    assertThat(runtime.getVariable(review.getId(), "historyViews")).isEqualTo(365L * 4);

    assertThat(drift.checkAndStartReviews()).as("no second review while one is open").isEmpty();
  }

  /**
   * A view a day {@code perDay} times at noon from {@code from} (inclusive) to {@code to}, each by a
   * prospect of its own; every {@code convertEvery}-th view (0: none) is followed by a purchase two days later.
   */
  private void views(String assetId, LocalDate from, LocalDate to, int perDay, int convertEvery) {
    List<Object[]> prospects = new ArrayList<>();
    List<Object[]> touchpoints = new ArrayList<>();
    int view = 0;
    for (LocalDate day = from; day.isBefore(to); day = day.plusDays(1)) {
      // the check counts views per calendar day of the stored (local) time
      LocalDateTime at = day.atTime(12, 0);
      for (int i = 0; i < perDay; i++) {
        view++;
        String prospectId = UUID.randomUUID().toString();
        prospects.add(new Object[] {prospectId, distributorId, Timestamp.valueOf(at)});
        touchpoints.add(touchpoint(prospectId, assetId, "VIEWED", at, 1));
        if (convertEvery > 0 && view % convertEvery == 0) {
          touchpoints.add(touchpoint(prospectId, null, "PURCHASED", at.plusDays(2), 2));
        }
      }
    }
    jdbc.batchUpdate("INSERT INTO prospect (id, distributor_id, first_name, audience, status, created_at, updated_at)"
        + " VALUES (?, ?, 'Viewer', 'PRODUCT_CUSTOMER', 'WON', ?, ?)",
        prospects.stream().map(row -> new Object[] {row[0], row[1], row[2], row[2]}).toList());
    jdbc.batchUpdate("INSERT INTO touchpoint (id, idempotency_key, prospect_id, asset_id, share_id, kind, source, occurred_at,"
        + " recorded_at, journey_effect, sequence_number) VALUES (?, ?, ?, ?, NULL, ?, '" + SOURCE + "', ?, ?, 'STORED', ?)", touchpoints);
  }

  private static Object[] touchpoint(String prospectId, String assetId, String kind, LocalDateTime at, int sequence) {
    String id = UUID.randomUUID().toString();
    return new Object[] {id, SOURCE + ":" + id, prospectId, assetId, kind, Timestamp.valueOf(at), Timestamp.valueOf(at), sequence};
  }
}
