package com.journeycoach.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.journeycoach.JourneyCoachTest;
import com.journeycoach.TestUsers;
import com.journeycoach.WebappSession;
import com.journeycoach.people.Distributors;
import com.journeycoach.settings.Pace;
import com.journeycoach.settings.Thresholds;
import com.journeycoach.system.Groups;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The Journeys tab's resources in Cockpit's API, as Cockpit calls them: the steps of a version, the paces' history and
 * the onboarding cohorts, whose figures the test counts from the raw rows ({@link JourneySeed}); refusals and 400s.
 */
@JourneyCoachTest
class JourneyInsightsOverHttpTest {

  static final String JOURNEYS = "/camunda/api/cockpit/plugin/insights/default/journeys";
  static final String MANAGER = "journey-insights-manager";
  static final String PROCESS_OWNER = "journey-insights-owner";

  @LocalServerPort
  int port;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  IdentityService identity;
  @Autowired
  RepositoryService repository;
  @Autowired
  Thresholds thresholds;
  @Autowired
  Distributors distributors;

  final ObjectMapper json = new ObjectMapper();
  JourneySeed seed;
  String definitionId;
  int latestVersion;

  @BeforeEach
  void seed() {
    TestUsers.ensure(identity, MANAGER, Groups.MANAGERS);
    TestUsers.ensure(identity, PROCESS_OWNER, Groups.PROCESS_OWNERS);
    var latest = repository.createProcessDefinitionQuery().processDefinitionKey("prospect-development").latestVersion().singleResult();
    definitionId = latest.getId();
    latestVersion = latest.getVersion();
    seed = JourneySeed.plant(jdbc, definitionId, LocalDate.now(ZoneOffset.UTC));
  }

  @AfterEach
  void cleanUp() {
    seed.remove();
  }

  private WebappSession manager() {
    return WebappSession.logIn(port, MANAGER, TestUsers.PASSWORD, "cockpit");
  }

  private Map<String, String> paces() {
    Map<String, String> paces = new LinkedHashMap<>();
    for (String step : List.of("share", "view", "follow-up")) {
      paces.put(step, thresholds.get(Pace.name("prospect-development", step)).value());
    }
    return paces;
  }

  @Test
  void aManagerReadsTheStepsOfTheLatestVersionAgainstThePaces() throws Exception {
    HttpResponse<String> answer = manager().get(JOURNEYS);

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JourneySeed.VersionFigures expected = seed.versionFigures(paces());
    JsonNode version = json.readTree(answer.body()).get("version");
    assertThat(version.get("version").asInt()).isEqualTo(latestVersion);
    assertThat(version.get("started").asLong()).isEqualTo(expected.started()).isGreaterThanOrEqualTo(40);
    assertThat(version.get("running").asLong()).isEqualTo(expected.running());
    assertThat(version.get("won").asLong()).isEqualTo(expected.won()).isGreaterThanOrEqualTo(5);
    long before = expected.started();
    for (JsonNode step : version.get("steps")) {
      JourneySeed.StepFigures figures = expected.steps().get(step.get("step").asText());
      assertThat(step.get("journeys").asLong()).as(step.toString()).isEqualTo(figures.journeys());
      assertThat(step.get("conversion").asDouble()).isCloseTo((double) figures.journeys() / before, within(1e-9));
      assertThat(step.get("finished").asLong()).isEqualTo(figures.finished());
      assertThat(step.get("meanHours").asDouble()).isCloseTo(figures.meanHours(), within(1e-6));
      if (!step.get("step").asText().equals("meeting")) {
        assertThat(step.get("withinPace").asLong()).isEqualTo(figures.withinPace());
        long[] buckets = new long[5];
        for (int b = 0; b < 5; b++) {
          buckets[b] = step.get("buckets").get(b).asLong();
        }
        assertThat(buckets).containsExactly(figures.buckets());
      }
      before = figures.journeys();
    }
    // the seeded shares spread over every bucket of the share pace
    assertThat(Arrays.stream(expected.steps().get("share").buckets()).min().orElse(0)).isPositive();
  }

  @Test
  void cohortsCountTheDistributorsOfTheirWeekWhoReachedEachDay() throws Exception {
    Instant now = Instant.now();
    HttpResponse<String> answer = manager().get(JOURNEYS + "?from=" + seed.oldWeek.plusDays(3) + "&to=" + seed.recentWeek.plusDays(1));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode report = json.readTree(answer.body());
    assertThat(report.get("cohortsFrom").asText()).isEqualTo(seed.oldWeek.toString());
    int minimum = report.get("firstProspectsMinimum").asInt();
    Map<String, JsonNode> cohorts = new LinkedHashMap<>();
    report.get("cohorts").forEach(cohort -> cohorts.put(cohort.get("weekStart").asText(), cohort));
    for (LocalDate week : List.of(seed.oldWeek, seed.recentWeek)) {
      long[] expected = seed.cohortFigures(week, minimum, now);
      JsonNode cohort = cohorts.get(week.toString());
      assertThat(cohort).as(week.toString()).isNotNull();
      assertThat(new long[] {cohort.get("distributors").asLong(),
          cohort.get("firstProspects").get("eligible").asLong(), cohort.get("firstProspects").get("reached").asLong(),
          cohort.get("firstSale30").get("eligible").asLong(), cohort.get("firstSale30").get("reached").asLong(),
          cohort.get("firstSale90").get("eligible").asLong(), cohort.get("firstSale90").get("reached").asLong()})
          .as(week.toString()).containsExactly(expected);
    }
    // the old week is old enough for every day, the recent one not for day 90; some reached, some did not
    long[] old = seed.cohortFigures(seed.oldWeek, minimum, now);
    assertThat(old[5]).isEqualTo(old[0]);
    assertThat(old[2]).isPositive().isLessThan(old[1]);
    assertThat(old[6]).isGreaterThan(old[4]);
    assertThat(seed.cohortFigures(seed.recentWeek, minimum, now)[5]).isZero();

    HttpResponse<String> csv = manager().get(JOURNEYS + "/cohorts/csv?from=" + seed.oldWeek + "&to=" + seed.oldWeek);
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"onboarding-cohorts.csv\"");
    assertThat(csv.body().lines().toList()).containsExactly(
        "week_start,distributors,day_7_eligible,day_7_first_prospects,day_30_eligible,day_30_first_sale,day_90_eligible,day_90_first_sale",
        seed.oldWeek + "," + old[0] + "," + old[1] + "," + old[2] + "," + old[3] + "," + old[4] + "," + old[5] + "," + old[6]);
  }

  @Test
  void thePacesHistoryShowsEveryChangeOldestFirst() throws Exception {
    String name = Pace.name("prospect-development", "view");
    String before = thresholds.get(name).value();
    try {
      thresholds.change(name, "PT30H", "journey insights test", "journey-insights-test");
      thresholds.change(name, "PT20H", "journey insights test, again", "journey-insights-test");
      HttpResponse<String> answer = manager().get(JOURNEYS);

      assertThat(answer.statusCode()).isEqualTo(200);
      JsonNode view = null;
      for (JsonNode pace : json.readTree(answer.body()).get("paces")) {
        if (pace.get("step").asText().equals("view")) {
          view = pace;
        }
      }
      assertThat(view).isNotNull();
      assertThat(view.get("value").asText()).isEqualTo("PT20H");
      assertThat(view.get("hours").asDouble()).isEqualTo(20.0);
      JsonNode changes = view.get("changes");
      assertThat(changes.size()).isEqualTo(thresholds.history(name).size());
      JsonNode last = changes.get(changes.size() - 1);
      JsonNode previous = changes.get(changes.size() - 2);
      assertThat(previous.get("newValue").asText()).isEqualTo("PT30H");
      assertThat(last.get("oldValue").asText()).isEqualTo("PT30H");
      assertThat(last.get("oldHours").asDouble()).isEqualTo(30.0);
      assertThat(last.get("newHours").asDouble()).isEqualTo(20.0);
      assertThat(last.get("changedBy").asText()).isEqualTo("journey-insights-test");

      HttpResponse<String> csv = manager().get(JOURNEYS + "/paces/csv");
      assertThat(csv.statusCode()).isEqualTo(200);
      assertThat(csv.body().lines().toList()).first().isEqualTo("threshold,changed_at,old_value,new_value,old_hours,new_hours,changed_by,reason");
      assertThat(csv.body()).contains(name + ",").contains(",PT30H,PT20H,30.0000,20.0000,journey-insights-test,");
    } finally {
      thresholds.change(name, before, "journey insights test restores", "journey-insights-test");
    }
  }

  @Test
  void theStepsDownloadAsCsv() {
    HttpResponse<String> csv = manager().get(JOURNEYS + "/csv?version=" + latestVersion);

    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"journey-steps.csv\"");
    List<String> lines = csv.body().lines().toList();
    assertThat(lines.get(0)).isEqualTo("version,step,activity,pace,journeys,conversion_from_previous,finished,within_pace,mean_hours,"
        + "up_to_0.5_pace,up_to_1_pace,up_to_2_pace,up_to_4_pace,over_4_pace");
    assertThat(lines).hasSize(5);
    JourneySeed.StepFigures share = seed.versionFigures(paces()).steps().get("share");
    assertThat(lines.get(1)).startsWith(latestVersion + ",share,Task_ShareAsset," + paces().get("share") + "," + share.journeys() + ",");
  }

  @Test
  void aWeekWithoutDistributorsIsAnEmptyListNotAnError() throws Exception {
    HttpResponse<String> answer = manager().get(JOURNEYS + "?from=2001-01-01&to=2001-03-01");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(json.readTree(answer.body()).get("cohorts")).isEmpty();
  }

  @Test
  void othersAreRefusedAndWithoutASessionTheAnswerIs401() throws Exception {
    String distributor = "journey-insights-distributor";
    TestUsers.ensureDistributor(distributors, distributor, null);
    WebappSession inTasklist = WebappSession.logIn(port, distributor, TestUsers.PASSWORD, "tasklist");
    assertThat(inTasklist.get(JOURNEYS).statusCode()).isEqualTo(403);
    WebappSession owner = WebappSession.logIn(port, PROCESS_OWNER, TestUsers.PASSWORD, "cockpit");
    for (String path : List.of(JOURNEYS, JOURNEYS + "/csv", JOURNEYS + "/paces/csv", JOURNEYS + "/cohorts/csv")) {
      HttpResponse<String> refused = owner.get(path);
      assertThat(refused.statusCode()).as(path).isEqualTo(403);
      assertThat(refused.body()).contains("managers");
      HttpResponse<String> anonymous = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
    }
    assertThat(WebappSession.logIn(port, "admin", TestUsers.ADMIN_PASSWORD, "cockpit").get(JOURNEYS).statusCode()).isEqualTo(200);
  }

  @Test
  void badParametersGet400ProblemsNamingThem() throws Exception {
    WebappSession manager = manager();
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    assertProblem(manager.get(JOURNEYS + "?version=0"), "version");
    assertProblem(manager.get(JOURNEYS + "?version=" + (latestVersion + 1000)), "version");
    assertProblem(manager.get(JOURNEYS + "?version=one"), "version");
    assertProblem(manager.get(JOURNEYS + "?version=1&version=1"), "version");
    assertProblem(manager.get(JOURNEYS + "/csv?version=99999999999"), "version");
    assertProblem(manager.get(JOURNEYS + "?from=yesterday"), "from");
    assertProblem(manager.get(JOURNEYS + "?from=2026-02-30"), "from");
    assertProblem(manager.get(JOURNEYS + "?from=1999-12-31"), "from");
    assertProblem(manager.get(JOURNEYS + "?from=" + today.plusDays(1)), "from");
    assertProblem(manager.get(JOURNEYS + "/cohorts/csv?to=" + today.plusDays(1)), "to");
    assertProblem(manager.get(JOURNEYS + "?from=2020-05-01&to=2020-04-30"), "to");
    assertProblem(manager.get(JOURNEYS + "?from=2005-01-01&to=2020-01-01"), "to");
    assertProblem(manager.get(JOURNEYS + "/paces/csv?to=%27%20OR%201%3D1--"), "to");
    assertProblem(manager.get(JOURNEYS + "?sponsor=x"), "sponsor");
  }

  private void assertProblem(HttpResponse<String> answer, String parameter) throws Exception {
    ProblemAnswers.assertNames(answer, parameter);
  }
}
