package com.journeycoach.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.journeycoach.Http;
import com.journeycoach.JourneyCoachTest;
import com.journeycoach.TestUsers;
import com.journeycoach.people.Audience;
import com.journeycoach.people.Distributors;
import com.journeycoach.people.Prospect;
import com.journeycoach.people.Prospects;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A process owner's least privilege (no history of people, no suspending, no deleting), tried as an attacker would: over HTTP. */
@JourneyCoachTest
class LeastPrivilegeOverHttpTest {

  static final String ADMIN = Http.basic("admin", TestUsers.ADMIN_PASSWORD);
  static final String OWNER = Http.basic("lp-owner", TestUsers.PASSWORD);
  static final String MANAGER = Http.basic("lp-manager", TestUsers.PASSWORD);
  static final ObjectMapper JSON = new ObjectMapper();

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
    TestUsers.ensure(engine.getIdentityService(), "lp-owner", Groups.PROCESS_OWNERS);
    TestUsers.ensure(engine.getIdentityService(), "lp-manager", Groups.MANAGERS);
    TestUsers.ensureDistributor(distributors, "lp-dist", null);
  }

  private Prospect startJourneyFor(String distributorId) {
    return prospects.add(new Prospects.NewProspect(distributorId, "Zelda", "Quinlan", "zelda.quinlan@example.com",
        "+4915112345678", Audience.PRODUCT_CUSTOMER));
  }

  @Test
  void processOwnerReadsNoHistoryOfPeopleWhileAManagerDoes() {
    Prospect prospect = startJourneyFor("lp-dist");
    String instanceId = engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(prospect.id()).singleResult().getId();
    String variables = "/engine-rest/history/variable-instance?processInstanceId=" + instanceId;
    assertThat(http.get(variables, MANAGER).body()).as("managers read history (README)").contains(prospect.id());

    for (String path : List.of(variables, "/engine-rest/history/variable-instance", "/engine-rest/history/detail",
        "/engine-rest/history/task", "/engine-rest/history/process-instance", "/engine-rest/history/activity-instance",
        "/engine-rest/history/user-operation", "/engine-rest/variable-instance", "/engine-rest/process-instance")) {
      HttpResponse<String> answer = http.get(path, OWNER);
      assertThat(answer.statusCode()).as(path).isIn(200, 403);
      if (answer.statusCode() == 200) {
        assertThat(answer.body()).as(path).isEqualTo("[]");
      }
      assertThat(answer.body()).as(path).doesNotContain(prospect.id(), "Zelda", "zelda.quinlan", "+4915112345678");
    }
  }

  @Test
  void processOwnerCannotSuspendDefinitionsOrJobDefinitions() {
    RepositoryService repository = engine.getRepositoryService();
    try {
      for (boolean withInstances : List.of(false, true)) {
        HttpResponse<String> suspend = http.put("/engine-rest/process-definition/key/nudge-delivery/suspended", OWNER,
            "{\"suspended\":true,\"includeProcessInstances\":" + withInstances + "}");
        assertThat(suspend.statusCode()).as("with instances: " + withInstances).isEqualTo(403);
        assertThat(suspend.body()).doesNotContain("at org.", "Exception:");
        HttpResponse<String> suspendJobs = http.put("/engine-rest/job-definition/suspended", OWNER,
            "{\"processDefinitionKey\":\"nudge-delivery\",\"suspended\":true,\"includeJobs\":" + withInstances + "}");
        assertThat(suspendJobs.statusCode()).as("with jobs: " + withInstances).isEqualTo(403);
      }
      assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("nudge-delivery").suspended().count()).isZero();
      assertThat(engine.getManagementService().createJobDefinitionQuery().processDefinitionKey("nudge-delivery")
          .suspended().count()).isZero();
    } finally {
      // should the attack have worked, keep reminders running for the other tests
      repository.activateProcessDefinitionByKey("nudge-delivery", true, null);
      engine.getManagementService().activateJobDefinitionByProcessDefinitionKey("nudge-delivery", true);
    }
  }

  @Test
  void processOwnerCannotChangeHistoryTimeToLive() {
    ProcessDefinition definition = engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey("prospect-development").latestVersion().singleResult();
    Integer before = definition.getHistoryTimeToLive();
    try {
      HttpResponse<String> answer = http.put("/engine-rest/process-definition/" + definition.getId() + "/history-time-to-live",
          OWNER, "{\"historyTimeToLive\":0}");
      assertThat(answer.statusCode()).isEqualTo(403);
      HttpResponse<String> byKey = http.put("/engine-rest/process-definition/key/prospect-development/history-time-to-live",
          OWNER, "{\"historyTimeToLive\":0}");
      assertThat(byKey.statusCode()).isEqualTo(403);
      assertThat(engine.getRepositoryService().getProcessDefinition(definition.getId()).getHistoryTimeToLive()).isEqualTo(before);
    } finally {
      engine.getRepositoryService().updateProcessDefinitionHistoryTimeToLive(definition.getId(), before);
    }
  }

  @Test
  void processOwnerCannotDeleteADeploymentWithARunningJourneyNotEvenTheirOwn() throws IOException {
    for (String deployer : List.of("lp-owner", "admin")) {
      String deploymentId = deploy(deployer.equals("admin") ? ADMIN : OWNER, "lp-" + UUID.randomUUID(), "processes/prospect-development.bpmn");
      Prospect prospect = startJourneyFor("lp-dist");
      String instanceId = engine.getRuntimeService().createProcessInstanceQuery()
          .processInstanceBusinessKey(prospect.id()).singleResult().getId();
      assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instanceId)
          .deploymentId(deploymentId).count()).as("the journey runs on this deployment").isOne();
      try {
        HttpResponse<String> cascade = http.send(http.request("/engine-rest/deployment/" + deploymentId + "?cascade=true", OWNER)
            .DELETE().build());
        assertThat(cascade.statusCode()).as("cascade, deployed by " + deployer).isEqualTo(403);
        HttpResponse<String> plain = http.send(http.request("/engine-rest/deployment/" + deploymentId, OWNER).DELETE().build());
        assertThat(plain.statusCode()).as("without cascade, deployed by " + deployer).isEqualTo(403);
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instanceId).count())
            .as("the journey still runs").isOne();
        assertThat(http.get("/engine-rest/deployment/" + deploymentId, OWNER).statusCode())
            .as("process owners still read deployments").isEqualTo(200);
      } finally {
        if (engine.getRepositoryService().createDeploymentQuery().deploymentId(deploymentId).count() > 0) {
          engine.getRepositoryService().deleteDeployment(deploymentId, true);
        }
      }
    }
  }

  @Test
  void processOwnerDeploysAJourneyWithATimerStartAndAFormFromModeler() throws IOException {
    String deploymentId = deploy(OWNER, "lp-timer-" + UUID.randomUUID(), "processes/threshold-tuning.bpmn",
        "forms/approve-threshold.form");
    try {
      assertThat(engine.getRepositoryService().getDeploymentResourceNames(deploymentId))
          .containsExactlyInAnyOrder("threshold-tuning.bpmn", "approve-threshold.form");
    } finally {
      engine.getRepositoryService().deleteDeployment(deploymentId, true);
    }
  }

  /** A Camunda Modeler deployment (multipart, every file changed or not); answers the new deployment's id. */
  private String deploy(String authorization, String name, String... files) throws IOException {
    String boundary = "----modeler" + UUID.randomUUID();
    var body = new java.io.ByteArrayOutputStream();
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\n" + name + "\r\n")
        .getBytes(StandardCharsets.UTF_8));
    for (String file : files) {
      body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + Path.of(file).getFileName()
          + "\"; filename=\"" + Path.of(file).getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
          .getBytes(StandardCharsets.UTF_8));
      body.writeBytes(Files.readAllBytes(Path.of(file)));
      body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> answer = http.send(http.request("/engine-rest/deployment/create", authorization)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode deployment = JSON.readTree(answer.body());
    return deployment.get("id").asText();
  }
}
