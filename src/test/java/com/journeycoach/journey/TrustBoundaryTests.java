package com.journeycoach.journey;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeycoach.Http;
import com.journeycoach.TestUsers;
import com.journeycoach.people.Audience;
import com.journeycoach.content.SampleCatalog;
import com.journeycoach.content.Shares;
import com.journeycoach.people.Distributors;
import com.journeycoach.people.Prospect;
import com.journeycoach.people.Prospects;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What a distributor with a valid login can submit through {@code /engine-rest}, as an attacker
 * would: extra variables on their own tasks, other assignees, answers outside the form's rules,
 * a start in the middle of a journey. Each is refused with a 4xx problem and changes nothing.
 */
abstract class TrustBoundaryTests {

  @LocalServerPort
  int port;
  @Autowired
  Distributors distributors;
  @Autowired
  Prospects prospects;
  @Autowired
  Shares shares;
  @Autowired
  Touchpoints touchpoints;
  @Autowired
  FollowUpAnswers followUps;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  SampleCatalog sampleCatalog;
  Http http;
  String dana;
  String eli;
  String danaLogin;

  @BeforeEach
  void setUp() throws Exception {
    http = new Http(port);
    sampleCatalog.loadIfEmpty();
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    dana = "trust-dana-" + suffix;
    eli = "trust-eli-" + suffix;
    TestUsers.ensureDistributor(distributors, dana, null);
    TestUsers.ensureDistributor(distributors, eli, null);
    danaLogin = Http.basic(dana, TestUsers.PASSWORD);
  }

  private Prospect prospectOf(String distributorId) {
    return prospects.add(new Prospects.NewProspect(distributorId, "Pat", "Lee", null, null, Audience.PRODUCT_CUSTOMER));
  }

  private String journeyOf(Prospect prospect) {
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(prospect.id()).singleResult().getId();
  }

  private Task openTask(String journeyId) {
    return tasks.createTaskQuery().processInstanceId(journeyId).singleResult();
  }

  /** Shares, views and answers the follow-up as the application would: the meeting's outcome is next. */
  private Task meetingTaskOf(Prospect prospect) {
    String journeyId = journeyOf(prospect);
    String shareId = (String) runtime.getVariable(journeyId, "shareId");
    tasks.complete(openTask(journeyId).getId(), Map.of("shareChannel", "SMS"));
    touchpoints.viewThroughLink(shares.get(shareId).token()).orElseThrow();
    tasks.complete(openTask(journeyId).getId(), Map.of("interestChange", "2", "purchaseIntent", "HIGH", "closeEstimate", 80));
    Task meeting = openTask(journeyId);
    assertThat(meeting.getTaskDefinitionKey()).isEqualTo("Task_RecordMeetingOutcome");
    return meeting;
  }

  private static void assertProblem(HttpResponse<String> response, int status, String... mentions) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    if (mentions.length > 0) {
      assertThat(response.body()).contains(mentions);
    }
    assertThat(response.body()).doesNotContain("\tat ", "com.journeycoach", "org.camunda", "java.", "SQL");
  }

  private static String variables(String json) {
    return "{\"variables\":" + json + "}";
  }

  @Test
  void aDistributorCannotMarkAnotherDistributorsProspectLostThroughTheirOwnMeetingTask() throws Exception {
    Prospect mine = prospectOf(dana);
    Task meeting = meetingTaskOf(mine);
    Prospect theirs = prospectOf(eli);
    int theirTouchpoints = touchpoints.ofProspect(theirs.id()).size();

    HttpResponse<String> refused = http.post("/engine-rest/task/" + meeting.getId() + "/complete", danaLogin,
        variables("{\"outcome\":{\"value\":\"LOST\"},\"prospectId\":{\"value\":\"" + theirs.id() + "\"}}"));

    assertProblem(refused, 400, "prospectId: not a field of the form 'meeting-outcome'");
    assertThat(prospects.get(theirs.id()).status()).isEqualTo(Prospect.Status.ACTIVE);
    assertThat(touchpoints.ofProspect(theirs.id())).hasSize(theirTouchpoints);
    assertThat(tasks.createTaskQuery().taskId(meeting.getId()).count()).as("the task stays open").isEqualTo(1);

    // the form's own answer is accepted, and concerns the journey's own prospect only
    assertThat(http.post("/engine-rest/task/" + meeting.getId() + "/complete", danaLogin,
        variables("{\"outcome\":{\"value\":\"LOST\"}}")).statusCode()).isEqualTo(204);
    assertThat(prospects.get(mine.id()).status()).isEqualTo(Prospect.Status.LOST);
    assertThat(prospects.get(theirs.id()).status()).isEqualTo(Prospect.Status.ACTIVE);
  }

  @Test
  void completingTheShareTaskWithAnotherDistributorIdDoesNotHandTheJourneyOver() throws Exception {
    String journeyId = journeyOf(prospectOf(dana));
    Task share = openTask(journeyId);

    HttpResponse<String> refused = http.post("/engine-rest/task/" + share.getId() + "/complete", danaLogin,
        variables("{\"shareChannel\":{\"value\":\"SMS\"},\"distributorId\":{\"value\":\"" + eli + "\"}}"));

    assertProblem(refused, 400, "distributorId");
    assertThat(runtime.getVariable(journeyId, "distributorId")).isEqualTo(dana);
    assertThat(openTask(journeyId).getAssignee()).isEqualTo(dana);
  }

  @Test
  void aDistributorCannotHandTheirTaskToSomeoneElse() {
    Task share = openTask(journeyOf(prospectOf(dana)));
    String body = "{\"userId\":\"" + eli + "\"}";

    assertProblem(http.post("/engine-rest/task/" + share.getId() + "/assignee", danaLogin, body), 403);
    assertProblem(http.post("/engine-rest/task/" + share.getId() + "/delegate", danaLogin, body), 403);
    assertProblem(http.post("/engine-rest/task/" + share.getId() + "/claim", danaLogin, body), 403);
    assertProblem(http.post("/engine-rest/task/" + share.getId() + "/unclaim", danaLogin, "{}"), 403);
    assertThat(http.put("/engine-rest/task/" + share.getId(), danaLogin,
        "{\"name\":\"Share next asset\",\"assignee\":\"" + eli + "\"}").statusCode()).isEqualTo(403);

    assertThat(tasks.createTaskQuery().taskId(share.getId()).singleResult().getAssignee()).isEqualTo(dana);
    assertThat(tasks.createTaskQuery().taskAssignee(eli).processDefinitionKey("prospect-development").count()).isZero();
  }

  @Test
  void aDistributorCannotSetOrRemoveTheJourneysVariablesOnTheirTask() {
    String journeyId = journeyOf(prospectOf(dana));
    Task share = openTask(journeyId);
    String shareId = (String) runtime.getVariable(journeyId, "shareId");

    assertProblem(http.put("/engine-rest/task/" + share.getId() + "/variables/distributorId", danaLogin,
        "{\"value\":\"" + eli + "\"}"), 400, "distributorId");
    assertProblem(http.post("/engine-rest/task/" + share.getId() + "/variables", danaLogin,
        "{\"modifications\":{\"shareId\":{\"value\":\"another\"}}}"), 400, "shareId");
    assertProblem(http.send(http.request("/engine-rest/task/" + share.getId() + "/variables/shareId", danaLogin).DELETE().build()),
        403);
    assertProblem(http.post("/engine-rest/task/" + share.getId() + "/bpmnError", danaLogin, "{\"errorCode\":\"any\"}"), 403);

    assertThat(runtime.getVariable(journeyId, "distributorId")).isEqualTo(dana);
    assertThat(runtime.getVariable(journeyId, "shareId")).isEqualTo(shareId);
    assertThat(openTask(journeyId).getId()).isEqualTo(share.getId());
  }

  @Test
  void theShareFormsRulesHoldOnTheServer() {
    String journeyId = journeyOf(prospectOf(dana));
    Task share = openTask(journeyId);
    String link = (String) runtime.getVariable(journeyId, "shareLink");
    String path = "/engine-rest/task/" + share.getId() + "/submit-form";

    assertProblem(http.post(path, danaLogin, variables("{}")), 400, "shareChannel: required");
    assertProblem(http.post(path, danaLogin, variables("{\"shareChannel\":{\"value\":\"PIGEON\"}}")), 400,
        "shareChannel: must be one of SMS, EMAIL, SOCIAL, IN_PERSON");
    assertProblem(http.post(path, danaLogin, variables("{\"shareChannel\":{\"value\":\"SMS\"},"
        + "\"shareLink\":{\"value\":\"https://evil.example.com\"}}")), 400, "shareLink: shown for reading");
    assertThat(runtime.getVariable(journeyId, "shareLink")).isEqualTo(link);
    assertThat(openTask(journeyId).getId()).isEqualTo(share.getId());

    // the link the form shows may come back unchanged, as a browser may send it
    assertThat(http.post(path, danaLogin, variables("{\"shareChannel\":{\"value\":\"SMS\"},\"shareLink\":{\"value\":\"" + link
        + "\"}}")).statusCode()).isEqualTo(204);
    assertThat(tasks.createTaskQuery().taskId(share.getId()).count()).as("shared: the journey waits for the view").isZero();
  }

  @Test
  void followUpNotesTooLongOrWithEmojiAreRefusedAndNothingIsStored() {
    Prospect prospect = prospectOf(dana);
    String journeyId = journeyOf(prospect);
    String shareId = (String) runtime.getVariable(journeyId, "shareId");
    tasks.complete(openTask(journeyId).getId(), Map.of("shareChannel", "SMS"));
    touchpoints.viewThroughLink(shares.get(shareId).token()).orElseThrow();
    Task followUp = openTask(journeyId);
    String answers = "\"interestChange\":{\"value\":\"1\"},\"purchaseIntent\":{\"value\":\"LOW\"},\"closeEstimate\":{\"value\":30}";
    String path = "/engine-rest/task/" + followUp.getId() + "/complete";

    assertProblem(http.post(path, danaLogin, variables("{" + answers + ",\"followUpNotes\":{\"value\":\"" + "x".repeat(2001) + "\"}}")),
        400, "followUpNotes: at most 2000 characters");
    assertProblem(http.post(path, danaLogin, variables("{" + answers + ",\"followUpNotes\":{\"value\":\"Loved it \uD83D\uDE00\"}}")),
        400, "followUpNotes", "emoji");
    assertProblem(http.post(path, danaLogin, variables("{\"interestChange\":{\"value\":\"1\"},\"purchaseIntent\":{\"value\":\"LOW\"},"
        + "\"closeEstimate\":{\"value\":1e309}}")), 400, "closeEstimate");
    assertThat(followUps.ofProspect(prospect.id())).isEmpty();
    assertThat(openTask(journeyId).getId()).isEqualTo(followUp.getId());

    assertThat(http.post(path, danaLogin, variables("{" + answers + ",\"followUpNotes\":{\"value\":\"Zoë asked about the price\"}}"))
        .statusCode()).isEqualTo(204);
    assertThat(followUps.ofProspect(prospect.id())).hasSize(1);
  }

  @Test
  void aStartFormOutsideItsRulesIsA400NamingTheFieldAndNothingIsStored() {
    String start = "/engine-rest/process-definition/key/prospect-development/start";
    long journeysBefore = runtime.createProcessInstanceQuery().processDefinitionKey("prospect-development").count();

    assertProblem(http.post(start, danaLogin, "{}"), 400, "prospectFirstName: required", "audience: required");
    assertProblem(http.post(start, danaLogin, variables("{\"prospectFirstName\":{\"value\":\"" + "N".repeat(101)
        + "\"},\"audience\":{\"value\":\"PRODUCT_CUSTOMER\"}}")), 400, "prospectFirstName: at most 100 characters");
    assertProblem(http.post(start, danaLogin, variables("{\"prospectFirstName\":{\"value\":\"Lee\"},\"prospectEmail\":{\"value\":\""
        + "e".repeat(250) + "@x.io\"},\"audience\":{\"value\":\"PRODUCT_CUSTOMER\"}}")), 400, "prospectEmail: at most 254 characters");
    assertProblem(http.post(start, danaLogin, variables("{\"prospectFirstName\":{\"value\":\"Lee\"},\"audience\":{\"value\":\"NOPE\"}}")),
        400, "audience: must be one of PRODUCT_CUSTOMER, BUSINESS_BUILDER");
    assertProblem(http.post(start, danaLogin, variables("{\"prospectFirstName\":{\"value\":\"Zoë \uD83D\uDE00\"},"
        + "\"audience\":{\"value\":\"PRODUCT_CUSTOMER\"}}")), 400, "prospectFirstName", "emoji");

    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("prospect-development").count()).isEqualTo(journeysBefore);
    assertThat(prospects.ofDistributor(dana)).isEmpty();
  }

  @Test
  void aDistributorCannotStartAJourneyInTheMiddle() {
    Prospect theirs = prospectOf(eli);
    long journeysBefore = runtime.createProcessInstanceQuery().processDefinitionKey("prospect-development").count();

    HttpResponse<String> refused = http.post("/engine-rest/process-definition/key/prospect-development/start", danaLogin, """
        {"businessKey":"%s","skipCustomListeners":true,
         "startInstructions":[{"type":"startBeforeActivity","activityId":"Task_RecordMeetingOutcome"}],
         "variables":{"distributorId":{"value":"%s"}}}""".formatted(theirs.id(), dana));

    assertProblem(refused, 403);
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("prospect-development").count()).isEqualTo(journeysBefore);
    assertThat(tasks.createTaskQuery().taskAssignee(dana).processDefinitionKey("prospect-development").count()).isZero();
  }

  @Test
  void aDistributorWhoIsNotExperiencedCannotSkipTrainingBySayingSo() throws Exception {
    Task training = tasks.createTaskQuery().processInstanceBusinessKey(dana).taskDefinitionKey("Task_CompleteTraining").singleResult();
    String path = "/engine-rest/task/" + training.getId() + "/submit-form";

    assertProblem(http.post(path, danaLogin, variables("{\"skipTraining\":{\"value\":true},\"experienced\":{\"value\":true}}")),
        400, "experienced: not a field of the form 'onboarding-training'");
    assertProblem(http.post(path, danaLogin, variables("{\"skipTraining\":{\"value\":true}}")), 400, "skipTraining");
    assertThat(tasks.createTaskQuery().taskId(training.getId()).count()).isEqualTo(1);
    assertThat(distributors.get(dana).experienced()).isFalse();
  }

  @Test
  void aTaskOfAnotherDistributorIsRefusedWithoutTellingItsForm() throws Exception {
    Task theirs = openTask(journeyOf(prospectOf(eli)));

    HttpResponse<String> refused = http.post("/engine-rest/task/" + theirs.getId() + "/complete", danaLogin, variables("{}"));

    assertThat(refused.statusCode()).isIn(403, 404);
    assertThat(refused.body()).doesNotContain("shareChannel");
    assertThat(tasks.createTaskQuery().taskId(theirs.getId()).count()).isEqualTo(1);
  }

}
