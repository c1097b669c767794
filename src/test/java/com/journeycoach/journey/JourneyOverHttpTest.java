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
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** One journey driven only through HTTP, as Tasklist, an integrator and a prospect's browser would. */
@JourneyCoachTest
class JourneyOverHttpTest {

  static final String MANAGER = Http.basic("http-manager", TestUsers.PASSWORD);
  static final String DISTRIBUTOR = Http.basic("http-dist", "Green-Valley-2024");
  static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort
  int port;
  @Autowired
  IdentityService identity;
  @Autowired
  Distributors distributors;
  @Autowired
  RuntimeService runtime;
  @Autowired
  Touchpoints touchpoints;
  @Autowired
  FollowUpAnswers followUps;
  Http http;

  @BeforeEach
  void setUp() {
    http = new Http(port);
    TestUsers.ensure(identity, "http-manager", Groups.MANAGERS);
  }

  private JsonNode json(HttpResponse<String> response, int expectedStatus) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
    return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
  }

  /** The distributor's one open task of the prospect journey (their onboarding has tasks too). */
  private JsonNode onlyTaskOf(String distributorId) throws Exception {
    JsonNode tasks = json(http.get("/engine-rest/task?assignee=" + distributorId + "&processDefinitionKey=prospect-development",
        DISTRIBUTOR), 200);
    assertThat(tasks).hasSize(1);
    return tasks.get(0);
  }

  @Test
  void aJourneyFromNewProspectToCustomerWonOverHttp() throws Exception {
    json(http.post("/api/distributors", MANAGER, """
        {"id":"http-dist","firstName":"Hana","lastName":"Ito","email":"hana@example.com","phone":"+44 20 7946 0958",
         "password":"Green-Valley-2024"}"""), 201);

    JsonNode prospect = json(http.post("/api/prospects", DISTRIBUTOR,
        "{\"firstName\":\"Pat\",\"lastName\":\"Lee\",\"audience\":\"PRODUCT_CUSTOMER\"}"), 201);
    String prospectId = prospect.get("id").asText();

    JsonNode share = onlyTaskOf("http-dist");
    assertThat(share.get("name").asText()).isEqualTo("Share “Why we started: the Verdant story” with Pat L.");
    String journeyId = share.get("processInstanceId").asText();
    JsonNode formVariables = json(http.get("/engine-rest/task/" + share.get("id").asText() + "/form-variables", DISTRIBUTOR), 200);
    String link = formVariables.get("shareLink").get("value").asText();
    assertThat(formVariables.get("assetTitle").get("value").asText()).isEqualTo("Why we started: the Verdant story");
    json(http.post("/engine-rest/task/" + share.get("id").asText() + "/submit-form", DISTRIBUTOR,
        "{\"variables\":{\"shareChannel\":{\"value\":\"SMS\"}}}"), 204);

    HttpResponse<String> opened = http.openAsProspect(link.substring(link.indexOf("/s/")));
    assertThat(opened.statusCode()).isEqualTo(302);
    assertThat(opened.headers().firstValue("Location")).hasValue("https://media.verdant-health.example/videos/verdant-story");

    JsonNode followUp = onlyTaskOf("http-dist");
    assertThat(followUp.get("name").asText()).isEqualTo("Follow up with Pat L. on “Why we started: the Verdant story”");
    json(http.post("/engine-rest/task/" + followUp.get("id").asText() + "/submit-form", DISTRIBUTOR, """
        {"variables":{"interestChange":{"value":"2"},"purchaseIntent":{"value":"HIGH"},
         "closeEstimate":{"value":80},"followUpNotes":{"value":"Wants to start next week"}}}"""), 204);

    JsonNode meeting = onlyTaskOf("http-dist");
    assertThat(meeting.get("name").asText()).isEqualTo("Meet Pat L. and record the outcome");
    json(http.post("/engine-rest/task/" + meeting.get("id").asText() + "/submit-form", DISTRIBUTOR,
        "{\"variables\":{\"outcome\":{\"value\":\"WON\"}}}"), 204);

    JsonNode history = json(http.get("/engine-rest/history/activity-instance?processInstanceId=" + journeyId
        + "&sortBy=occurrence&sortOrder=asc", MANAGER), 200);
    List<String> path = new ArrayList<>();
    history.forEach(activity -> path.add(activity.get("activityId").asText()));
    assertThat(path).containsSubsequence("StartEvent_ProspectAdded", "Task_ChooseNextAsset", "Task_ShareAsset",
        "Task_WaitForView", "Task_AskFollowUp", "Gateway_ReadyToPresent", "Task_RecordMeetingOutcome", "Gateway_Outcome",
        "EndEvent_CustomerWon");
    assertThat(json(http.get("/engine-rest/history/process-instance/" + journeyId, MANAGER), 200).get("state").asText())
        .isEqualTo("COMPLETED");
    assertThat(json(http.get("/api/prospects/" + prospectId, DISTRIBUTOR), 200).get("status").asText()).isEqualTo("WON");
  }

  @Test
  void aProspectForADistributorNobodyRegisteredIsA404ProblemAndNothingIsStored() throws Exception {
    long journeysBefore = runtime.createProcessInstanceQuery().processDefinitionKey("prospect-development").count();

    HttpResponse<String> refused = http.post("/api/prospects", MANAGER, "{\"distributorId\":\"nobody-registered\",\"firstName\":\"Kim\"}");

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(404);
    assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    assertThat(refused.body()).contains("nobody-registered").doesNotContain("\tat ");
    assertThat(json(http.get("/api/prospects?distributorId=nobody-registered", MANAGER), 200)).isEmpty();
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("prospect-development").count()).isEqualTo(journeysBefore);
  }

  @Test
  void invalidFollowUpAnswersSubmittedOverHttpGetAProblemAndTheTaskStays() throws Exception {
    TestUsers.ensureDistributor(distributors, "http-dist-2", null);
    String me = Http.basic("http-dist-2", TestUsers.PASSWORD);
    JsonNode prospect = json(http.post("/api/prospects", me, "{\"firstName\":\"Kim\"}"), 201);
    String journeyId = runtime.createProcessInstanceQuery().processInstanceBusinessKey(prospect.get("id").asText())
        .singleResult().getId();
    String shareTask = json(http.get("/engine-rest/task?processInstanceId=" + journeyId, me), 200).get(0).get("id").asText();
    json(http.post("/engine-rest/task/" + shareTask + "/submit-form", me, "{\"variables\":{\"shareChannel\":{\"value\":\"SMS\"}}}"), 204);
    touchpoints.report(new Touchpoints.Event("player-" + journeyId, Touchpoint.Kind.VIEWED, prospect.get("id").asText(),
        "verdant-story", null, "player"));
    String followUp = json(http.get("/engine-rest/task?processInstanceId=" + journeyId, me), 200).get(0).get("id").asText();

    HttpResponse<String> refused = http.post("/engine-rest/task/" + followUp + "/submit-form", me, """
        {"variables":{"interestChange":{"value":"9"},"purchaseIntent":{"value":"MAYBE"},"closeEstimate":{"value":250}}}""");

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    assertThat(refused.body()).contains("interestChange", "purchaseIntent", "closeEstimate").doesNotContain("\tat ");
    JsonNode stillThere = json(http.get("/engine-rest/task/" + followUp, me), 200);
    assertThat(stillThere.get("taskDefinitionKey").asText()).isEqualTo("Task_AskFollowUp");
    assertThat(followUps.ofProspect(prospect.get("id").asText())).isEmpty();
  }

  @Test
  void aStartFormWithABadPhoneNumberGetsAProblemAndNothingIsStored() throws Exception {
    TestUsers.ensureDistributor(distributors, "http-starter", null);
    String me = Http.basic("http-starter", TestUsers.PASSWORD);
    long journeysBefore = runtime.createProcessInstanceQuery().processDefinitionKey("prospect-development").count();

    HttpResponse<String> refused = http.post("/engine-rest/process-definition/key/prospect-development/submit-form", me, """
        {"variables":{"prospectFirstName":{"value":"Lee"},"prospectPhone":{"value":"call me maybe"},
          "audience":{"value":"PRODUCT_CUSTOMER"}}}""");

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    assertThat(refused.body()).contains("phone").doesNotContain("\tat ");
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("prospect-development").count()).isEqualTo(journeysBefore);
    assertThat(json(http.get("/api/prospects?distributorId=http-starter", me), 200)).isEmpty();
  }

  @Test
  void aDistributorCannotStartAJourneyAboutAnotherDistributorsProspectNorForAnotherDistributor() throws Exception {
    TestUsers.ensureDistributor(distributors, "http-owner", null);
    TestUsers.ensureDistributor(distributors, "http-intruder", null);
    String owner = Http.basic("http-owner", TestUsers.PASSWORD);
    String intruder = Http.basic("http-intruder", TestUsers.PASSWORD);
    String prospectId = json(http.post("/api/prospects", owner, "{\"firstName\":\"Kim\"}"), 201).get("id").asText();
    long journeysBefore = runtime.createProcessInstanceQuery().processDefinitionKey("prospect-development").count();
    String ownersTasks = "/engine-rest/task/count?assignee=http-owner&processDefinitionKey=prospect-development";
    long ownersTasksBefore = json(http.get(ownersTasks, owner), 200).get("count").asLong();

    // the other distributor's prospect, with what the application itself passes when it starts a journey
    HttpResponse<String> aboutTheirProspect = http.post("/engine-rest/process-definition/key/prospect-development/start", intruder,
        """
        {"variables":{"prospectId":{"value":"%s"},"distributorId":{"value":"http-owner"},
          "prospectAudience":{"value":"PRODUCT_CUSTOMER","valueInfo":{"transient":true}}}}""".formatted(prospectId));
    // a new prospect whose tasks would go to the other distributor
    HttpResponse<String> forTheOther = http.post("/engine-rest/process-definition/key/prospect-development/start", intruder,
        """
        {"variables":{"distributorId":{"value":"http-owner"},"prospectFirstName":{"value":"Lee"},
          "audience":{"value":"PRODUCT_CUSTOMER"}}}""");

    for (HttpResponse<String> refused : List.of(aboutTheirProspect, forTheOther)) {
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
      assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
      assertThat(refused.body()).contains("started from Tasklist", "distributorId: cannot be given").doesNotContain("\tat ");
    }
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("prospect-development").count()).isEqualTo(journeysBefore);
    assertThat(json(http.get(ownersTasks, owner), 200).get("count").asLong()).isEqualTo(ownersTasksBefore);
    assertThat(json(http.get("/api/prospects?distributorId=http-owner", owner), 200)).hasSize(1);
    assertThat(json(http.get("/api/prospects?distributorId=http-intruder", intruder), 200)).isEmpty();
  }
}
