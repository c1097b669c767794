package com.journeycoach.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.journeycoach.JourneyCoachTest;
import com.journeycoach.TestUsers;
import com.journeycoach.WebappSession;
import com.journeycoach.content.Catalog;
import com.journeycoach.content.SampleCatalog;
import com.journeycoach.people.Distributors;
import com.journeycoach.system.Groups;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The Insights plugin's resources in Cockpit's API, called as Cockpit calls them: in a webapp session, with
 * Camunda's CSRF protection. Managers read a sponsor line whose figures the test computes from the raw rows;
 * everyone else is refused, and bad parameters get 400 problems naming them.
 */
@JourneyCoachTest
class InsightsOverHttpTest {

  static final String DISTRIBUTORS = "/camunda/api/cockpit/plugin/insights/default/distributors";
  static final String CONTENT = "/camunda/api/cockpit/plugin/insights/default/content";
  /** "Today" for the drift check in the content tests: years ahead, so only the seeded views fall into its windows. */
  static final LocalDate DRIFT_TODAY = LocalDate.parse("2045-06-01");
  static final String MANAGER = "insights-manager";
  static final String PROCESS_OWNER = "insights-owner";

  @LocalServerPort
  int port;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  Distributors distributors;
  @Autowired
  Catalog catalog;
  @Autowired
  SampleCatalog sampleCatalog;
  @Autowired
  IdentityService identity;
  @Autowired
  DistributorInsights insights;
  @Autowired
  ContentDriftCheck driftCheck;
  @Autowired
  RuntimeService runtime;
  @Autowired
  HistoryService history;

  final ObjectMapper json = new ObjectMapper();
  InsightsSeed seed;

  @BeforeEach
  void seed() {
    TestUsers.ensure(identity, MANAGER, Groups.MANAGERS);
    TestUsers.ensure(identity, PROCESS_OWNER, Groups.PROCESS_OWNERS);
    seed = InsightsSeed.plant(jdbc, distributors, catalog, sampleCatalog);
  }

  @AfterEach
  void cleanUp() {
    ClockUtil.reset();
    runtime.createProcessInstanceQuery().processDefinitionKey(ContentDriftCheck.REVIEW_PROCESS).processInstanceBusinessKey(seed.assetId)
        .list().forEach(review -> runtime.deleteProcessInstance(review.getId(), "test cleans up"));
    history.createHistoricProcessInstanceQuery().processDefinitionKey(ContentDriftCheck.REVIEW_PROCESS)
        .processInstanceBusinessKey(seed.assetId).list().forEach(review -> history.deleteHistoricProcessInstance(review.getId()));
    seed.removeDrift();
  }

  private WebappSession manager() {
    return WebappSession.logIn(port, MANAGER, TestUsers.PASSWORD, "cockpit");
  }

  private static String sponsor(String id) {
    return "?sponsor=" + URLEncoder.encode(id, StandardCharsets.UTF_8);
  }

  @Test
  void aManagerReadsTheSponsorLineWithItsFunnelConversionAndFlags() throws Exception {
    HttpResponse<String> answer = manager().get(DISTRIBUTORS + sponsor(seed.sponsor));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode report = json.readTree(answer.body()).get("report");
    Map<String, Long> funnel = new LinkedHashMap<>();
    report.get("funnel").fields().forEachRemaining(field -> funnel.put(field.getKey(), field.getValue().asLong()));
    assertThat(funnel).isEqualTo(seed.funnelOf(seed.downline()));
    // the sponsor's whole downline, also the distributor enrolled by one of the sponsor's enrollees; not the sponsor
    List<String> shown = report.get("distributors").findValuesAsText("id");
    assertThat(shown).containsExactlyInAnyOrderElementsOf(seed.downline()).doesNotContain(seed.sponsor);

    Map<String, String> flags = new LinkedHashMap<>();
    for (JsonNode row : report.get("distributors")) {
      String flag = row.get("conversion").get("flag").asText();
      flags.put(row.get("id").asText(), flag.equals("NONE") ? "" : flag.toLowerCase());
      JsonNode conversion = row.get("conversion");
      assertThat(conversion.get("lower").asDouble()).isLessThanOrEqualTo(conversion.get("mean").asDouble())
          .isGreaterThanOrEqualTo(0);
      assertThat(conversion.get("upper").asDouble()).isGreaterThanOrEqualTo(conversion.get("mean").asDouble())
          .isLessThanOrEqualTo(1);
    }
    assertThat(flags).isEqualTo(seed.expectedFlags(report.get("priorWeight").asDouble(), report.get("flagProbability").asDouble()));
    assertThat(flags).containsEntry(seed.id("struggling"), "struggling").containsEntry(seed.id("excelling"), "excelling");
    // flagged distributors come first
    assertThat(shown.subList(0, 2)).containsExactly(seed.id("struggling"), seed.id("excelling"));
    assertThat(json.readTree(answer.body()).get("journeysDefinitionId").asText()).startsWith("prospect-development:");
  }

  @Test
  void aManagerDownloadsTheTablesAsCsv() {
    WebappSession manager = manager();
    HttpResponse<String> table = manager.get(DISTRIBUTORS + "/csv" + sponsor(seed.sponsor));

    assertThat(table.statusCode()).isEqualTo(200);
    assertThat(table.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
    assertThat(table.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"distributors.csv\"");
    List<String> lines = table.body().lines().toList();
    assertThat(lines.get(0)).startsWith("distributor,name,sponsor,added,shared,viewed,followed_up,presented,won_or_enrolled,closed,"
        + "converted,conversion_mean,conversion_90_lower,conversion_90_upper,probability_below_team,flag,share_pace,")
        .endsWith(",nudges,nudges_measured,nudges_followed,forecast_journeys,mean_close_estimate,close_rate,brier_score,"
            + "forecast_record_journeys,over_estimate_points,over_estimating");
    assertThat(lines).hasSize(1 + seed.downline().size());
    assertThat(lines).anySatisfy(line -> assertThat(line).startsWith(seed.id("struggling") + ",").contains(",0,60,", ",STRUGGLING,"));

    HttpResponse<String> funnel = manager.get(DISTRIBUTORS + "/funnel/csv" + sponsor(seed.sponsor));
    assertThat(funnel.statusCode()).isEqualTo(200);
    Map<String, Long> expected = seed.funnelOf(seed.downline());
    assertThat(funnel.body().lines().toList()).containsExactly("step,prospects", "added," + expected.get("added"),
        "shared," + expected.get("shared"), "viewed," + expected.get("viewed"), "followedUp," + expected.get("followedUp"),
        "presented," + expected.get("presented"), "won," + expected.get("won"));
  }

  @Test
  void aManagerReadsEachDistributorsForecastCalibrationAndTheNudgesTheyFollowed() throws Exception {
    Instant asked = Instant.now();
    HttpResponse<String> answer = manager().get(DISTRIBUTORS + sponsor(seed.sponsor));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode body = json.readTree(answer.body());
    long minClosed = Long.parseLong(threshold("coaching.forecast.min-closed-journeys"));
    double gapPoints = Double.parseDouble(threshold("coaching.forecast.gap-points"));
    for (String id : seed.downline()) {
      InsightsSeed.CalibrationFigures expected = seed.calibrationOf(id);
      JsonNode calibration = body.get("calibration").get(id);
      assertThat(calibration.get("journeys").asLong()).as(id).isEqualTo(expected.journeys()).isPositive();
      assertThat(calibration.get("meanEstimate").asDouble()).as(id).isCloseTo(expected.meanEstimate(), within(1e-9));
      assertThat(calibration.get("closeRate").asDouble()).as(id).isCloseTo(expected.closeRate(), within(1e-9));
      assertThat(calibration.get("brier").asDouble()).as(id).isCloseTo(expected.brier(), within(1e-9));
      Map<Integer, long[]> bins = new LinkedHashMap<>();
      for (JsonNode bin : calibration.get("bins")) {
        int lower = bin.get("lower").asInt();
        bins.put(lower, new long[] {bin.get("journeys").asLong(), Math.round(bin.get("observed").asDouble() * bin.get("journeys").asLong())});
        assertThat(bin.get("meanEstimate").asDouble()).isCloseTo(expected.binMeans().get(lower)[0], within(1e-9));
        assertThat(bin.get("observed").asDouble()).isCloseTo(expected.binMeans().get(lower)[1], within(1e-9));
        assertThat(bin.get("upper").asInt()).isEqualTo(lower == 90 ? 100 : lower + 9);
      }
      assertThat(bins.keySet()).containsExactlyInAnyOrderElementsOf(expected.binCounts().keySet());
      expected.binCounts().forEach((lower, counts) -> assertThat(bins.get(lower)).as(id + " bin " + lower).containsExactly(counts));
      // the over-estimation of the record the rules read, the same journeys as the rows
      assertThat(calibration.get("recordJourneys").asLong()).isEqualTo(expected.journeys());
      assertThat(calibration.get("overEstimatePoints").asDouble()).as(id).isCloseTo(expected.gapPoints(), within(1e-9));
      assertThat(calibration.get("overEstimating").asBoolean()).as(id)
          .isEqualTo(expected.journeys() >= minClosed && expected.gapPoints() >= gapPoints);
    }
    assertThat(body.get("calibration").get(seed.id("struggling")).get("overEstimating").asBoolean()).isTrue();
    assertThat(body.get("calibration").get(seed.id("excelling")).get("overEstimating").asBoolean()).isFalse();

    Duration days = Duration.ofDays(Long.parseLong(threshold("insights.nudge-window-days")));
    Map<String, Duration> windows = Map.of("SHARE_NOW", Duration.parse(threshold("pace.prospect-development.share")),
        "CHECK_IN_ON_VIEW", Duration.parse(threshold("pace.prospect-development.view")),
        "FOLLOW_UP_NOW", Duration.parse(threshold("pace.prospect-development.follow-up")),
        "ADD_FIRST_PROSPECTS", days, "OVER_ESTIMATING", days);
    for (String id : seed.downline()) {
      Map<String, long[]> expected = seed.nudgesOf(id, windows, asked);
      JsonNode nudged = body.get("nudgesFollowed").get(id);
      Map<String, long[]> shown = new LinkedHashMap<>();
      for (JsonNode kind : nudged.get("kinds")) {
        shown.put(kind.get("kind").asText(), new long[] {kind.get("received").asLong(), kind.get("measured").asLong(),
            kind.get("followed").asLong()});
        Duration window = windows.get(kind.get("kind").asText());
        assertThat(kind.get("window").isNull() ? null : Duration.parse(kind.get("window").asText())).isEqualTo(window);
      }
      assertThat(shown.keySet()).as(id).containsExactlyInAnyOrderElementsOf(expected.keySet());
      expected.forEach((kind, counts) -> assertThat(shown.get(kind)).as(id + " " + kind).containsExactly(counts));
      assertThat(nudged.get("received").asLong()).isEqualTo(expected.values().stream().mapToLong(c -> c[0]).sum());
      assertThat(nudged.get("measured").asLong()).isEqualTo(expected.values().stream().mapToLong(c -> c[1]).sum());
      assertThat(nudged.get("followed").asLong()).isEqualTo(expected.values().stream().mapToLong(c -> c[2]).sum());
    }
    // the nudges of known outcome: followed, missed, in their window, and not measurable
    Map<String, long[]> late = seed.nudgesOf(seed.id("late"), windows, asked);
    assertThat(late.get("SHARE_NOW")[2]).isEqualTo(late.get("SHARE_NOW")[1]).isPositive();
    assertThat(late.get("FOLLOW_UP_NOW")[2]).isPositive();
    assertThat(late.get("CHECK_IN_ON_VIEW")[1]).isPositive();
    assertThat(late.get("CHECK_IN_ON_VIEW")[2]).isZero();
    assertThat(late.get("ADD_FIRST_PROSPECTS")).containsExactly(1, 1, 1);
    assertThat(late.get("OVER_ESTIMATING")).containsExactly(1, 0, 0);
    assertThat(late.get("PAIRING_TIP")[1]).isZero();

    List<String> csv = manager().get(DISTRIBUTORS + "/csv" + sponsor(seed.sponsor)).body().lines().toList();
    JsonNode struggling = body.get("calibration").get(seed.id("struggling"));
    assertThat(csv).anySatisfy(line -> assertThat(line).startsWith(seed.id("struggling") + ",")
        .endsWith(String.format(Locale.ROOT, ",%d,%.4f,%.4f,%.4f,%d,%.4f,true", struggling.get("journeys").asLong(),
            struggling.get("meanEstimate").asDouble(), struggling.get("closeRate").asDouble(), struggling.get("brier").asDouble(),
            struggling.get("recordJourneys").asLong(), struggling.get("overEstimatePoints").asDouble())));
    JsonNode lateNudges = body.get("nudgesFollowed").get(seed.id("late"));
    assertThat(csv).anySatisfy(line -> assertThat(line).startsWith(seed.id("late") + ",")
        .contains("," + lateNudges.get("received").asLong() + "," + lateNudges.get("measured").asLong() + ","
            + lateNudges.get("followed").asLong() + ","));
  }

  private String threshold(String name) {
    return jdbc.sql("SELECT threshold_value FROM threshold WHERE name = ?").param(name).query(String.class).single();
  }

  @Test
  void aLineWithoutDistributorsIsEmptyNotAnError() throws Exception {
    HttpResponse<String> answer = manager().get(DISTRIBUTORS + sponsor(seed.id("struggling")));

    assertThat(answer.statusCode()).isEqualTo(200);
    JsonNode report = json.readTree(answer.body()).get("report");
    assertThat(report.get("distributors")).isEmpty();
    assertThat(report.get("funnel").get("added").asLong()).isZero();
  }

  @Test
  void distributorsAndProcessOwnersAreRefused() {
    String distributor = seed.id("steady");
    // a distributor has no Cockpit: Camunda's own filter refuses them
    WebappSession inTasklist = WebappSession.logIn(port, distributor, TestUsers.PASSWORD, "tasklist");
    assertThat(inTasklist.get(DISTRIBUTORS).statusCode()).isEqualTo(403);
    assertThat(inTasklist.get(DISTRIBUTORS + "/csv").statusCode()).isEqualTo(403);
    // a process owner works in Cockpit, but Insights are not theirs: the plugin refuses them
    WebappSession owner = WebappSession.logIn(port, PROCESS_OWNER, TestUsers.PASSWORD, "cockpit");
    HttpResponse<String> refused = owner.get(DISTRIBUTORS);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("\"status\":403", "managers");
    assertThat(owner.get(DISTRIBUTORS + "/csv").statusCode()).isEqualTo(403);
    assertThat(owner.get(DISTRIBUTORS + "/funnel/csv").statusCode()).isEqualTo(403);
    // the administrator may
    assertThat(WebappSession.logIn(port, "admin", TestUsers.ADMIN_PASSWORD, "cockpit").get(DISTRIBUTORS).statusCode()).isEqualTo(200);
  }

  @Test
  void withoutCockpitsSessionTheAnswerIs401() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    for (String path : List.of(DISTRIBUTORS, DISTRIBUTORS + "/csv", DISTRIBUTORS + "/funnel/csv")) {
      HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).as(path).isEqualTo(401);
    }
  }

  @Test
  void aPostWithoutTheCsrfTokenIsRefused() {
    WebappSession manager = manager();
    HttpResponse<String> forged = manager.send(manager.requestWithoutCsrfToken(DISTRIBUTORS)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());

    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.headers().firstValue("X-XSRF-TOKEN")).hasValue("Required");
    // with the token the same request passes the CSRF check, and is only a method the resource does not have
    assertThat(manager().post(DISTRIBUTORS, "{}").statusCode()).isEqualTo(405);
  }

  @Test
  void badParametersGet400ProblemsNamingThem() throws Exception {
    WebappSession manager = manager();
    assertProblem(manager.get(DISTRIBUTORS + sponsor("nobody-" + seed.sponsor)), "sponsor");
    assertProblem(manager.get(DISTRIBUTORS + sponsor("x".repeat(65))), "sponsor");
    assertProblem(manager.get(DISTRIBUTORS + "?sponsor="), "sponsor");
    assertProblem(manager.get(DISTRIBUTORS + sponsor(seed.sponsor) + "&sponsor=" + seed.sponsor), "sponsor");
    assertProblem(manager.get(DISTRIBUTORS + "?from=yesterday"), "from");
    assertProblem(manager.get(DISTRIBUTORS + "/csv" + sponsor("<script>alert(1)</script>")), "sponsor");
    assertProblem(manager.get(DISTRIBUTORS + "/funnel/csv?sponsor=%27%20OR%201%3D1--"), "sponsor");
  }

  @Test
  void aManagerReadsAnAssetsFiguresItsDriftAndItsOpenReview() throws Exception {
    WebappSession manager = manager();
    seed.drift(distributors, DRIFT_TODAY);
    ClockUtil.setCurrentTime(Date.from(DRIFT_TODAY.atTime(12, 0).toInstant(ZoneOffset.UTC)));
    ContentDriftCheck.Alert alert = driftCheck.assess().stream().filter(a -> a.assetId().equals(seed.assetId)).findFirst().orElseThrow();
    String reviewId = runtime.startProcessInstanceByKey(ContentDriftCheck.REVIEW_PROCESS, seed.assetId, alert.variables()).getId();

    HttpResponse<String> answer = manager.get(CONTENT + "?asset=" + seed.assetId + "&audience=PRODUCT_CUSTOMER");

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode assets = json.readTree(answer.body()).get("assets");
    assertThat(assets).hasSize(1);
    JsonNode asset = assets.get(0);
    assertThat(asset.get("id").asText()).isEqualTo(seed.assetId);
    JsonNode row = asset.get("audiences").get(0);
    assertThat(asset.get("audiences")).hasSize(1);
    InsightsSeed.ContentFigures expected = seed.contentFigures(seed.assetId, "PRODUCT_CUSTOMER");
    assertThat(expected.closed()).as("the seeded line's journeys are among the asset's").isGreaterThanOrEqualTo(100);
    assertThat(row.get("audience").asText()).isEqualTo("PRODUCT_CUSTOMER");
    assertThat(row.get("shares").asLong()).isEqualTo(expected.shares());
    assertThat(row.get("viewed").asLong()).isEqualTo(expected.viewed());
    assertThat(row.get("viewRate").asDouble()).isCloseTo((double) expected.viewed() / expected.shares(), within(1e-9));
    assertThat(row.get("medianHoursToView").asDouble()).isCloseTo(expected.medianHours(), within(1e-9));
    assertThat(row.get("closed").asLong()).isEqualTo(expected.closed());
    assertThat(row.get("converted").asLong()).isEqualTo(expected.converted());
    assertThat(row.get("lower").asDouble()).isCloseTo(expected.lower(), within(1e-9));
    assertThat(row.get("upper").asDouble()).isCloseTo(expected.upper(), within(1e-9));

    // the drift check's own view: drifted, its CUSUM path up to the alert, the change day inside the watch window
    JsonNode drift = asset.get("drift");
    LocalDate watchStart = DRIFT_TODAY.minusDays(14 + 90);
    assertThat(drift.get("state").asText()).isEqualTo("DRIFTED");
    assertThat(drift.get("watchStart").asText()).isEqualTo(watchStart.toString());
    assertThat(drift.get("changeSince").asText()).isEqualTo(alert.changeSince().toString());
    assertThat(LocalDate.parse(drift.get("changeSince").asText())).isBetween(watchStart, DRIFT_TODAY.minusDays(14));
    JsonNode path = drift.get("cusum");
    assertThat(path.get(path.size() - 1).asDouble()).isGreaterThanOrEqualTo(drift.get("decisionLimit").asDouble());
    assertThat(path.get(path.size() - 2).asDouble()).isLessThan(drift.get("decisionLimit").asDouble());
    // and its open review, to open in Cockpit or Tasklist
    assertThat(asset.get("review").get("processInstanceId").asText()).isEqualTo(reviewId);
    assertThat(asset.get("review").get("taskId").asText()).isNotBlank();

    HttpResponse<String> csv = manager.get(CONTENT + "/csv?asset=" + seed.assetId);
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"content.csv\"");
    List<String> lines = csv.body().lines().toList();
    assertThat(lines.get(0)).startsWith("asset,title,audience,shares,viewed,view_rate,median_hours_to_view,closed,converted,");
    assertThat(lines).anySatisfy(line -> assertThat(line).startsWith(seed.assetId + ",").contains(",PRODUCT_CUSTOMER,"
        + expected.shares() + "," + expected.viewed() + ",", ",DRIFTED,", "," + reviewId));
  }

  @Test
  void aManagerReadsWhatProspectsAnsweredAfterAViewAndWhereTheirStatedIntentDrifts() throws Exception {
    WebappSession manager = manager();
    seed.intentDrift(distributors, DRIFT_TODAY);
    ClockUtil.setCurrentTime(Date.from(DRIFT_TODAY.atTime(12, 0).toInstant(ZoneOffset.UTC)));

    HttpResponse<String> answer = manager.get(CONTENT + "?asset=" + seed.assetId);

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode body = json.readTree(answer.body());
    JsonNode answers = body.get("answers").get(seed.assetId).get("PRODUCT_CUSTOMER");
    InsightsSeed.AnswerFigures expected = seed.answersOf(seed.assetId, "PRODUCT_CUSTOMER");
    assertThat(answers.get("answers").asLong()).isEqualTo(expected.answers());
    assertThat(answers.get("meanInterestChange").asDouble()).isCloseTo(expected.meanInterest(), within(1e-9));
    assertThat(List.of(answers.get("intentNone").asLong(), answers.get("intentLow").asLong(), answers.get("intentMedium").asLong(),
        answers.get("intentHigh").asLong())).containsExactly(expected.intents()[0], expected.intents()[1], expected.intents()[2],
        expected.intents()[3]);
    assertThat(answers.get("statedIntent").asDouble())
        .isCloseTo((double) (expected.intents()[2] + expected.intents()[3]) / expected.answers(), within(1e-9));
    assertThat(answers.get("statedLower").asDouble()).isCloseTo(expected.lower(), within(1e-9));
    assertThat(answers.get("statedUpper").asDouble()).isCloseTo(expected.upper(), within(1e-9));

    // the intent drift, recomputed here from the raw answers: the Bernoulli CUSUM of the documented test, day by day
    JsonNode drift = body.get("intentDrift").get(seed.assetId);
    List<Double> path = intentCusum(DRIFT_TODAY, 0.25, 9.0);
    assertThat(drift.get("state").asText()).isEqualTo("DRIFTED");
    assertThat(drift.get("watchStart").asText()).isEqualTo(DRIFT_TODAY.minusDays(90).toString());
    assertThat(drift.get("decisionLimit").asDouble()).isEqualTo(9.0);
    assertThat(drift.get("cusum")).hasSize(path.size());
    for (int day = 0; day < path.size(); day++) {
      assertThat(drift.get("cusum").get(day).asDouble()).as("day %d", day).isCloseTo(path.get(day), within(1e-9));
    }
    int lastZero = -1;
    for (int day = 0; day < path.size(); day++) {
      if (path.get(day) == 0) {
        lastZero = day;
      }
    }
    assertThat(drift.get("changeSince").asText()).isEqualTo(DRIFT_TODAY.minusDays(90).plusDays(lastZero + 1).toString());
    // the intent drift alerts where the conversion drift has nothing to judge on these answers
    assertThat(body.get("assets").get(0).get("drift").get("state").asText()).isNotEqualTo("DRIFTED");

    List<String> csv = manager.get(CONTENT + "/csv?asset=" + seed.assetId + "&audience=PRODUCT_CUSTOMER").body().lines().toList();
    assertThat(csv.get(0)).endsWith(",answers,mean_interest_change,intent_none,intent_low,intent_medium,intent_high,stated_intent,"
        + "stated_intent_90_lower,stated_intent_90_upper,intent_drift_state,intent_cusum,intent_decision_limit,intent_change_since");
    assertThat(csv).hasSize(2);
    assertThat(csv.get(1)).startsWith(seed.assetId + ",").contains(String.format(Locale.ROOT, ",%d,%.4f,%d,%d,%d,%d,%.4f,",
        expected.answers(), expected.meanInterest(), expected.intents()[0], expected.intents()[1], expected.intents()[2],
        expected.intents()[3], (double) (expected.intents()[2] + expected.intents()[3]) / expected.answers()))
        .endsWith(String.format(Locale.ROOT, ",DRIFTED,%.4f,9.0000,%s", path.get(path.size() - 1), drift.get("changeSince").asText()));
  }

  /**
   * The CUSUM path of the asset's stated intent as docs/statistics.md defines it, from the raw answers: the history is
   * the 365 days before the last 90 (which end yesterday); each day adds the log-likelihood ratio of the history rate
   * dropped by {@code drop} against the history rate, resets at zero, and stops at the limit.
   */
  private List<Double> intentCusum(LocalDate today, double drop, double limit) {
    LocalDate watchStart = today.minusDays(90);
    long[] history = new long[2];
    Map<LocalDate, long[]> daily = new LinkedHashMap<>();
    for (Map<String, Object> row : jdbc.sql("SELECT f.answered_at, f.purchase_intent FROM follow_up_answer f JOIN asset_share s"
        + " ON s.id = f.share_id WHERE s.asset_id = ?").param(seed.assetId).query().listOfRows()) {
      LocalDate day = ((java.sql.Timestamp) row.get("ANSWERED_AT")).toLocalDateTime().toLocalDate();
      boolean stated = List.of("MEDIUM", "HIGH").contains((String) row.get("PURCHASE_INTENT"));
      long[] counts = day.isBefore(watchStart) ? (day.isBefore(watchStart.minusDays(365)) ? null : history)
          : day.isBefore(today) ? daily.computeIfAbsent(day, d -> new long[2]) : null;
      if (counts != null) {
        counts[0]++;
        counts[1] += stated ? 1 : 0;
      }
    }
    double p0 = (double) history[1] / history[0];
    double p1 = p0 * (1 - drop);
    List<Double> path = new java.util.ArrayList<>();
    double sum = 0;
    for (LocalDate day = watchStart; day.isBefore(today) && sum < limit; day = day.plusDays(1)) {
      long[] counts = daily.getOrDefault(day, new long[2]);
      sum = Math.max(0, sum + counts[1] * Math.log(p1 / p0) + (counts[0] - counts[1]) * Math.log((1 - p1) / (1 - p0)));
      path.add(sum);
    }
    return path;
  }

  @Test
  void contentIsForManagersAndTakesOnlyKnownAssetsAndAudiences() throws Exception {
    WebappSession inTasklist = WebappSession.logIn(port, seed.id("steady"), TestUsers.PASSWORD, "tasklist");
    assertThat(inTasklist.get(CONTENT).statusCode()).isEqualTo(403);
    assertThat(inTasklist.get(CONTENT + "/csv").statusCode()).isEqualTo(403);
    WebappSession owner = WebappSession.logIn(port, PROCESS_OWNER, TestUsers.PASSWORD, "cockpit");
    assertThat(owner.get(CONTENT).statusCode()).isEqualTo(403);

    WebappSession manager = manager();
    assertProblem(manager.get(CONTENT + "?asset=no-such-asset-" + seed.sponsor), "asset");
    assertProblem(manager.get(CONTENT + "?asset=" + "a".repeat(65)), "asset");
    assertProblem(manager.get(CONTENT + "?asset=" + seed.assetId + "&asset=" + seed.assetId), "asset");
    assertProblem(manager.get(CONTENT + "?audience=EVERYONE"), "audience");
    assertProblem(manager.get(CONTENT + "/csv?audience="), "audience");
    assertProblem(manager.get(CONTENT + "?sponsor=" + seed.sponsor), "sponsor");
  }

  /**
   * The bad-input corpus logs in with HTTP Basic, which Cockpit's plugin API does not take (it needs Cockpit's session
   * and CSRF token), so the plugin's bad query parameters are listed here: unknown ids, ids longer than any id, blank,
   * injected, encoded oddities, wrong case, given twice, and parameters no resource takes (dates, ranges, paging).
   */
  @Test
  void everyResourceAnswersBadQueryParametersWith400ProblemsNamingThem() throws Exception {
    WebappSession manager = manager();
    List<String> badIds = List.of("no-such-id-0000", "%27%20OR%20%271%27%3D%271", "a".repeat(65), "..%2F..%2Fetc%2Fpasswd",
        "%0d%0aSet-Cookie:%20x=y", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "%E2%80%AE", "%F0%9F%98%80", "%25",
        "SELECT%20*%20FROM%20prospect", "", "%20%20", "%7B%7D");
    List<String> unknownParameters = List.of("from=2020-01-01", "to=9999-12-31", "days=-1", "limit=99999999999", "page=0",
        "sponsor%5B%5D=x", "SPONSOR=" + seed.sponsor);
    for (String path : List.of(DISTRIBUTORS, DISTRIBUTORS + "/csv", DISTRIBUTORS + "/funnel/csv")) {
      for (String value : badIds) {
        assertRefused(manager.get(path + "?sponsor=" + value), "sponsor");
      }
      assertRefused(manager.get(path + "?sponsor=" + seed.sponsor + "&sponsor=" + seed.id("late")), "sponsor");
      for (String parameter : unknownParameters) {
        assertRefused(manager.get(path + "?" + parameter), parameter.split("=")[0].replaceAll("%[0-9A-F]{2}", "?"));
      }
      assertRefused(manager.get(path + "?asset=" + seed.assetId), "asset");
    }
    for (String path : List.of(CONTENT, CONTENT + "/csv")) {
      for (String value : badIds) {
        assertRefused(manager.get(path + "?asset=" + value), "asset");
        assertRefused(manager.get(path + "?audience=" + value), "audience");
      }
      for (String audience : List.of("product_customer", "PRODUCT_CUSTOMER%20", "EVERYONE", "0")) {
        assertRefused(manager.get(path + "?audience=" + audience), "audience");
      }
      assertRefused(manager.get(path + "?audience=PRODUCT_CUSTOMER&audience=BUSINESS_BUILDER"), "audience");
      for (String parameter : unknownParameters) {
        assertRefused(manager.get(path + "?" + parameter), parameter.split("=")[0].replaceAll("%[0-9A-F]{2}", "?"));
      }
      assertRefused(manager.get(path + "?sponsor=" + seed.sponsor), "sponsor");
    }
  }

  /**
   * A 400 problem naming the parameter: the plugin's own (in {@code errors}), or the application's check of text
   * Camunda's tables cannot hold (control characters, characters beyond three UTF-8 bytes), which runs first and
   * names it in {@code detail}.
   */
  private void assertRefused(HttpResponse<String> answer, String parameter) throws Exception {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
    assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode problem = json.readTree(answer.body());
    assertThat(problem.get("status").asInt()).isEqualTo(400);
    String named = problem.has("errors") ? problem.get("errors").get(0).asText() : problem.get("detail").asText();
    assertThat(named).as(answer.body()).startsWith(parameter + ":");
    assertThat(answer.body()).doesNotContain("Exception", "at com.", "SELECT", "<script>");
  }

  private void assertProblem(HttpResponse<String> answer, String parameter) throws Exception {
    JsonNode problem = ProblemAnswers.assertNames(answer, parameter);
    assertThat(problem.get("status").asInt()).isEqualTo(400);
    assertThat(answer.body()).doesNotContain("<script>");
  }
}
