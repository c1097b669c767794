package com.journeycoach.journey;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeycoach.Http;
import com.journeycoach.JourneyCoachTest;
import static com.journeycoach.Problems.assertProblem;
import com.journeycoach.TestUsers;
import com.journeycoach.people.Audience;
import com.journeycoach.content.Share;
import com.journeycoach.content.Shares;
import com.journeycoach.people.Distributors;
import com.journeycoach.people.Prospect;
import com.journeycoach.people.Prospects;
import com.journeycoach.system.Groups;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Events from the shop, the CRM and the video player; and the tracked link a prospect opens. */
@JourneyCoachTest
class TouchpointApiTest {

  static final String SHOP = Http.basic("tp-shop", TestUsers.PASSWORD);
  static final String OWNER = Http.basic("tp-dist", TestUsers.PASSWORD);
  static final String OTHER = Http.basic("tp-other", TestUsers.PASSWORD);

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  Distributors distributors;
  @Autowired
  Prospects prospects;
  @Autowired
  Shares shares;
  @Autowired
  Touchpoints touchpoints;
  Http http;
  Prospect prospect;

  @BeforeEach
  void setUp() {
    http = new Http(port);
    TestUsers.ensure(engine.getIdentityService(), "tp-shop", Groups.INTEGRATORS);
    TestUsers.ensureDistributor(distributors, "tp-dist", null);
    TestUsers.ensureDistributor(distributors, "tp-other", null);
    prospect = prospects.add(new Prospects.NewProspect("tp-dist", "Pat", null, null, null, Audience.PRODUCT_CUSTOMER));
  }

  private String event(String key, String kind, String prospectId, String assetId) {
    return "{\"idempotencyKey\":\"" + key + "\",\"kind\":\"" + kind + "\",\"prospectId\":\"" + prospectId + "\""
        + (assetId == null ? "" : ",\"assetId\":\"" + assetId + "\"") + "}";
  }

  private boolean journeyRunning() {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(prospect.id()).count() > 0;
  }


  @Test
  void aPurchaseFromTheShopEndsTheJourneyAndARepeatedKeyChangesNothing() {
    String key = "order-" + UUID.randomUUID();
    HttpResponse<String> first = http.post("/api/touchpoints", SHOP, event(key, "PURCHASED", prospect.id(), null));
    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    assertThat(first.body()).contains("\"effect\":\"JOURNEY_ENDED\"");
    assertThat(journeyRunning()).isFalse();
    assertThat(prospects.get(prospect.id()).status()).isEqualTo(Prospect.Status.WON);

    HttpResponse<String> again = http.post("/api/touchpoints", SHOP, event(key, "PURCHASED", prospect.id(), null));
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(touchpoints.ofProspect(prospect.id())).filteredOn(t -> t.idempotencyKey().equals(key)).hasSize(1);
  }

  @Test
  void aViewFromTheVideoPlayerMovesTheWaitingJourneyOn() {
    String journeyId = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(prospect.id())
        .singleResult().getId();
    engine.getTaskService().complete(engine.getTaskService().createTaskQuery().processInstanceId(journeyId).singleResult().getId(),
        java.util.Map.of("shareChannel", "SMS"));

    HttpResponse<String> viewed = http.post("/api/touchpoints", SHOP,
        event("player-" + UUID.randomUUID(), "VIEWED", prospect.id(), "verdant-story"));

    assertThat(viewed.statusCode()).isEqualTo(201);
    assertThat(viewed.body()).contains("\"effect\":\"JOURNEY_MOVED_ON\"");
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(journeyId).singleResult().getTaskDefinitionKey())
        .isEqualTo("Task_AskFollowUp");
  }

  /** Journeys started before the view message was named after the share wait for plain "AssetViewed"; an upgrade must not strand them. */
  @Test
  void aJourneyOfTheEarlierDiagramWaitingForPlainAssetViewedStillMovesOn() {
    String key = "legacy-view-" + UUID.randomUUID().toString().substring(0, 8);
    engine.getRepositoryService().createDeployment().name(key).addModelInstance(key + ".bpmn",
        org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1)
            .startEvent().receiveTask("Task_WaitForView").message(Touchpoints.MESSAGE_ASSET_VIEWED)
            .userTask("Task_AskFollowUp").endEvent().done()).deploy();
    Share share = shares.create(prospect.id(), "verdant-story", "tp-dist");
    Share otherShare = shares.create(prospect.id(), "verdant-story", "tp-dist");
    String waiting = engine.getRuntimeService().startProcessInstanceByKey(key, prospect.id(),
        java.util.Map.of("shareId", share.id())).getId();

    touchpoints.viewThroughLink(otherShare.token()).orElseThrow();
    assertThat(touchpoints.findByKey("share:" + otherShare.id() + ":viewed").orElseThrow().effect()).as("another share's view")
        .isEqualTo(Touchpoint.Effect.STORED);
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(waiting).count()).isZero();

    touchpoints.viewThroughLink(share.token()).orElseThrow();
    assertThat(touchpoints.findByKey("share:" + share.id() + ":viewed").orElseThrow().effect())
        .isEqualTo(Touchpoint.Effect.JOURNEY_MOVED_ON);
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(waiting).singleResult().getTaskDefinitionKey())
        .isEqualTo("Task_AskFollowUp");
  }

  @Test
  void aProspectWhoOptedOutIsNotContactedAgain() {
    String key = "crm-optout-" + UUID.randomUUID();
    HttpResponse<String> optedOut = http.post("/api/touchpoints", SHOP, event(key, "OPTED_OUT", prospect.id(), null));

    assertThat(optedOut.statusCode()).as(optedOut.body()).isEqualTo(201);
    assertThat(optedOut.body()).contains("\"kind\":\"OPTED_OUT\"", "\"effect\":\"JOURNEY_ENDED\"");
    assertThat(journeyRunning()).isFalse();
    assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(prospect.id()).count()).isZero();
    assertThat(prospects.get(prospect.id()).status()).isEqualTo(Prospect.Status.LOST);
    assertThat(http.post("/api/touchpoints", SHOP, event(key, "OPTED_OUT", prospect.id(), null)).statusCode()).isEqualTo(200);
  }

  @Test
  void anEventTheJourneyIsNotWaitingForIsStoredOnly() {
    HttpResponse<String> meeting = http.post("/api/touchpoints", SHOP,
        event("crm-" + UUID.randomUUID(), "MEETING_HELD", prospect.id(), null));

    assertThat(meeting.statusCode()).isEqualTo(201);
    assertThat(meeting.body()).contains("\"effect\":\"STORED\"");
    assertThat(journeyRunning()).isTrue();
  }

  @Test
  void badEventsGetProblemsAndChangeNothing() {
    assertProblem(http.post("/api/touchpoints", SHOP, event("k-" + UUID.randomUUID(), "PURCHASED", "no-such-prospect", null)), 404);
    assertProblem(http.post("/api/touchpoints", SHOP, event("k-" + UUID.randomUUID(), "VIEWED", prospect.id(), "no-such-asset")), 404);
    assertProblem(http.post("/api/touchpoints", SHOP, event("k-" + UUID.randomUUID(), "VIEWED", prospect.id(), null)), 400);
    assertProblem(http.post("/api/touchpoints", SHOP, event("k-" + UUID.randomUUID(), "SHARED", prospect.id(), null)), 400);
    assertProblem(http.post("/api/touchpoints", SHOP, event("k-" + UUID.randomUUID(), "TELEPORTED", prospect.id(), null)), 400);
    assertProblem(http.post("/api/touchpoints", SHOP, "{\"idempotencyKey\":\"k\",\"kind\":"), 400);
    assertProblem(http.post("/api/touchpoints", SHOP, "{\"kind\":\"LOST\",\"prospectId\":\"" + prospect.id() + "\"}"), 400);
    assertProblem(http.post("/api/touchpoints", OTHER, event("k-" + UUID.randomUUID(), "LOST", prospect.id(), null)), 404);

    assertThat(touchpoints.ofProspect(prospect.id())).isEmpty();
    assertThat(journeyRunning()).isTrue();
    assertThat(prospects.get(prospect.id()).status()).isEqualTo(Prospect.Status.ACTIVE);
  }

  @Test
  void theDistributorMayReportAboutTheirOwnProspect() {
    HttpResponse<String> lost = http.post("/api/touchpoints", OWNER, event("own-" + UUID.randomUUID(), "LOST", prospect.id(), null));
    assertThat(lost.statusCode()).isEqualTo(201);
    assertThat(journeyRunning()).isFalse();
  }

  @Test
  void theTrackedLinkRedirectsOnlyToTheAssetsRegisteredAddress() {
    Share share = shares.ofProspect(prospect.id()).get(0);

    HttpResponse<String> opened = http.openAsProspect("/s/" + share.token() + "?url=https://evil.example/phish&next=//evil.example");
    assertThat(opened.statusCode()).isEqualTo(302);
    assertThat(opened.headers().firstValue("Location")).hasValue("https://media.verdant-health.example/videos/verdant-story");
    http.openAsProspect("/s/" + share.token());

    Share counted = shares.get(share.id());
    assertThat(counted.viewCount()).isEqualTo(2);
    assertThat(counted.firstViewedAt()).isNotNull();
    assertThat(touchpoints.ofProspect(prospect.id())).filteredOn(t -> t.kind() == Touchpoint.Kind.VIEWED).hasSize(1);
  }

  @Test
  void anUnknownTokenGetsAPlainNotFoundPage() {
    for (String token : new String[] {"A".repeat(43), "short", "bad%24token%3Cscript%3E", "x".repeat(500)}) {
      HttpResponse<String> response = http.get("/s/" + token, null);
      assertThat(response.statusCode()).as(token).isEqualTo(404);
      assertThat(response.headers().firstValue("Location")).isEmpty();
      assertThat(response.body()).doesNotContain("Exception", "\tat ");
    }
    assertThat(http.get("/s/" + "A".repeat(43), null).body()).contains("This link is not known");
  }
}
