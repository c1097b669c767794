package com.journeycoach.journey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.journeycoach.Http;
import com.journeycoach.JourneyCoachTest;
import com.journeycoach.TestUsers;
import com.journeycoach.people.Distributors;
import com.journeycoach.system.Groups;
import java.net.http.HttpResponse;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Enrolling a distributor and working their onboarding tasks only through HTTP. */
@JourneyCoachTest
class OnboardingOverHttpTest {

  static final String MANAGER = Http.basic("onb-manager", TestUsers.PASSWORD);
  static final String NEWCOMER = Http.basic("onb-http", "Green-Valley-2024");
  static final String SPONSOR = Http.basic("onb-sponsor", TestUsers.PASSWORD);
  static final String STRANGER = Http.basic("onb-stranger", TestUsers.PASSWORD);
  static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort
  int port;
  @Autowired
  IdentityService identity;
  @Autowired
  Distributors distributors;
  Http http;

  @BeforeEach
  void setUp() {
    http = new Http(port);
    TestUsers.ensure(identity, "onb-manager", Groups.MANAGERS);
    TestUsers.ensureDistributor(distributors, "onb-sponsor", null);
    TestUsers.ensureDistributor(distributors, "onb-stranger", null);
  }

  private JsonNode json(HttpResponse<String> response, int status) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
  }

  private JsonNode taskNamed(String name, String assignee, String as) throws Exception {
    for (JsonNode task : json(http.get("/engine-rest/task?assignee=" + assignee, as), 200)) {
      if (task.get("name").asText().equals(name)) {
        return task;
      }
    }
    throw new AssertionError("no task '" + name + "' for " + assignee);
  }

  @Test
  void anEnrolledDistributorSeesAndCompletesTheirOnboardingTasksAndOthersCannot() throws Exception {
    json(http.post("/api/distributors", MANAGER, """
        {"id":"onb-http","firstName":"Ola","lastName":"Nowak","email":"ola@example.com","sponsorId":"onb-sponsor",
         "password":"Green-Valley-2024"}"""), 201);

    JsonNode training = taskNamed("Complete brand and product training", "onb-http", NEWCOMER);
    assertThat(json(http.get("/engine-rest/task?assignee=onb-http", STRANGER), 200)).as("another distributor sees none").isEmpty();
    assertThat(http.post("/engine-rest/task/" + training.get("id").asText() + "/complete", STRANGER, "{}").statusCode())
        .isEqualTo(403);

    JsonNode form = json(http.get("/engine-rest/task/" + training.get("id").asText() + "/form-variables", NEWCOMER), 200);
    assertThat(form.get("trainingList").get("value").asText()).contains("Welcome to Verdant");
    json(http.post("/engine-rest/task/" + training.get("id").asText() + "/submit-form", NEWCOMER,
        "{\"variables\":{\"trainingDone\":{\"value\":true}}}"), 204);

    JsonNode checkIn = taskNamed("Check in with Ola, your new distributor", "onb-sponsor", SPONSOR);
    json(http.post("/engine-rest/task/" + checkIn.get("id").asText() + "/submit-form", SPONSOR,
        "{\"variables\":{\"checkInNotes\":{\"value\":\"Great first call\"}}}"), 204);

    assertThat(json(http.get("/engine-rest/task?assignee=onb-http", NEWCOMER), 200))
        .noneMatch(task -> task.get("name").asText().equals("Complete brand and product training"));
    assertThat(distributors.get("onb-http").trainedProducts()).contains("CWM");
  }
}
