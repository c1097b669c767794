package com.journeycoach.journey;

import static com.journeycoach.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.journeycoach.Http;
import com.journeycoach.JourneyCoachTest;
import com.journeycoach.TestUsers;
import com.journeycoach.WebappSession;
import com.journeycoach.content.SampleCatalog;
import com.journeycoach.people.Audience;
import com.journeycoach.people.Distributors;
import com.journeycoach.people.Prospect;
import com.journeycoach.people.Prospects;
import com.journeycoach.system.Groups;
import java.io.IOException;
import java.net.http.HttpResponse;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Nothing a distributor does strands a journey: they work and complete their tasks but neither unassign nor
 * hand them on, through {@code /engine-rest} or the webapps' API that Tasklist calls; a manager gives a task
 * to someone and reads users. And the webapps' API answers a bad start form with 400 naming the field.
 */
@JourneyCoachTest
class TaskAssignmentTest {

  private static final String DISTRIBUTOR = "assign-dist";
  private static final String OTHER_DISTRIBUTOR = "assign-other";
  private static final String MANAGER = "assign-manager";
  private static final String WEBAPP_TASKS = "/camunda/api/engine/engine/default/task/";
  /** The application's refusal of a reassignment (not, say, a refused CSRF token). */
  private static final String ONLY_A_MANAGER = "only a manager or an administrator reassigns it";

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  Distributors distributors;
  @Autowired
  Prospects prospects;
  @Autowired
  SampleCatalog sampleCatalog;
  Http http;

  @BeforeEach
  void setUp() throws IOException {
    sampleCatalog.loadIfEmpty();
    TestUsers.ensureDistributor(distributors, DISTRIBUTOR, null);
    TestUsers.ensureDistributor(distributors, OTHER_DISTRIBUTOR, null);
    TestUsers.ensure(engine.getIdentityService(), MANAGER, Groups.MANAGERS);
    http = new Http(port);
  }

  private Task shareTaskOfNewProspect() {
    Prospect prospect = prospects.add(new Prospects.NewProspect(DISTRIBUTOR, "Ada", "Assign", null, null, Audience.PRODUCT_CUSTOMER));
    String journeyId = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(prospect.id())
        .singleResult().getId();
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(journeyId).singleResult();
    assertThat(task.getAssignee()).isEqualTo(DISTRIBUTOR);
    return task;
  }

  private String assigneeOf(Task task) {
    return engine.getTaskService().createTaskQuery().taskId(task.getId()).singleResult().getAssignee();
  }

  @Test
  void aDistributorCannotUnassignOrHandOnTheirTaskThroughTheWebappsApi() {
    Task task = shareTaskOfNewProspect();
    WebappSession tasklist = WebappSession.logIn(port, DISTRIBUTOR, TestUsers.PASSWORD);
    String path = WEBAPP_TASKS + task.getId();
    assertThat(tasklist.get(path).statusCode()).as("their task is theirs to read").isEqualTo(200);

    // Tasklist's "×" beside the assignee: POST .../assignee with no user (older Tasklists: .../unclaim)
    assertProblem(tasklist.post(path + "/assignee", "{\"userId\":null}"), 403, ONLY_A_MANAGER);
    assertProblem(tasklist.post(path + "/unclaim", "{}"), 403, ONLY_A_MANAGER);
    assertProblem(tasklist.post(path + "/assignee", "{\"userId\":\"" + OTHER_DISTRIBUTOR + "\"}"), 403, ONLY_A_MANAGER);
    assertProblem(tasklist.post(path + "/delegate", "{\"userId\":\"" + OTHER_DISTRIBUTOR + "\"}"), 403, ONLY_A_MANAGER);

    assertThat(assigneeOf(task)).isEqualTo(DISTRIBUTOR);
    assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).singleResult().getOwner()).isNull();
  }

  @Test
  void aDistributorCannotUnassignTheirTaskThroughEngineRest() {
    Task task = shareTaskOfNewProspect();
    String login = Http.basic(DISTRIBUTOR, TestUsers.PASSWORD);
    String path = "/engine-rest/task/" + task.getId();

    assertProblem(http.post(path + "/assignee", login, "{\"userId\":null}"), 403, ONLY_A_MANAGER);
    assertProblem(http.post(path + "/unclaim", login, "{}"), 403, ONLY_A_MANAGER);
    assertProblem(http.post(path + "/delegate", login, "{\"userId\":\"" + OTHER_DISTRIBUTOR + "\"}"), 403, ONLY_A_MANAGER);
    assertProblem(http.post(path + "/assignee", login, "{\"userId\":\"" + OTHER_DISTRIBUTOR + "\"}"), 403, ONLY_A_MANAGER);

    assertThat(assigneeOf(task)).isEqualTo(DISTRIBUTOR);
    // and still theirs to work
    assertThat(http.post(path + "/complete", login, "{\"variables\":{\"shareChannel\":{\"value\":\"SMS\"}}}").statusCode())
        .isEqualTo(204);
  }

  @Test
  void aManagerGivesAJourneyTaskToSomeoneWhoThenWorksIt() {
    Task task = shareTaskOfNewProspect();
    String path = "/engine-rest/task/" + task.getId();

    HttpResponse<String> reassigned = http.post(path + "/assignee", Http.basic(MANAGER, TestUsers.PASSWORD),
        "{\"userId\":\"" + OTHER_DISTRIBUTOR + "\"}");

    assertThat(reassigned.statusCode()).as(reassigned.body()).isEqualTo(204);
    assertThat(assigneeOf(task)).isEqualTo(OTHER_DISTRIBUTOR);
    String newAssignee = Http.basic(OTHER_DISTRIBUTOR, TestUsers.PASSWORD);
    assertThat(http.get(path, newAssignee).statusCode()).isEqualTo(200);

    // and back, through the webapps' API as Tasklist does it
    WebappSession managersTasklist = WebappSession.logIn(port, MANAGER, TestUsers.PASSWORD);
    HttpResponse<String> back = managersTasklist.post(WEBAPP_TASKS + task.getId() + "/assignee", "{\"userId\":\"" + DISTRIBUTOR + "\"}");
    assertThat(back.statusCode()).as(back.body()).isEqualTo(204);
    assertThat(assigneeOf(task)).isEqualTo(DISTRIBUTOR);
    assertThat(http.post(path + "/complete", Http.basic(DISTRIBUTOR, TestUsers.PASSWORD),
        "{\"variables\":{\"shareChannel\":{\"value\":\"SMS\"}}}").statusCode()).isEqualTo(204);
  }

  @Test
  void managersReadUsersSoTheirListsShowNames() {
    HttpResponse<String> profile = http.get("/engine-rest/user/" + DISTRIBUTOR + "/profile", Http.basic(MANAGER, TestUsers.PASSWORD));
    assertThat(profile.statusCode()).as(profile.body()).isEqualTo(200);
    assertThat(profile.body()).contains("\"firstName\":\"" + DISTRIBUTOR + "\"", "\"lastName\":\"Tester\"");

    // a distributor reads no one else
    HttpResponse<String> refused = http.get("/engine-rest/user/" + OTHER_DISTRIBUTOR + "/profile",
        Http.basic(DISTRIBUTOR, TestUsers.PASSWORD));
    assertThat(refused.statusCode()).isIn(403, 404);
  }

  /** What Tasklist's journey-coach-roles.js asks to offer the "×" and Create task: managers reassign, nobody creates. */
  @Test
  void tasklistLearnsThatManagersReassignAndDistributorsDoNot() {
    String check = "/camunda/api/engine/engine/default/authorization/check?resourceName=Task&resourceType=7&permissionName=";
    WebappSession manager = WebappSession.logIn(port, MANAGER, TestUsers.PASSWORD);
    WebappSession distributor = WebappSession.logIn(port, DISTRIBUTOR, TestUsers.PASSWORD);

    assertThat(manager.get(check + "TASK_ASSIGN").body()).contains("\"authorized\":true");
    assertThat(distributor.get(check + "TASK_ASSIGN").body()).contains("\"authorized\":false");
    assertThat(manager.get(check + "CREATE").body()).contains("\"authorized\":false");
    assertThat(distributor.get(check + "CREATE").body()).contains("\"authorized\":false");
  }

  @Test
  void aBadPhoneInTheAddAProspectFormIsA400NamingTheFieldInTheWebappAndOverEngineRest() {
    long journeys = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("prospect-development").count();
    int prospectsBefore = prospects.ofDistributor(DISTRIBUTOR).size();
    String form = """
        {"variables":{"prospectFirstName":{"value":"Phil"},"prospectPhone":{"value":"12345"},
         "audience":{"value":"PRODUCT_CUSTOMER"}}}""";
    WebappSession tasklist = WebappSession.logIn(port, DISTRIBUTOR, TestUsers.PASSWORD);

    assertProblem(tasklist.post("/camunda/api/engine/engine/default/process-definition/key/prospect-development/submit-form", form),
        400, "prospectPhone");
    assertProblem(http.post("/engine-rest/process-definition/key/prospect-development/submit-form",
        Http.basic(DISTRIBUTOR, TestUsers.PASSWORD), form), 400, "prospectPhone");

    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("prospect-development").count())
        .isEqualTo(journeys);
    assertThat(prospects.ofDistributor(DISTRIBUTOR)).hasSize(prospectsBefore);

    // the same form with a good number starts the journey
    HttpResponse<String> started = tasklist.post(
        "/camunda/api/engine/engine/default/process-definition/key/prospect-development/submit-form",
        form.replace("12345", "+44 20 7946 0958"));
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    assertThat(prospects.ofDistributor(DISTRIBUTOR)).hasSize(prospectsBefore + 1);
  }
}
