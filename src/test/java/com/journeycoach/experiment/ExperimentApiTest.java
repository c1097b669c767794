package com.journeycoach.experiment;

import static com.journeycoach.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.journeycoach.Http;
import com.journeycoach.JourneyCoachTest;
import com.journeycoach.TestUsers;
import com.journeycoach.content.Asset;
import com.journeycoach.content.Catalog;
import com.journeycoach.content.SampleCatalog;
import com.journeycoach.content.Share;
import com.journeycoach.content.Shares;
import com.journeycoach.journey.Touchpoints;
import com.journeycoach.people.Audience;
import com.journeycoach.people.Distributors;
import com.journeycoach.people.Prospect;
import com.journeycoach.people.Prospects;
import com.journeycoach.system.Groups;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Process owners run experiments through /api; the journeys follow them, and a distributor's own choice is recorded. */
@JourneyCoachTest
class ExperimentApiTest {

  static final String OTTO = Http.basic("otto", TestUsers.PASSWORD);
  static final String MARA = Http.basic("mara", TestUsers.PASSWORD);
  static final String ARMS = "[\"verdant-story\", \"cwm-explained\"]";
  static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort
  int port;
  @Autowired
  IdentityService identity;
  @Autowired
  Distributors distributors;
  @Autowired
  Prospects prospects;
  @Autowired
  Shares shares;
  @Autowired
  Touchpoints touchpoints;
  @Autowired
  Catalog catalog;
  @Autowired
  SampleCatalog sampleCatalog;
  @Autowired
  ProcessEngine engine;
  @Autowired
  Experiments experiments;
  @Autowired
  JdbcClient jdbc;
  Http http;
  String distributorId;
  List<Asset> catalogBefore;

  @BeforeEach
  void setUp() throws Exception {
    http = new Http(port);
    BpmnAwareTests.init(engine);
    sampleCatalog.loadIfEmpty();
    catalogBefore = catalog.all();
    TestUsers.ensure(identity, "otto", Groups.PROCESS_OWNERS);
    TestUsers.ensure(identity, "mara", Groups.MANAGERS);
    distributorId = "dist-" + UUID.randomUUID().toString().substring(0, 8);
    TestUsers.ensureDistributor(distributors, distributorId, null);
  }

  /** Other tests share this application: no experiment may go on choosing for them, and the default order stays. */
  @AfterEach
  void endExperimentsAndRestoreTheCatalog() {
    experiments.all().stream().filter(e -> e.status().holdsItsDecision()).forEach(e -> experiments.stop(e.id(), "test"));
    catalog.saveAll(catalogBefore.stream().filter(a -> a.status() == com.journeycoach.content.AssetStatus.ACTIVE).toList());
  }

  private String define(String arms, String extra) {
    HttpResponse<String> created = http.post("/api/experiments", OTTO, "{\"name\":\"First video\",\"phase\":\"PROSPECT_DEVELOPMENT\","
        + "\"arms\":" + arms + ",\"segmentBy\":[\"AUDIENCE\"]" + extra + "}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return read(created).get("id").asText();
  }

  private static JsonNode read(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (Exception e) {
      throw new AssertionError(response.body(), e);
    }
  }

  private ProcessInstance addProspect(Audience audience) {
    Prospect prospect = prospects.add(new Prospects.NewProspect(distributorId, "Pat", "Prospect", null, null, audience));
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(prospect.id()).singleResult();
  }

  private Share shareOf(ProcessInstance journey) {
    return shares.get((String) engine.getRuntimeService().getVariable(journey.getId(), "shareId"));
  }

  private JsonNode figures(String id, String segment, String asset) {
    JsonNode report = read(http.get("/api/experiments/" + id + "/arms", OTTO));
    for (JsonNode arm : report.get("arms")) {
      if (arm.get("segment").asText().equals(segment) && arm.get("assetId").asText().equals(asset)) {
        return arm;
      }
    }
    throw new AssertionError("no figures for " + segment + " " + asset + " in " + report);
  }

  @Test
  void experimentStartedChoosesAmongTheEligibleArmsLearnsFromTheProxyPausesAndRollsOutItsWinner() {
    String id = define(ARMS, ",\"proxy\":\"INTEREST_UP\"");
    // a draft chooses nothing yet
    assertThat(shareOf(addProspect(Audience.PRODUCT_CUSTOMER)).assetId()).isEqualTo("verdant-story");

    HttpResponse<String> started = http.post("/api/experiments/" + id + "/start", OTTO, "");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    assertThat(read(started).get("status").asText()).isEqualTo("RUNNING");

    Set<String> suggested = new HashSet<>();
    List<ProcessInstance> journeys = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      ProcessInstance journey = addProspect(Audience.PRODUCT_CUSTOMER);
      journeys.add(journey);
      suggested.add(shareOf(journey).assetId());
    }
    // both arms are tried (all 16 alike by chance: 2 in 65,536), never an asset the rules hold back
    assertThat(suggested).containsExactlyInAnyOrder("verdant-story", "cwm-explained");
    List<Map<String, Object>> pulls = jdbc.sql("SELECT segment, asset_id, default_asset_id, propensity FROM experiment_pull"
        + " WHERE experiment_id = ?").param(id).query().listOfRows();
    assertThat(pulls).hasSize(16).allSatisfy(pull -> {
      assertThat(pull.get("SEGMENT")).isEqualTo("audience=PRODUCT_CUSTOMER");
      assertThat(pull.get("DEFAULT_ASSET_ID")).isEqualTo("verdant-story");
      assertThat(((Number) pull.get("PROPENSITY")).doubleValue()).isBetween(0.2, 0.8);
    });

    // the proxy: interest up at the follow-up of the asset suggested
    ProcessInstance answered = journeys.get(0);
    Share share = shareOf(answered);
    complete(task(answered), withVariables("shareChannel", "SMS"));
    touchpoints.viewThroughLink(share.token()).orElseThrow();
    complete(task(answered), withVariables("interestChange", "1", "purchaseIntent", "LOW", "closeEstimate", 20));
    JsonNode arm = figures(id, "audience=PRODUCT_CUSTOMER", share.assetId());
    assertThat(arm.get("successes").asLong()).isEqualTo(1);
    assertThat(arm.get("failures").asLong()).isZero();
    assertThat(arm.get("suggested").asLong()).isGreaterThanOrEqualTo(1);
    JsonNode all = figures(id, "all", share.assetId());
    assertThat(all.get("probabilityBest").asDouble()).isBetween(0.0, 1.0);
    assertThat(figures(id, "all", "verdant-story").get("expectedLift").asDouble()).isZero();

    // paused: the default sequence decides again
    assertThat(http.post("/api/experiments/" + id + "/pause", OTTO, "").statusCode()).isEqualTo(200);
    for (int i = 0; i < 4; i++) {
      assertThat(shareOf(addProspect(Audience.PRODUCT_CUSTOMER)).assetId()).isEqualTo("verdant-story");
    }
    assertThat(jdbc.sql("SELECT COUNT(*) FROM experiment_pull WHERE experiment_id = ?").param(id).query(Integer.class).single())
        .isEqualTo(16);

    // the winner rolled out comes first in the default sequence, and the experiment has ended
    HttpResponse<String> rolledOut = http.post("/api/experiments/" + id + "/roll-out", OTTO, "{\"assetId\":\"cwm-explained\"}");
    assertThat(rolledOut.statusCode()).as(rolledOut.body()).isEqualTo(200);
    assertThat(read(rolledOut).get("status").asText()).isEqualTo("ROLLED_OUT");
    assertThat(catalog.get("cwm-explained").sequencePosition()).isLessThan(catalog.get("verdant-story").sequencePosition());
    assertThat(shareOf(addProspect(Audience.PRODUCT_CUSTOMER)).assetId()).isEqualTo("cwm-explained");
    assertProblem(http.post("/api/experiments/" + id + "/start", OTTO, ""), 409);

    JsonNode history = read(http.get("/api/experiments/" + id + "/history", OTTO));
    assertThat(history).extracting(change -> change.get("action").asText())
        .containsExactly("CREATED", "STARTED", "PAUSED", "ROLLED_OUT");
    assertThat(history).allSatisfy(change -> assertThat(change.get("changedBy").asText()).isEqualTo("otto"));
    assertThat(history.get(3).get("detail").asText()).contains("winner cwm-explained");
  }

  @Test
  void aDistributorsOwnChoiceIsRecordedAsAnOverrideAndNotLearnedFrom() {
    String id = define(ARMS, "");
    http.post("/api/experiments/" + id + "/start", OTTO, "");
    ProcessInstance journey = addProspect(Audience.PRODUCT_CUSTOMER);
    Share suggestion = shareOf(journey);
    String other = suggestion.assetId().equals("verdant-story") ? "cwm-explained" : "verdant-story";

    complete(task(journey), withVariables("otherAssetId", other));

    Share chosen = shareOf(journey);
    assertThat(chosen.assetId()).isEqualTo(other);
    assertThat(shares.suggestedAssetOf(chosen.id())).hasValue(suggestion.assetId());
    assertThat(jdbc.sql("SELECT overridden_by FROM experiment_pull WHERE share_id = ?").param(suggestion.id()).query(String.class)
        .single()).isEqualTo(other);
    // the distributor's choice is not a suggestion of the experiment
    assertThat(jdbc.sql("SELECT COUNT(*) FROM experiment_pull WHERE share_id = ?").param(chosen.id()).query(Integer.class).single())
        .isZero();
    JsonNode arm = figures(id, "audience=PRODUCT_CUSTOMER", suggestion.assetId());
    assertThat(arm.get("suggested").asLong()).isEqualTo(1);
    assertThat(arm.get("overridden").asLong()).isEqualTo(1);
    assertThat(arm.get("pending").asLong()).isZero();
  }

  @Test
  void badDefinitionsAreRefusedWithProblemsNamingTheField() {
    String start = "{\"name\":\"x\",\"phase\":\"PROSPECT_DEVELOPMENT\",\"segmentBy\":[\"AUDIENCE\"],\"arms\":";
    assertProblem(http.post("/api/experiments", OTTO, start + "[\"verdant-story\", \"no-such-asset\"]}"), 400,
        "arms[1]: no asset 'no-such-asset'");
    assertProblem(http.post("/api/experiments", OTTO, start + "[\"cwm-explained\", \"cwm-results\"]}"), 400,
        "arms[1]: 'cwm-results' requires 'cwm-explained', another arm");
    assertProblem(http.post("/api/experiments", OTTO, start + "[\"verdant-story\", \"cwm-product-training\"]}"), 400,
        "arms[1]: 'cwm-product-training' is of phase PRODUCT_KNOWLEDGE");
    assertProblem(http.post("/api/experiments", OTTO, "{\"name\":\"x\",\"phase\":\"PROSPECT_DEVELOPMENT\",\"segmentBy\":[],"
        + "\"arms\":" + ARMS + "}"), 400, "segmentBy");
    assertProblem(http.post("/api/experiments", OTTO, "{\"name\":\"x\",\"phase\":\"PROSPECT_DEVELOPMENT\",\"arms\":" + ARMS + "}"),
        400, "segmentBy");
    assertProblem(http.post("/api/experiments", OTTO, start + "[\"verdant-story\"]}"), 400, "arms");
    assertProblem(http.post("/api/experiments", OTTO, start + "[\"verdant-story\", \"verdant-story\"]}"), 400, "arms");
    assertProblem(http.post("/api/experiments", OTTO, start.replace("PROSPECT_DEVELOPMENT", "SOMETIME") + ARMS + "}"), 400);

    String first = define(ARMS, "");
    assertProblem(http.post("/api/experiments", OTTO, start + "[\"business-opportunity\", \"verdant-story\"]}"), 400,
        "arms: overlap experiment 'First video' (" + first + ", DRAFT)");
    // the other arms of the phase are a decision of their own
    define("[\"business-opportunity\", \"cwm-starter-kit\"]", "");

    assertProblem(http.post("/api/experiments/" + first + "/pause", OTTO, ""), 409);
    assertProblem(http.get("/api/experiments/no-such-id", OTTO), 404);
    assertThat(experiments.all()).filteredOn(e -> e.status().holdsItsDecision()).hasSize(2);
  }

  @Test
  void onlyProcessOwnersRunExperiments() {
    assertProblem(http.get("/api/experiments", MARA), 403);
    assertProblem(http.post("/api/experiments", MARA, "{\"name\":\"x\",\"phase\":\"PROSPECT_DEVELOPMENT\",\"segmentBy\":[\"AUDIENCE\"],"
        + "\"arms\":" + ARMS + "}"), 403);
    assertProblem(http.get("/api/experiments", Http.basic(distributorId, TestUsers.PASSWORD)), 403);
    assertThat(http.get("/api/experiments", OTTO).statusCode()).isEqualTo(200);
  }
}
