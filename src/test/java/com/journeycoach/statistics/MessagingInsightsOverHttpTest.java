package com.journeycoach.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.journeycoach.JourneyCoachTest;
import com.journeycoach.TestUsers;
import com.journeycoach.WebappSession;
import com.journeycoach.content.SampleCatalog;
import com.journeycoach.messaging.SuggestedMessages;
import com.journeycoach.people.Distributors;
import com.journeycoach.settings.Thresholds;
import com.journeycoach.system.Groups;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The Messaging tab's resources in Cockpit's API: the phrases before rising interest with their effect, z-score and
 * support, and the suggested messages' rates, both against figures the test counts from the rows it wrote
 * ({@link MessagingSeed}); a phrase of too few distributors stays hidden; refusals and 400s.
 */
@JourneyCoachTest
class MessagingInsightsOverHttpTest {

  static final String MESSAGING = "/camunda/api/cockpit/plugin/insights/default/messaging";
  static final String FILTER = "?outcome=INTEREST&assetId=" + MessagingSeed.PHRASE_ASSET + "&segment=BUSINESS_BUILDER&source=NOTES";
  static final String MANAGER = "messaging-insights-manager";
  static final String PROCESS_OWNER = "messaging-insights-owner";

  @LocalServerPort
  int port;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  IdentityService identity;
  @Autowired
  Distributors distributors;
  @Autowired
  SampleCatalog sampleCatalog;
  @Autowired
  SuggestedMessages suggestions;
  @Autowired
  Thresholds thresholds;

  final ObjectMapper json = new ObjectMapper();
  MessagingSeed seed;

  @BeforeEach
  void seed() {
    sampleCatalog.loadIfEmpty();
    TestUsers.ensure(identity, MANAGER, Groups.MANAGERS);
    TestUsers.ensure(identity, PROCESS_OWNER, Groups.PROCESS_OWNERS);
    seed = MessagingSeed.plant(jdbc, suggestions, thresholds.number("messaging.view-window-hours").intValue());
  }

  @AfterEach
  void cleanUp() {
    seed.remove();
  }

  private WebappSession manager() {
    return WebappSession.logIn(port, MANAGER, TestUsers.PASSWORD, "cockpit");
  }

  @Test
  void aManagerReadsThePhraseWithItsEffectAndSupportButNotTheThinOne() throws Exception {
    HttpResponse<String> answer = manager().get(MESSAGING + FILTER);

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode report = json.readTree(answer.body()).get("phrases");
    int minSupport = thresholds.number("messaging.phrase-min-support").intValue();
    assertThat(report.get("minSupport").asInt()).isEqualTo(minSupport);
    assertThat(MessagingSeed.DISTRIBUTORS).isGreaterThanOrEqualTo(minSupport);
    assertThat(MessagingSeed.THIN_DISTRIBUTORS).isLessThan(minSupport);
    int[] totals = seed.noteTotals();
    assertThat(report.get("documents").asInt()).isEqualTo(totals[0]);
    assertThat(report.get("withOutcome").asInt()).isEqualTo(totals[1]);

    List<JsonNode> all = new ArrayList<>();
    report.get("raising").forEach(all::add);
    report.get("lowering").forEach(all::add);
    JsonNode phrase = all.stream().filter(p -> p.get("phrase").asText().equals(seed.tag + " voucher")).findFirst()
        .orElseThrow(() -> new AssertionError("no '" + seed.tag + " voucher' in " + report));
    assertThat(phrase.get("documents").asInt()).isEqualTo(seed.phraseDocuments);
    assertThat(phrase.get("withOutcome").asInt()).isEqualTo(seed.phraseWithOutcome);
    assertThat(phrase.get("distributors").asInt()).isEqualTo(MessagingSeed.DISTRIBUTORS);
    assertThat(phrase.get("prospects").asInt()).isEqualTo(seed.phraseProspects);
    double[] expected = seed.expectedEffectAndZ();
    assertThat(phrase.get("effect").asDouble()).isCloseTo(expected[0], within(1e-9)).isPositive();
    assertThat(phrase.get("z").asDouble()).isCloseTo(expected[1], within(1e-9));
    // the thin phrase (three distributors) is nowhere, nor its words on their own
    assertThat(answer.body()).doesNotContain(seed.thin);

    HttpResponse<String> csv = manager().get(MESSAGING + "/csv" + FILTER);
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"phrases.csv\"");
    assertThat(csv.body().lines().toList()).first()
        .isEqualTo("outcome,direction,phrase,key,effect,z,documents,with_outcome,distributors,prospects");
    assertThat(csv.body()).contains(String.format(java.util.Locale.ROOT, "INTEREST,raising,%s voucher,%s,%.4f,%.4f,%d,%d,%d,%d",
        seed.tag, phrase.get("key").asText(), expected[0], expected[1], seed.phraseDocuments, seed.phraseWithOutcome,
        MessagingSeed.DISTRIBUTORS, seed.phraseProspects)).doesNotContain(seed.thin);
  }

  @Test
  void theSuggestedMessagesShowTheirRatesAndWhichIsRolledOut() throws Exception {
    HttpResponse<String> answer = manager().get(MESSAGING + "?assetId=" + MessagingSeed.MESSAGE_ASSET);

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode messages = json.readTree(answer.body()).get("messages");
    assertThat(messages.size()).isEqualTo(1);
    assertThat(messages.get(0).get("assetId").asText()).isEqualTo(MessagingSeed.MESSAGE_ASSET);
    for (String id : List.of(seed.first, seed.second)) {
      int[] figures = id.equals(seed.first) ? seed.firstFigures : seed.secondFigures;
      JsonNode measured = null;
      for (JsonNode m : messages.get(0).get("suggestions")) {
        measured = m.get("message").get("id").asText().equals(id) ? m : measured;
      }
      assertThat(measured).as(id).isNotNull();
      assertThat(measured.get("sent").asInt()).isEqualTo(figures[0]).isPositive();
      assertThat(measured.get("viewedInWindow").asInt()).isEqualTo(figures[1]);
      assertThat(measured.get("converted").asInt()).isEqualTo(figures[2]);
      assertThat(measured.get("viewRate").asDouble()).isCloseTo((double) figures[1] / figures[0], within(1e-9));
      assertThat(measured.get("conversionRate").asDouble()).isCloseTo((double) figures[2] / figures[0], within(1e-9));
      assertThat(measured.get("message").get("rolledOut").asBoolean()).isEqualTo(id.equals(seed.second));
      assertThat(measured.get("message").get("status").asText()).isEqualTo(id.equals(seed.second) ? "ACTIVE" : "RETIRED");
    }
    // some shares viewed after the window: they count as sent, not as viewed
    assertThat(seed.firstFigures[1] + seed.secondFigures[1]).isLessThan(jdbc.sql("SELECT COUNT(*) FROM asset_share"
        + " WHERE distributor_id = ? AND first_viewed_at IS NOT NULL").param(seed.prefix + "-seller").query(Integer.class).single());

    HttpResponse<String> csv = manager().get(MESSAGING + "/messages/csv?assetId=" + MessagingSeed.MESSAGE_ASSET);
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"suggested-messages.csv\"");
    assertThat(csv.body().lines().toList()).first().isEqualTo(
        "asset,suggestion,channel,language,status,rolled_out,sent,viewed_in_window,view_rate,converted,conversion_rate,subject,text");
    int[] f = seed.secondFigures;
    assertThat(csv.body()).contains(String.format(java.util.Locale.ROOT, "%s,%s,SMS,en,ACTIVE,true,%d,%d,%.4f,%d,%.4f,,Seed %s second: {link}",
        MessagingSeed.MESSAGE_ASSET, seed.second, f[0], f[1], (double) f[1] / f[0], f[2], (double) f[2] / f[0], seed.tag));
  }

  @Test
  void othersAreRefusedAndWithoutASessionTheAnswerIs401() throws Exception {
    String distributor = "messaging-insights-distributor";
    TestUsers.ensureDistributor(distributors, distributor, null);
    WebappSession inTasklist = WebappSession.logIn(port, distributor, TestUsers.PASSWORD, "tasklist");
    assertThat(inTasklist.get(MESSAGING).statusCode()).isEqualTo(403);
    WebappSession owner = WebappSession.logIn(port, PROCESS_OWNER, TestUsers.PASSWORD, "cockpit");
    for (String path : List.of(MESSAGING, MESSAGING + "/csv", MESSAGING + "/messages/csv")) {
      HttpResponse<String> refused = owner.get(path);
      assertThat(refused.statusCode()).as(path).isEqualTo(403);
      assertThat(refused.body()).contains("managers");
      HttpResponse<String> anonymous = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
    }
    assertThat(WebappSession.logIn(port, "admin", TestUsers.ADMIN_PASSWORD, "cockpit").get(MESSAGING).statusCode()).isEqualTo(200);
  }

  @Test
  void badParametersGet400ProblemsNamingThem() throws Exception {
    WebappSession manager = manager();
    assertProblem(manager.get(MESSAGING + "?outcome=HAPPINESS"), "outcome");
    assertProblem(manager.get(MESSAGING + "?outcome=INTEREST&outcome=INTENT"), "outcome");
    assertProblem(manager.get(MESSAGING + "?source=EMAILS"), "source");
    assertProblem(manager.get(MESSAGING + "/csv?segment=VIP"), "segment");
    assertProblem(manager.get(MESSAGING + "?assetId=no-such-asset"), "assetId");
    assertProblem(manager.get(MESSAGING + "?assetId=%20"), "assetId");
    assertProblem(manager.get(MESSAGING + "/messages/csv?assetId=" + "a".repeat(65)), "assetId");
    assertProblem(manager.get(MESSAGING + "?limit=0"), "limit");
    assertProblem(manager.get(MESSAGING + "?limit=201"), "limit");
    assertProblem(manager.get(MESSAGING + "?limit=ten"), "limit");
    assertProblem(manager.get(MESSAGING + "?limit=99999999999"), "limit");
    assertProblem(manager.get(MESSAGING + "?assetId=%27%20OR%201%3D1--"), "assetId");
    assertProblem(manager.get(MESSAGING + "?sponsor=x"), "sponsor");
  }

  private void assertProblem(HttpResponse<String> answer, String parameter) throws Exception {
    ProblemAnswers.assertNames(answer, parameter);
  }
}
