package com.journeycoach.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeycoach.TestUsers;
import com.journeycoach.people.Distributors;
import com.journeycoach.system.Groups;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every threshold has a measure with bounds: a value outside them, or not a value of
 * its measure at all, is refused with a 400 problem naming the bound, and nothing stored changes; a value
 * already stored outside them (an older database, a change by SQL) does not stop nudges. Run over HTTP on
 * H2 ({@code ThresholdBoundsTest}) and on MariaDB ({@code ThresholdBoundsOnMariaDbTest}).
 */
abstract class ThresholdBoundsTests {

  static final String MANAGER = com.journeycoach.Http.basic("bounds-manager", TestUsers.PASSWORD);
  static final String START = "notification.window.start-hour";
  static final String END = "notification.window.end-hour";

  /** What came back: status, content type and body. */
  record Answer(int status, String contentType, String body) {
  }

  @Autowired
  IdentityService identity;
  @Autowired
  Distributors distributors;
  @Autowired
  Thresholds thresholds;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  RuntimeService runtime;

  private Map<String, String> before;

  abstract Answer send(String method, String path, String authorization, String json);

  @BeforeEach
  void setUp() {
    TestUsers.ensure(identity, "bounds-manager", Groups.MANAGERS);
    before = table();
  }

  /** Puts back what a test changed, through SQL, so a failing test leaves the table as it found it. */
  @AfterEach
  void restore() {
    before.forEach((name, value) -> jdbc.sql("UPDATE threshold SET threshold_value = ? WHERE name = ?").params(value, name).update());
  }

  /** Every threshold's stored value and the number of history entries. */
  private Map<String, String> table() {
    Map<String, String> values = new LinkedHashMap<>();
    jdbc.sql("SELECT name, threshold_value FROM threshold ORDER BY name")
        .query((rs, i) -> values.put(rs.getString(1), rs.getString(2))).list();
    return values;
  }

  private long historySize() {
    return jdbc.sql("SELECT COUNT(*) FROM threshold_history").query(Long.class).single();
  }

  Answer put(String name, String value) {
    return send("PUT", "/api/thresholds/" + name, MANAGER, "{\"value\":\"" + value + "\",\"reason\":\"bounds test\"}");
  }

  /** A refused change: 400, a problem naming what it says, no internals, and the table and its history as they were. */
  void assertRefused(String name, String value, String... naming) {
    Map<String, String> tableBefore = table();
    long historyBefore = historySize();
    Answer answer = put(name, value);
    assertRefused(answer, naming);
    assertThat(table()).as("nothing stored changes when %s = %s is refused", name, value).isEqualTo(tableBefore);
    assertThat(historySize()).isEqualTo(historyBefore);
  }

  static void assertRefused(Answer answer, String... naming) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.body()).contains("\"status\":400").contains(naming)
        .doesNotContain("Exception", "\tat ", "SQL", "com.journeycoach", "java.", "org.");
  }

  void assertAccepted(String name, String value) {
    Answer answer = put(name, value);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
  }

  @Test
  void hoursOfTheDayAreWholeHoursFrom0To24() {
    for (String value : new String[] {"25", "-1", "24.5", "1e20"}) {
      assertRefused(START, value, START, "0", "24");
    }
    assertRefused(START, "3.5", START, "whole");
    assertRefused(END, "25", END, "24");
  }

  @Test
  void theSendWindowStartsBeforeItEnds() {
    assertRefused(START, "21", START, END, "before");
    assertRefused(START, "23", START, END, "before");
    assertRefused(END, "8", START, END, "before");
    assertRefused(END, "3", START, END, "before");
    assertAccepted(END, "22");
    assertAccepted(START, "21");
    assertAccepted(START, "0");
    assertAccepted(END, "24");
  }

  @Test
  void countsAreWholeNumbersFromZero() {
    String cap = "coaching.cap.nudges-per-day";
    assertRefused(cap, "-1", cap, "0");
    assertRefused(cap, "3.5", cap, "whole");
    assertRefused(cap, "1e20", cap, "1000000");
    assertAccepted(cap, "0");
    assertAccepted(cap, "3.0");
    assertThat(thresholds.get(cap).value()).isEqualTo("3");
  }

  @Test
  void fractionsLieBetween0And1() {
    String behind = "coaching.behind-pace-fraction";
    assertRefused(behind, "1.5", behind, "0", "1");
    assertRefused(behind, "-0.1", behind, "0", "1");
    assertRefused(behind, "1e20", behind);
    assertRefused(behind, "0.0000001", behind, "decimal");
    // the tuner and the drift test need a fraction strictly inside (0, 1)
    assertRefused("tuning.pace-quantile", "1", "tuning.pace-quantile", "0.99");
    assertRefused("tuning.max-step-fraction", "0", "tuning.max-step-fraction", "0.01");
    assertRefused("drift.relative-drop", "1", "drift.relative-drop", "0.99");
    assertAccepted(behind, "0.5");
  }

  @Test
  void percentagesLieBetween0And100() {
    assertRefused("readiness.close-estimate", "101", "readiness.close-estimate", "100");
    assertRefused("coaching.forecast.gap-points", "-5", "coaching.forecast.gap-points", "0");
    assertAccepted("readiness.close-estimate", "72.5");
  }

  @Test
  void daysAndHoursAreWholeAndWithinTwoYearsOrTheRecentNudges() {
    assertRefused("onboarding.period-days", "0", "onboarding.period-days", "1");
    assertRefused("onboarding.period-days", "100000", "onboarding.period-days", "730");
    assertRefused("onboarding.period-days", "2.5", "onboarding.period-days", "whole");
    // the rules see the nudges of the last 7 days only: a longer window would silently act as 168 hours
    assertRefused("coaching.repeat-window-hours", "169", "coaching.repeat-window-hours", "168");
    assertAccepted("onboarding.period-days", "120");
  }

  @Test
  void positiveNumbersHaveSaneLimits() {
    assertRefused("drift.decision-limit", "0", "drift.decision-limit", "0.1");
    assertRefused("drift.decision-limit", "1e6", "drift.decision-limit", "1000");
    assertRefused("tuning.prior-weight", "-3", "tuning.prior-weight", "0");
    assertAccepted("drift.decision-limit", "9");
  }

  @Test
  void durationsAreIsoDurationsFromAnHourToTwoYears() {
    String share = "pace.prospect-development.share";
    assertRefused(share, "P99999999999D", share, "P730D");
    assertRefused(share, "P1000D", share, "P730D");
    assertRefused(share, "P25M", share, "days");
    assertRefused(share, "PT59M", share, "PT1H");
    assertRefused(share, "-P1D", share);
    assertRefused(share, "P3Y", share, "days");
    // Camunda's timers read XML Schema durations: no weeks, no lower case, no signs, no fractions
    assertRefused(share, "P1W", share);
    assertRefused(share, "pt36h", share);
    assertRefused(share, "PT+36H", share);
    assertRefused(share, "PT1H30.5S", share);
    assertRefused(share, "P2DT", share);
    assertAccepted(share, "P730D");
    assertAccepted(share, "PT1H");
    assertAccepted(share, "P1DT12H");
  }

  @Test
  void whatIsNotANumberIsRefusedNeverAnError() {
    String cap = "coaching.cap.nudges-per-day";
    for (String value : new String[] {"1e309", "NaN", "abc", "Infinity", "0x10", "1e-400", "3,5"}) {
      assertRefused(cap, value, cap);
    }
    Map<String, String> tableBefore = table();
    // a JSON number, not a string
    assertRefused(send("PUT", "/api/thresholds/" + cap, MANAGER, "{\"value\":1e309,\"reason\":\"bounds test\"}"), cap);
    assertRefused(send("PUT", "/api/thresholds/" + cap, MANAGER, "{\"value\":-1,\"reason\":\"bounds test\"}"), cap);
    assertThat(table()).isEqualTo(tableBefore);
  }

  @Test
  void aManagerReadsEveryThresholdsMeasureAndBounds() {
    Answer start = send("GET", "/api/thresholds/" + START, MANAGER, null);
    assertThat(start.status()).isEqualTo(200);
    assertThat(start.body()).contains("\"measure\":\"HOUR_OF_DAY\"", "\"minimum\":\"0\"", "\"maximum\":\"24\"");
    Answer pace = send("GET", "/api/thresholds/pace.prospect-development.view", MANAGER, null);
    assertThat(pace.body()).contains("\"measure\":\"DURATION\"", "\"minimum\":\"PT1H\"", "\"maximum\":\"P730D\"");

    Answer all = send("GET", "/api/thresholds", MANAGER, null);
    int count = table().size();
    assertThat(all.body().split("\"measure\":\"", -1)).as("a measure for each of %d thresholds", count).hasSize(count + 1);
    assertThat(all.body().split("\"minimum\":\"", -1)).hasSize(count + 1);
    assertThat(all.body().split("\"maximum\":\"", -1)).hasSize(count + 1);
    assertThat(all.body()).doesNotContain("ignoredValue");

    Answer docs = send("GET", "/api-docs", null, null);
    assertThat(docs.body()).contains("HOUR_OF_DAY", "\"minimum\"", "\"maximum\"");
  }

  @Test
  void theHistoryKeepsTheOrderOfChangesMadeWithinOneSecond() {
    // MariaDB stores whole seconds: these changes share their time, and come back in the order they were made
    for (String hour : List.of("9", "10", "11", "12", "8")) {
      assertAccepted(START, hour);
    }
    List<String> newest = thresholds.history(START).stream().map(change -> change.newValue()).toList();
    assertThat(newest.subList(newest.size() - 5, newest.size())).containsExactly("9", "10", "11", "12", "8");
  }

  @Test
  void anHourStoredOutOfBoundsDoesNotStopNudges() {
    TestUsers.ensureDistributor(distributors, "bounds-dist", null);
    // an older database, or a change made by SQL, holds what the API now refuses
    jdbc.sql("UPDATE threshold SET threshold_value = '25' WHERE name = ?").param(START).update();

    Answer sent = send("POST", "/api/nudges", MANAGER, "{\"recipientId\":\"bounds-dist\",\"messageKey\":\"coaching.share-now\"}");
    assertThat(sent.status()).as(sent.body()).isEqualTo(201);
    String nudgeId = sent.body().replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1");
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(nudgeId).count()).isEqualTo(1);

    // the default is in effect and the manager sees what is stored and ignored
    assertThat(thresholds.number(START)).isEqualByComparingTo("8");
    Answer read = send("GET", "/api/thresholds/" + START, MANAGER, null);
    assertThat(read.body()).contains("\"value\":\"8\"", "\"ignoredValue\":\"25\"");

    // a valid change replaces it, and the history keeps the stored value
    assertAccepted(START, "7");
    assertThat(thresholds.history(START)).last().satisfies(change -> assertThat(change.oldValue()).isEqualTo("25"));
  }

  @Test
  void aWindowStoredBackwardsDoesNotStopNudges() {
    TestUsers.ensureDistributor(distributors, "bounds-dist", null);
    jdbc.sql("UPDATE threshold SET threshold_value = '22' WHERE name = ?").param(START).update();
    jdbc.sql("UPDATE threshold SET threshold_value = '6' WHERE name = ?").param(END).update();

    Answer sent = send("POST", "/api/nudges", MANAGER, "{\"recipientId\":\"bounds-dist\",\"messageKey\":\"coaching.share-now\"}");
    assertThat(sent.status()).as(sent.body()).isEqualTo(201);
    assertThat(thresholds.number(START)).isEqualByComparingTo("8");
    assertThat(thresholds.number(END)).isEqualByComparingTo("21");
  }

  @Test
  void aPaceStoredOutOfBoundsGivesTimersTheDefault() {
    jdbc.sql("UPDATE threshold SET threshold_value = 'P99999999999D' WHERE name = 'pace.prospect-development.view'").update();
    jdbc.sql("UPDATE threshold SET threshold_value = 'soon' WHERE name = 'pace.prospect-development.share'").update();
    jdbc.sql("UPDATE threshold SET threshold_value = 'lots' WHERE name = 'coaching.cap.nudges-per-day'").update();

    assertThat(thresholds.get("pace.prospect-development.view").value()).isEqualTo("P3D");
    assertThat(thresholds.get("pace.prospect-development.share").value()).isEqualTo("P2D");
    assertThat(thresholds.number("coaching.cap.nudges-per-day")).isEqualByComparingTo("3");
    assertThat(send("GET", "/api/thresholds", MANAGER, null).status()).isEqualTo(200);
  }
}
