package com.journeycoach.content;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeycoach.Http;
import com.journeycoach.JourneyCoachTest;
import static com.journeycoach.Problems.assertProblem;
import com.journeycoach.TestUsers;
import com.journeycoach.people.Distributors;
import com.journeycoach.system.Groups;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@JourneyCoachTest
class AssetApiTest {

  static final String OWNER = Http.basic("asset-owner", TestUsers.PASSWORD);
  static final String DISTRIBUTOR = Http.basic("asset-dist", TestUsers.PASSWORD);

  @LocalServerPort
  int port;
  @Autowired
  IdentityService identity;
  @Autowired
  Distributors distributors;
  @Autowired
  Catalog catalog;
  Http http;

  @BeforeEach
  void setUp() {
    http = new Http(port);
    TestUsers.ensure(identity, "asset-owner", Groups.PROCESS_OWNERS);
    TestUsers.ensureDistributor(distributors, "asset-dist", null);
  }


  @Test
  void onlyManagersAndProcessOwnersExportTheCatalog() {
    TestUsers.ensure(identity, "asset-manager", Groups.MANAGERS);
    HttpResponse<String> distributor = http.get("/api/assets/export", DISTRIBUTOR);
    assertThat(distributor.statusCode()).isEqualTo(403);
    assertThat(distributor.body()).doesNotContain("cwm-explained");
    assertThat(http.get("/api/assets/export?format=json", OWNER).statusCode()).isEqualTo(200);
    assertThat(http.get("/api/assets/export", Http.basic("asset-manager", TestUsers.PASSWORD)).statusCode()).isEqualTo(200);
  }

  @Test
  void theSampleCatalogShipsTwelveAssetsOverTheFourPhasesWithCwmExplainedFirst() {
    assertThat(catalog.all()).hasSizeGreaterThanOrEqualTo(12)
        .extracting(Asset::phase).contains(Phase.values());
    assertThat(catalog.get("cwm-results").prerequisites()).containsExactly("cwm-explained");
    assertThat(catalog.get("cwm-explained").subject()).contains("Comprehensive Weight Management (CWM)");
  }

  @Test
  void activatingAnAssetWithMissingMetadataListsWhatIsMissingAndKeepsItADraft() {
    HttpResponse<String> created = http.post("/api/assets", OWNER,
        "{\"id\":\"draft-video\",\"title\":\"A draft\",\"type\":\"VIDEO\",\"url\":\"https://media.example/v\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.body()).contains("\"status\":\"DRAFT\"");

    assertProblem(http.post("/api/assets/draft-video/activate", OWNER, ""), 400,
        "subject", "keywords", "themes", "presenter", "presenterGender", "presenterAgeBand", "phase", "sequencePosition",
        "expectedOutcome", "callToAction", "expectedPace", "audiences");
    assertThat(catalog.get("draft-video").status()).isEqualTo(AssetStatus.DRAFT);
  }

  @Test
  void aPrerequisiteCycleIsRefusedWithTheCycleNamed() {
    http.post("/api/assets", OWNER, "{\"id\":\"cycle-a\",\"title\":\"A\",\"type\":\"ARTICLE\"}");
    http.post("/api/assets", OWNER, "{\"id\":\"cycle-b\",\"title\":\"B\",\"type\":\"ARTICLE\",\"prerequisites\":[\"cycle-a\"]}");

    assertProblem(http.put("/api/assets/cycle-a", OWNER,
        "{\"id\":\"cycle-a\",\"title\":\"A\",\"type\":\"ARTICLE\",\"prerequisites\":[\"cycle-b\"]}"), 400,
        "cycle-a -> cycle-b -> cycle-a");
    assertThat(catalog.get("cycle-a").prerequisites()).as("nothing stored is lost").isEmpty();
    assertThat(catalog.get("cycle-b").prerequisites()).containsExactly("cycle-a");
  }

  @Test
  void unknownPrerequisitesMalformedJsonAndUnknownAssetsGetProblems() {
    assertProblem(http.post("/api/assets", OWNER,
        "{\"id\":\"lonely\",\"title\":\"L\",\"type\":\"ARTICLE\",\"prerequisites\":[\"nowhere\"]}"), 400, "nowhere");
    assertProblem(http.post("/api/assets", OWNER, "{\"id\":\"broken\",\"title\":"), 400);
    assertProblem(http.post("/api/assets", OWNER, "{\"id\":\"Bad Id!\",\"title\":\"x\",\"type\":\"ARTICLE\"}"), 400);
    assertProblem(http.post("/api/assets", OWNER, "{\"id\":\"typo\",\"title\":\"x\",\"type\":\"PODCAST\"}"), 400);
    assertProblem(http.get("/api/assets/no-such-asset", OWNER), 404, "no-such-asset");
    assertProblem(http.post("/api/assets", OWNER, "{\"id\":\"verdant-story\",\"title\":\"again\",\"type\":\"VIDEO\"}"), 409);
    assertThat(catalog.find("lonely")).isEmpty();
    assertThat(catalog.get("verdant-story").title()).isEqualTo("Why we started: the Verdant story");
  }

  @Test
  void aDistributorReadsTheCatalogButCannotChangeIt() {
    assertThat(http.get("/api/assets", DISTRIBUTOR).statusCode()).isEqualTo(200);
    assertProblem(http.post("/api/assets", DISTRIBUTOR, "{\"id\":\"mine\",\"title\":\"x\",\"type\":\"ARTICLE\"}"), 403);
    assertProblem(http.post("/api/assets/verdant-story/retire", DISTRIBUTOR, ""), 403);
  }

  @Test
  void exportThenImportRoundTripsAndABadFileChangesNothing() {
    HttpResponse<String> exported = http.get("/api/assets/export?format=yaml", OWNER);
    assertThat(exported.statusCode()).isEqualTo(200);
    assertThat(exported.body()).contains("id: cwm-explained", "prerequisites:");

    HttpResponse<String> reimported = http.send(http.request("/api/assets/import", OWNER)
        .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString(exported.body())).build());
    assertThat(reimported.statusCode()).as(reimported.body()).isEqualTo(200);

    String bad = """
        assets:
          - id: fresh-one
            title: Fresh
            type: ARTICLE
          - id: cwm-explained
            title: "Renamed by a bad file"
            type: VIDEO
            status: ACTIVE
        """;
    HttpResponse<String> refused = http.send(http.request("/api/assets/import", OWNER)
        .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString(bad)).build());
    assertProblem(refused, 400, "cwm-explained");
    assertThat(catalog.find("fresh-one")).as("all or nothing").isEmpty();
    assertThat(catalog.get("cwm-explained").title()).startsWith("What is CWM?");

    HttpResponse<String> notYaml = http.send(http.request("/api/assets/import", OWNER)
        .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString("assets: [ {id: x")).build());
    assertProblem(notYaml, 400, "not valid YAML");
  }

  @Test
  void retiringAPrerequisiteOfAnActiveAssetIsRefused() {
    assertProblem(http.post("/api/assets/cwm-explained/retire", OWNER, ""), 409, "cwm-results");
    assertThat(catalog.get("cwm-explained").status()).isEqualTo(AssetStatus.ACTIVE);
  }
}
