package com.journeycoach.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeycoach.Http;
import com.journeycoach.JourneyCoachTest;
import com.journeycoach.TestUsers;
import com.journeycoach.people.Audience;
import com.journeycoach.people.Distributors;
import com.journeycoach.people.Prospect;
import com.journeycoach.people.Prospects;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@JourneyCoachTest
class RestSecurityTest {

  static final String ADMIN = Http.basic("admin", TestUsers.ADMIN_PASSWORD);
  static final String DANA = Http.basic("dana", TestUsers.PASSWORD);
  static final String OWEN = Http.basic("owen", TestUsers.PASSWORD);

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  Distributors distributors;
  @Autowired
  Prospects prospects;
  Http http;

  @BeforeEach
  void setUp() {
    http = new Http(port);
    TestUsers.ensureDistributor(distributors, "dana", null);
    TestUsers.ensureDistributor(distributors, "eli", null);
    TestUsers.ensure(engine.getIdentityService(), "owen", Groups.PROCESS_OWNERS);
  }

  private Task startJourneyFor(String distributorId) {
    Prospect prospect = prospects.add(new Prospects.NewProspect(distributorId, "Pat", null, null, null, Audience.PRODUCT_CUSTOMER));
    return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(prospect.id()).singleResult();
  }

  @Test
  void engineRestAnswers401WithoutCredentialsAnd200WithThem() {
    HttpResponse<String> anonymous = http.get("/engine-rest/engine", null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
    assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    assertThat(anonymous.body()).contains("\"status\":401");

    // a wrong password (on another user: Camunda delays the next login of a user after a failure)
    assertThat(http.get("/engine-rest/engine", Http.basic("eli", "wrong-password")).statusCode()).isEqualTo(401);
    HttpResponse<String> admin = http.get("/engine-rest/engine", ADMIN);
    assertThat(admin.statusCode()).isEqualTo(200);
    assertThat(admin.body()).contains("\"name\":\"default\"");
  }

  @Test
  void applicationApiRequiresAuthentication() {
    assertThat(http.get("/api/thresholds", null).statusCode()).isEqualTo(401);
    assertThat(http.get("/api/thresholds", ADMIN).statusCode()).isEqualTo(200);
  }

  @Test
  void distributorSeesAndCompletesOnlyTheirOwnTasks() {
    Task danasTask = startJourneyFor("dana");
    Task elisTask = startJourneyFor("eli");

    HttpResponse<String> mine = http.get("/engine-rest/task?assignee=dana", DANA);
    assertThat(mine.statusCode()).isEqualTo(200);
    assertThat(mine.body()).contains(danasTask.getId()).doesNotContain(elisTask.getId());

    HttpResponse<String> theirs = http.get("/engine-rest/task?assignee=eli", DANA);
    assertThat(theirs.statusCode()).isEqualTo(200);
    assertThat(theirs.body()).isEqualTo("[]");

    assertThat(http.get("/engine-rest/task/" + elisTask.getId(), DANA).statusCode()).isIn(403, 404);
    HttpResponse<String> completeTheirs = http.post("/engine-rest/task/" + elisTask.getId() + "/complete", DANA, "{}");
    assertThat(completeTheirs.statusCode()).isEqualTo(403);
    assertThat(completeTheirs.body()).doesNotContain("at org.", "Exception:");
    assertThat(engine.getTaskService().createTaskQuery().taskId(elisTask.getId()).count())
        .as("eli's task is untouched").isEqualTo(1);

    HttpResponse<String> completeMine = http.post("/engine-rest/task/" + danasTask.getId() + "/complete", DANA,
        "{\"variables\":{\"shareChannel\":{\"value\":\"SMS\"}}}");
    assertThat(completeMine.statusCode()).isEqualTo(204);
    assertThat(engine.getTaskService().createTaskQuery().taskId(danasTask.getId()).count()).isZero();
  }

  @Test
  void distributorCannotHandTheirOwnTaskToSomeoneElse() {
    Task task = startJourneyFor("dana");
    assertThat(task.getAssignee()).isEqualTo("dana");
    String path = "/engine-rest/task/" + task.getId();

    assertThat(http.post(path + "/assignee", DANA, "{\"userId\":\"eli\"}").statusCode()).isEqualTo(403);
    assertThat(http.post(path + "/delegate", DANA, "{\"userId\":\"eli\"}").statusCode()).isEqualTo(403);
    assertThat(http.put(path, DANA, "{\"name\":\"" + task.getName() + "\",\"assignee\":\"eli\"}").statusCode())
        .isEqualTo(403);
    assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).isEqualTo("dana");
    assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).singleResult().getOwner()).isNull();

    // still their task to work
    assertThat(http.get(path, DANA).statusCode()).isEqualTo(200);
    assertThat(http.post(path + "/complete", DANA, "{\"variables\":{\"shareChannel\":{\"value\":\"SMS\"}}}").statusCode())
        .isEqualTo(204);
  }

  @Test
  void processOwnerDeploysFromModelerButDistributorCannot() throws Exception {
    byte[] bpmn = Files.readAllBytes(Path.of("processes/prospect-development.bpmn"));
    assertThat(deploy(DANA, bpmn).statusCode()).isEqualTo(403);

    HttpResponse<String> deployed = deploy(OWEN, bpmn);
    assertThat(deployed.statusCode()).isEqualTo(200);
    assertThat(deployed.body()).contains("\"name\":\"journey-coach-modeler\"");
  }

  /** What Camunda Modeler sends: a multipart deployment with the BPMN file. */
  private HttpResponse<String> deploy(String authorization, byte[] bpmn) {
    String boundary = "----modeler" + UUID.randomUUID();
    String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\njourney-coach-modeler\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deploy-changed-only\"\r\n\r\ntrue\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"prospect-development.bpmn\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n";
    String tail = "\r\n--" + boundary + "--\r\n";
    byte[] head8 = head.getBytes(StandardCharsets.UTF_8);
    byte[] tail8 = tail.getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[head8.length + bpmn.length + tail8.length];
    System.arraycopy(head8, 0, body, 0, head8.length);
    System.arraycopy(bpmn, 0, body, head8.length, bpmn.length);
    System.arraycopy(tail8, 0, body, head8.length + bpmn.length, tail8.length);
    return http.send(http.request("/engine-rest/deployment/create", authorization)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
  }
}
