package com.journeycoach.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeycoach.Http;
import com.journeycoach.TestUsers;
import com.journeycoach.people.Audience;
import com.journeycoach.people.Distributors;
import com.journeycoach.people.Prospect;
import com.journeycoach.people.Prospects;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Camunda's own REST API as an attacker with a login meets it: what used to answer 500 (with SQL or
 * a class name in the body) is a 4xx problem, and text beyond U+FFFF is refused before it reaches
 * Camunda's 3-byte tables on MySQL, while the application's own tables keep it.
 */
abstract class EngineRestAnswersTests {

  static final String ADMIN = Http.basic("admin", TestUsers.ADMIN_PASSWORD);
  static final String EMOJI = "\uD83D\uDE00";

  @LocalServerPort
  int port;
  @Autowired
  Distributors distributors;
  @Autowired
  Prospects prospects;
  @Autowired
  IdentityService identity;
  @Autowired
  RuntimeService runtime;
  Http http;
  String distributorId;
  String distributor;

  @BeforeEach
  void setUp() {
    http = new Http(port);
    distributorId = "rest-dist-" + UUID.randomUUID().toString().substring(0, 8);
    TestUsers.ensureDistributor(distributors, distributorId, null);
    distributor = Http.basic(distributorId, TestUsers.PASSWORD);
  }

  static void assertClean4xx(HttpResponse<String> response, int status, String... mentions) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.body()).doesNotContainIgnoringCase("select ").doesNotContain("ACT_", "\tat ", "org.camunda", "java.",
        "com.journeycoach", "SQLState", "###");
    if (mentions.length > 0) {
      assertThat(response.body()).contains(mentions);
    }
  }

  @Test
  void aDuplicateMembershipIsAConflictNotAnInternalError() {
    String userId = "member-" + UUID.randomUUID().toString().substring(0, 8);
    TestUsers.ensure(identity, userId, Groups.SPONSORS);

    assertClean4xx(http.put("/engine-rest/group/" + Groups.SPONSORS + "/members/" + userId, ADMIN, ""), 409);
    assertThat(identity.createUserQuery().memberOfGroup(Groups.SPONSORS).userId(userId).count()).isEqualTo(1);
  }

  @Test
  void aDuplicateAuthorizationIsAConflictNotAnInternalError() {
    String body = "{\"type\":1,\"permissions\":[\"READ\"],\"userId\":\"dup-" + UUID.randomUUID().toString().substring(0, 8)
        + "\",\"resourceType\":6,\"resourceId\":\"some-deployment\"}";
    assertThat(http.post("/engine-rest/authorization/create", ADMIN, body).statusCode()).isEqualTo(200);

    assertClean4xx(http.post("/engine-rest/authorization/create", ADMIN, body), 409);
  }

  @Test
  void aWeakPasswordFromADistributorIsRefusedWithoutAnInternalError() {
    HttpResponse<String> refused = http.post("/engine-rest/user/create", distributor,
        "{\"profile\":{\"id\":\"new-" + UUID.randomUUID().toString().substring(0, 8) + "\"},\"credentials\":{\"password\":\"a\"}}");

    assertThat(refused.statusCode()).isIn(400, 403);
    assertClean4xx(refused, refused.statusCode());
  }

  @Test
  void anUnknownVariableOfAJourneyIsNotAnInternalError() {
    Prospect prospect = prospects.add(new Prospects.NewProspect(distributorId, "Pat", null, null, null, Audience.PRODUCT_CUSTOMER));
    String journeyId = runtime.createProcessInstanceQuery().processInstanceBusinessKey(prospect.id()).singleResult().getId();

    HttpResponse<String> answer = http.get("/engine-rest/process-instance/" + journeyId + "/variables/no-such-variable", ADMIN);

    assertThat(answer.statusCode()).isBetween(400, 499);
    assertClean4xx(answer, answer.statusCode());
  }

  @Test
  void emojiInAPathAParameterOrABodyOfTheEngineApiIsA400NamingWhere() {
    assertClean4xx(http.get("/engine-rest/task/%F0%9F%98%80", distributor), 400, "path", "U+FFFF");
    assertClean4xx(http.get("/engine-rest/task?processInstanceBusinessKey=%F0%9F%98%80", distributor), 400,
        "processInstanceBusinessKey");
    assertClean4xx(http.post("/engine-rest/task", distributor, "{\"processInstanceBusinessKey\":\"" + EMOJI + "\"}"), 400,
        "processInstanceBusinessKey");
    assertClean4xx(http.post("/engine-rest/task", distributor, "{\"processInstanceBusinessKey\":\"\\ud83d\\ude00\"}"), 400,
        "processInstanceBusinessKey");
    // ordinary accented text is fine
    assertThat(http.get("/engine-rest/task?processInstanceBusinessKey=Zo%C3%AB", distributor).statusCode()).isEqualTo(200);
  }

  @Test
  void aProspectNamedWithEmojiIsStoredWholeAndTheirJourneyRuns() throws Exception {
    HttpResponse<String> added = http.post("/api/prospects", distributor,
        "{\"firstName\":\"Zoë " + EMOJI + "\",\"lastName\":\"Lee\",\"audience\":\"PRODUCT_CUSTOMER\"}");

    assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
    Prospect prospect = prospects.ofDistributor(distributorId).get(0);
    assertThat(prospect.firstName()).isEqualTo("Zoë " + EMOJI);
    String journeyId = runtime.createProcessInstanceQuery().processInstanceBusinessKey(prospect.id()).singleResult().getId();
    assertThat(runtime.getVariable(journeyId, "prospectName")).isEqualTo("Zoë \uFFFD Lee");
  }
}
