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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
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
        + "converted,conversion_mean,conversion_90_lower,conversion_90_upper,probability_below_team,flag,share_pace,").endsWith(",nudges");
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

  private void assertProblem(HttpResponse<String> answer, String parameter) throws Exception {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
    assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode problem = json.readTree(answer.body());
    assertThat(problem.get("status").asInt()).isEqualTo(400);
    assertThat(problem.get("errors").get(0).asText()).startsWith(parameter + ":");
    assertThat(answer.body()).doesNotContain("Exception", "at com.", "SELECT", "<script>");
  }
}
