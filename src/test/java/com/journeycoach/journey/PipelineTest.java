package com.journeycoach.journey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.journeycoach.Http;
import com.journeycoach.JourneyCoachTest;
import com.journeycoach.TestUsers;
import com.journeycoach.WebappSession;
import com.journeycoach.content.SampleCatalog;
import com.journeycoach.content.Share;
import com.journeycoach.content.Shares;
import com.journeycoach.people.Audience;
import com.journeycoach.people.Distributors;
import com.journeycoach.people.Prospect;
import com.journeycoach.people.Prospects;
import com.journeycoach.system.Groups;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A distributor's pipeline through {@code GET /api/prospects?open=true} and the page {@code /pipeline}: every open
 * prospect with the step of their journey, since when and what is due, the waiting ones (for the view, in nurture)
 * included, the first due at the top; a distributor's own only, a manager's for one distributor or everyone.
 */
@JourneyCoachTest
class PipelineTest {

  static final ObjectMapper JSON = new ObjectMapper();

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
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  ManagementService management;
  @Autowired
  IdentityService identity;
  @Autowired
  SampleCatalog sampleCatalog;
  Http http;
  String distributor;
  String other;
  String login;
  final String managerLogin = Http.basic("pipeline-manager", TestUsers.PASSWORD);
  /** The distributor's prospects: sharing, waiting for the view, following up, in nurture, and one lost. */
  Prospect sharing;
  Prospect waiting;
  Prospect following;
  Prospect nurtured;
  Prospect lost;
  Prospect theirs;

  @BeforeEach
  void setUp() {
    http = new Http(port);
    sampleCatalog.loadIfEmpty();
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    distributor = "pipe-dist-" + suffix;
    other = "pipe-other-" + suffix;
    TestUsers.ensureDistributor(distributors, distributor, null);
    TestUsers.ensureDistributor(distributors, other, null);
    TestUsers.ensure(identity, "pipeline-manager", Groups.MANAGERS);
    login = Http.basic(distributor, TestUsers.PASSWORD);
    sharing = add(distributor, "Sam");
    waiting = add(distributor, "Wes");
    shareAndWait(waiting);
    following = add(distributor, "Flo");
    shareAndWait(following);
    touchpoints.viewThroughLink(shares.get(shareIdOf(following)).token()).orElseThrow();
    nurtured = add(distributor, "Nia");
    shareAndWait(nurtured);
    touchpoints.viewThroughLink(shares.get(shareIdOf(nurtured)).token()).orElseThrow();
    tasks.complete(taskOf(nurtured).getId(), Map.of("interestChange", "2", "purchaseIntent", "HIGH", "closeEstimate", 90));
    tasks.complete(taskOf(nurtured).getId(), Map.of("outcome", "NURTURE"));
    lost = add(distributor, "Lou");
    tasks.complete(taskOf(lost).getId(), Map.of("quickOutcome", "NOT_INTERESTED"));
    theirs = add(other, "Tia");
  }

  @Test
  void aDistributorsPipelineListsEveryOpenProspectWithItsStepSinceAndDue() throws Exception {
    JsonNode pipeline = json(http.get("/api/prospects?open=true", login));

    assertThat(ids(pipeline)).containsExactlyInAnyOrder(sharing.id(), waiting.id(), following.id(), nurtured.id());
    JsonNode share = byId(pipeline, sharing.id()).get("journey");
    Task shareTask = taskOf(sharing);
    assertThat(share.get("step").asText()).isEqualTo("share");
    assertThat(share.get("taskId").asText()).isEqualTo(shareTask.getId());
    assertThat(share.get("taskName").asText()).isEqualTo(shareTask.getName());
    assertThat(Instant.parse(share.get("since").asText())).isEqualTo(shareTask.getCreateTime().toInstant());
    assertThat(Instant.parse(share.get("due").asText())).isEqualTo(shareTask.getDueDate().toInstant());
    assertThat(byId(pipeline, following.id()).get("journey").get("step").asText()).isEqualTo("follow-up");
    // no task now: waiting for the view (due when its reminder goes out), in nurture (due when it resumes)
    JsonNode view = byId(pipeline, waiting.id()).get("journey");
    assertThat(view.get("step").asText()).isEqualTo("view");
    assertThat(view.hasNonNull("taskId")).isFalse();
    assertThat(view.hasNonNull("since")).isTrue();
    assertThat(Instant.parse(view.get("due").asText())).isEqualTo(timerDue(waiting, ProspectDevelopment.TIMER_VIEW_OVERDUE));
    JsonNode nurture = byId(pipeline, nurtured.id()).get("journey");
    assertThat(nurture.get("step").asText()).isEqualTo("nurture");
    assertThat(Instant.parse(nurture.get("due").asText())).isEqualTo(timerDue(nurtured, ProspectDevelopment.TIMER_NURTURE_OVER));
    assertThat(byId(pipeline, nurtured.id()).get("status").asText()).isEqualTo("NURTURE");
    // the first due at the top
    List<Instant> dues = new ArrayList<>();
    pipeline.forEach(p -> dues.add(Instant.parse(p.get("journey").get("due").asText())));
    assertThat(dues).isSorted();
  }

  @Test
  void theWholeListKeepsItsFieldsAndShowsNoJourneyForAClosedProspect() throws Exception {
    JsonNode all = json(http.get("/api/prospects", login));

    assertThat(ids(all)).containsExactlyInAnyOrder(sharing.id(), waiting.id(), following.id(), nurtured.id(), lost.id());
    JsonNode closed = byId(all, lost.id());
    assertThat(closed.get("status").asText()).isEqualTo("LOST");
    assertThat(closed.get("firstName").asText()).isEqualTo("Lou");
    assertThat(closed.hasNonNull("journey")).isFalse();
    assertThat(byId(all, sharing.id()).get("journey").get("step").asText()).isEqualTo("share");
  }

  @Test
  void aDistributorSeesNoOtherDistributorsPipeline() throws Exception {
    assertThat(ids(json(http.get("/api/prospects?open=true", login)))).doesNotContain(theirs.id());
    HttpResponse<String> refused = http.get("/api/prospects?open=true&distributorId=" + other, login);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).doesNotContain(theirs.id(), "Tia");
  }

  @Test
  void aManagerSeesOneDistributorsPipelineOrEveryones() throws Exception {
    assertThat(ids(json(http.get("/api/prospects?open=true&distributorId=" + distributor, managerLogin))))
        .containsExactlyInAnyOrder(sharing.id(), waiting.id(), following.id(), nurtured.id());
    JsonNode everyone = json(http.get("/api/prospects?open=true", managerLogin));
    assertThat(ids(everyone)).contains(sharing.id(), waiting.id(), following.id(), nurtured.id(), theirs.id()).doesNotContain(lost.id());
    assertThat(byId(everyone, theirs.id()).get("journey").get("step").asText()).isEqualTo("share");
  }

  @Test
  void thePipelinePageShowsTheSignedInDistributorsOwnProspectsOnly() throws Exception {
    WebappSession session = WebappSession.logIn(port, distributor, TestUsers.PASSWORD);

    // whatever the address asks for, a distributor's own
    HttpResponse<String> page = session.get("/pipeline?distributorId=" + other);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'none'"));
    assertThat(page.headers().firstValue("Cache-Control")).hasValueSatisfying(cache -> assertThat(cache).contains("no-store"));
    assertThat(page.body()).contains("Sam Prospect", "Wes Prospect", "Flo Prospect", "Nia Prospect", "Waiting for the view", "Nurture",
        "/camunda/app/tasklist/default/#/?task=" + taskOf(sharing).getId());
    assertThat(page.body()).doesNotContain("Tia Prospect", "Lou Prospect");
    // the first due at the top: the prospects in the order of the API's pipeline
    List<String> names = new ArrayList<>();
    java.util.regex.Matcher name = java.util.regex.Pattern.compile("<span class=\"name\">([^<]*)<").matcher(page.body());
    while (name.find()) {
      names.add(name.group(1));
    }
    List<String> expected = new ArrayList<>();
    json(http.get("/api/prospects?open=true", login)).forEach(p -> expected.add(p.get("firstName").asText() + " Prospect"));
    assertThat(names).isEqualTo(expected);
  }

  @Test
  void thePipelinePageSendsSomeoneWhoIsNotSignedInToTasklistsLogin() {
    HttpResponse<String> page = http.get("/pipeline", null);

    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.headers().firstValue("Location")).contains("/camunda/app/tasklist/default/");
    assertThat(page.body()).isEmpty();
  }

  private Prospect add(String distributorId, String firstName) {
    return prospects.add(new Prospects.NewProspect(distributorId, firstName, "Prospect", null, null, Audience.PRODUCT_CUSTOMER));
  }

  private void shareAndWait(Prospect prospect) {
    tasks.complete(taskOf(prospect).getId(), Map.of("shareChannel", "SMS"));
  }

  private String journeyOf(Prospect prospect) {
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(prospect.id())
        .processDefinitionKey(ProspectDevelopment.KEY).singleResult().getId();
  }

  private String shareIdOf(Prospect prospect) {
    return (String) runtime.getVariable(journeyOf(prospect), ProspectDevelopment.SHARE_ID);
  }

  private Task taskOf(Prospect prospect) {
    return tasks.createTaskQuery().processInstanceId(journeyOf(prospect)).singleResult();
  }

  private Instant timerDue(Prospect prospect, String timerId) {
    return management.createJobQuery().processInstanceId(journeyOf(prospect)).activityId(timerId).singleResult().getDuedate().toInstant();
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static List<String> ids(JsonNode list) {
    List<String> ids = new ArrayList<>();
    list.forEach(p -> ids.add(p.get("id").asText()));
    return ids;
  }

  private static JsonNode byId(JsonNode list, String id) {
    for (JsonNode p : list) {
      if (p.get("id").asText().equals(id)) {
        return p;
      }
    }
    throw new AssertionError("no prospect " + id + " in " + list);
  }
}
