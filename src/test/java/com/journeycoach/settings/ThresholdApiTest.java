package com.journeycoach.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeycoach.Http;
import com.journeycoach.JourneyCoachTest;
import static com.journeycoach.Problems.assertProblem;
import com.journeycoach.TestUsers;
import com.journeycoach.people.Distributors;
import com.journeycoach.system.Groups;
import java.net.http.HttpResponse;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@JourneyCoachTest
class ThresholdApiTest {

  static final String PATH = "/api/thresholds/pace.prospect-development.share";
  static final String MARA = Http.basic("mara", TestUsers.PASSWORD);
  static final String DANA = Http.basic("dana", TestUsers.PASSWORD);

  @LocalServerPort
  int port;
  @Autowired
  IdentityService identity;
  @Autowired
  Thresholds thresholds;
  @Autowired
  Distributors distributors;
  Http http;

  @BeforeEach
  void setUp() {
    http = new Http(port);
    TestUsers.ensure(identity, "mara", Groups.MANAGERS);
    TestUsers.ensureDistributor(distributors, "dana", null);
  }


  @Test
  void managerChangesAPaceAndTheHistoryKeepsTheOldValue() {
    String before = thresholds.get("pace.prospect-development.share").value();
    try {
      HttpResponse<String> changed = http.put(PATH, MARA, "{\"value\":\"PT36H\",\"reason\":\"converted journeys share faster\"}");
      assertThat(changed.statusCode()).isEqualTo(200);
      assertThat(changed.body()).contains("\"value\":\"PT36H\"", "\"updatedBy\":\"mara\"");

      HttpResponse<String> history = http.get(PATH + "/history", MARA);
      assertThat(history.body()).contains("\"oldValue\":\"" + before + "\"", "\"newValue\":\"PT36H\"", "converted journeys share faster");
    } finally {
      thresholds.change("pace.prospect-development.share", before, "test: restore", "test");
    }
  }

  @Test
  void aProcessOwnerAuthoringTheRulesChangesTheirThreshold() {
    TestUsers.ensure(identity, "otto", Groups.PROCESS_OWNERS);
    String otto = Http.basic("otto", TestUsers.PASSWORD);
    String name = "coaching.forecast.gap-points";
    String before = thresholds.get(name).value();
    try {
      HttpResponse<String> changed = http.put("/api/thresholds/" + name, otto, "{\"value\":\"25\",\"reason\":\"fewer false alarms\"}");
      assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
      assertThat(thresholds.get(name).value()).isEqualTo("25");
      assertThat(thresholds.history(name)).anySatisfy(change -> assertThat(change.changedBy()).isEqualTo("otto"));
    } finally {
      thresholds.change(name, before, "test: restore", "test");
    }
  }

  @Test
  void badInputGetsAProblemAndChangesNothing() {
    String before = thresholds.get("pace.prospect-development.share").value();

    assertProblem(http.put(PATH, MARA, "{\"value\": \"PT36H\", "), 400);
    assertProblem(http.put(PATH, MARA, "{\"value\":\"soon\",\"reason\":\"typo\"}"), 400);
    assertProblem(http.put(PATH, MARA, "{\"value\":\"-PT1H\",\"reason\":\"negative\"}"), 400);
    assertProblem(http.put(PATH, MARA, "{\"value\":\"PT1H\"}"), 400);
    assertProblem(http.put("/api/thresholds/no.such.threshold", MARA, "{\"value\":\"PT1H\",\"reason\":\"x\"}"), 404);
    assertProblem(http.get("/api/thresholds/no.such.threshold", MARA), 404);

    assertThat(http.put(PATH, MARA, "{\"value\":\"soon\",\"reason\":\"typo\"}").body())
        .contains("ISO-8601 duration");
    assertThat(thresholds.get("pace.prospect-development.share").value()).isEqualTo(before);
    assertThat(thresholds.history("pace.prospect-development.share"))
        .noneMatch(change -> change.newValue().equals("soon") || change.reason().equals("negative"));
  }

  @Test
  void distributorMayNotReadOrChangeThresholds() {
    assertProblem(http.get("/api/thresholds", DANA), 403);
    assertProblem(http.put(PATH, DANA, "{\"value\":\"PT1H\",\"reason\":\"faster\"}"), 403);
  }

  @Test
  void openApiDescribesTheApplicationApi() {
    HttpResponse<String> docs = http.get("/api-docs", null);
    assertThat(docs.statusCode()).isEqualTo(200);
    assertThat(docs.body()).contains("/api/thresholds/{name}");
  }

  @Test
  void healthIsUpWithoutCredentials() {
    HttpResponse<String> health = http.get("/actuator/health", null);
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"");
  }
}
