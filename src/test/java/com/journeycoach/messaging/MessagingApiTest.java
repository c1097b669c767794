package com.journeycoach.messaging;

import static com.journeycoach.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.journeycoach.Http;
import com.journeycoach.JourneyCoachTest;
import com.journeycoach.TestUsers;
import com.journeycoach.content.SampleCatalog;
import com.journeycoach.content.Share;
import com.journeycoach.content.Shares;
import com.journeycoach.journey.FollowUpAnswer;
import com.journeycoach.journey.FollowUpAnswers;
import com.journeycoach.people.Audience;
import com.journeycoach.people.Distributors;
import com.journeycoach.people.Prospect;
import com.journeycoach.people.Prospects;
import com.journeycoach.system.Groups;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.rng.simple.RandomSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@JourneyCoachTest
class MessagingApiTest {

  static final String OWNER = Http.basic("msg-owner", TestUsers.PASSWORD);
  static final String MANAGER = Http.basic("msg-manager", TestUsers.PASSWORD);
  static final String DISTRIBUTOR = Http.basic("msg-dist", TestUsers.PASSWORD);
  static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort
  int port;
  @Autowired
  org.camunda.bpm.engine.IdentityService identity;
  @Autowired
  Distributors distributors;
  @Autowired
  Prospects prospects;
  @Autowired
  Shares shares;
  @Autowired
  FollowUpAnswers followUpAnswers;
  @Autowired
  SuggestedMessages suggestions;
  @Autowired
  SampleCatalog sampleCatalog;
  @Autowired
  ProcessEngine engine;
  @Autowired
  JdbcClient jdbc;
  Http http;

  @BeforeEach
  void setUp() {
    http = new Http(port);
    sampleCatalog.loadIfEmpty();
    TestUsers.ensure(identity, "msg-owner", Groups.PROCESS_OWNERS);
    TestUsers.ensure(identity, "msg-manager", Groups.MANAGERS);
    TestUsers.ensureDistributor(distributors, "msg-dist", null);
  }

  /** The context is shared: no suggestion of this test stays offered to another test's journeys. */
  @AfterEach
  void retireTheSuggestions() {
    jdbc.sql("UPDATE suggested_message SET status = 'RETIRED', rolled_out = FALSE").update();
  }

  @Test
  void badSuggestedMessagesAreRefusedWith400NamingTheField() {
    String path = "/api/assets/cwm-explained/messages";
    assertProblem(http.post(path, OWNER, "{\"channel\":\"SMS\",\"language\":\"en\",\"text\":\"  \"}"), 400, "text: must not be empty");
    assertProblem(http.post(path, OWNER, "{\"channel\":\"SMS\",\"language\":\"en\",\"text\":\"Hi {firstName}: {link}\"}"), 400,
        "text: unknown placeholder {firstName}");
    assertProblem(http.post(path, OWNER, "{\"channel\":\"SMS\",\"language\":\"en\",\"text\":\"" + "word ".repeat(60) + "{link}\"}"),
        400, "text: 3 SMS segments", "GSM-7");
    // one character outside GSM-7 (ç) makes it UCS-2: 134 characters at most
    assertProblem(http.post(path, OWNER, "{\"channel\":\"SMS\",\"language\":\"es\",\"text\":\"Mirá ço " + "x".repeat(90) + " {link}\"}"),
        400, "UCS-2");
    assertProblem(http.post(path, OWNER, "{\"channel\":\"EMAIL\",\"language\":\"en\",\"text\":\"{link}\"}"), 400, "subject:");
    assertProblem(http.post(path, OWNER, "{\"channel\":\"FAX\",\"language\":\"xx\",\"text\":\"{link}\"}"), 400, "channel:", "language:");
    assertProblem(http.post(path, OWNER, "{\"channel\":\"SMS\",\"language\":\"en\",\"text\":{}}"), 400);
    assertProblem(http.post("/api/assets/no-such-asset/messages", OWNER, "{\"channel\":\"SMS\",\"language\":\"en\",\"text\":\"{link}\"}"), 404);
    assertThat(suggestions.ofAsset("cwm-explained")).isEmpty();
  }

  @Test
  void onlyProcessOwnersWriteSuggestionsAndOnlyManagersReadPhrases() {
    String body = "{\"channel\":\"SMS\",\"language\":\"en\",\"text\":\"Hi {prospect}: {link}\"}";
    assertProblem(http.post("/api/assets/cwm-explained/messages", DISTRIBUTOR, body), 403);
    assertProblem(http.post("/api/assets/cwm-explained/messages", MANAGER, body), 403);
    assertProblem(http.get("/api/assets/cwm-explained/messages", DISTRIBUTOR), 403);
    assertProblem(http.get("/api/messaging/phrases", OWNER), 403);
    assertProblem(http.get("/api/messaging/phrases", DISTRIBUTOR), 403);
    assertProblem(http.get("/api/messaging/phrases?outcome=LOVE", MANAGER), 400, "outcome: must be one of");
    assertProblem(http.get("/api/messaging/phrases?segment=VIP", MANAGER), 400, "segment:");
    assertThat(http.post("/api/assets/cwm-explained/messages", OWNER, body).statusCode()).isEqualTo(201);
    assertThat(http.get("/api/assets/cwm-explained/messages", MANAGER).statusCode()).isEqualTo(200);
  }

  @Test
  void thePreviewEscapesTheTextInTheEmailsHtml() throws Exception {
    JsonNode added = JSON.readTree(http.post("/api/assets/cwm-explained/messages", OWNER,
        "{\"channel\":\"EMAIL\",\"language\":\"en\",\"subject\":\"About {asset}\","
            + "\"text\":\"<script>alert(1)</script> Hi {prospect},\\n\\\"{asset}\\\" {link}\"}").body());
    JsonNode preview = JSON.readTree(http.get("/api/assets/cwm-explained/messages/" + added.path("id").asText() + "/preview", OWNER).body());
    assertThat(preview.path("html").asText()).doesNotContain("<script>").contains("&lt;script&gt;", "<br>", "<a href=\"http");
    assertThat(preview.path("text").asText()).startsWith("<script>alert(1)</script> Hi Ana,");
    assertThat(preview.path("subject").asText()).startsWith("About ");
  }

  /**
   * The share form offers the process owner's suggestion (filled in); the distributor edits it and completes the task:
   * the share records the suggestion as EDITED, with the text sent. A changed suggestion is a new one.
   */
  @Test
  void theShareRecordsWhichSuggestionWentOutAndHow() throws Exception {
    JsonNode added = JSON.readTree(http.post("/api/assets/verdant-story/messages", OWNER,
        "{\"channel\":\"SMS\",\"language\":\"en\",\"text\":\"Hi {prospect}, the story of our company in 4 minutes: {link} ({distributor})\"}").body());
    String id = added.path("id").asText();
    Prospect prospect = prospects.add(new Prospects.NewProspect("msg-dist", "Lu", "Ng", null, null, Audience.PRODUCT_CUSTOMER));
    ProcessInstance journey = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(prospect.id()).singleResult();
    String shareId = (String) engine.getRuntimeService().getVariable(journey.getId(), "shareId");
    assertThat(shares.get(shareId).assetId()).isEqualTo("verdant-story");
    String offered = (String) engine.getRuntimeService().getVariable(journey.getId(), "shareMessage");
    assertThat(offered).startsWith("Hi Lu, the story of our company in 4 minutes: http").contains(shares.get(shareId).token());
    assertThat(jdbc.sql("SELECT suggestion_id FROM share_message WHERE share_id = ? AND channel = 'SMS'").param(shareId)
        .query(String.class).single()).isEqualTo(id);

    Task task = engine.getTaskService().createTaskQuery().processInstanceId(journey.getId()).singleResult();
    engine.getTaskService().complete(task.getId(), Map.of("shareChannel", "SMS", "shareMessage", offered.replace("4 minutes", "four short minutes")));
    assertThat(jdbc.sql("SELECT message_use FROM share_message WHERE share_id = ? AND channel = 'SMS'").param(shareId)
        .query(String.class).single()).isEqualTo("EDITED");
    assertThat(SentMessages.use(offered, offered + " ")).isEqualTo(SentMessages.Use.USED);
    assertThat(SentMessages.use(offered, "Call me tonight, I have news")).isEqualTo(SentMessages.Use.REPLACED);

    JsonNode changed = JSON.readTree(http.put("/api/assets/verdant-story/messages/" + id, OWNER,
        "{\"channel\":\"SMS\",\"language\":\"en\",\"text\":\"Hi {prospect}: {link}\"}").body());
    assertThat(changed.path("replacesId").asText()).isEqualTo(id);
    assertThat(suggestions.get("verdant-story", id).status()).isEqualTo(SuggestedMessage.Status.RETIRED);
  }

  /**
   * Of two suggestions, the one whose shares were viewed within 48 hours is offered first in nearly every draw; a
   * rolled-out one always; the rates show for process owners.
   */
  @Test
  void theSuggestionOfferedFirstIsDrawnByItsViewRateAndARolledOutOneAlways() throws Exception {
    String often = suggestions.add("cwm-explained", new SuggestedMessages.Draft("SMS", "en", null, "Often viewed {link}"), "test").id();
    String rarely = suggestions.add("cwm-explained", new SuggestedMessages.Draft("SMS", "en", null, "Rarely viewed {link}"), "test").id();
    Prospect prospect = prospects.add(new Prospects.NewProspect("msg-dist", "Max", "Ho", null, null, Audience.PRODUCT_CUSTOMER));
    Instant long_ago = Instant.now().minus(10, ChronoUnit.DAYS);
    List<Shares.PastShare> past = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      boolean viewed = i < 15 ? i % 5 != 0 : i % 5 == 0;
      past.add(new Shares.PastShare(UUID.randomUUID().toString(), UUID.randomUUID().toString(), prospect.id(), "cwm-explained",
          "msg-dist", "SMS", long_ago, long_ago, viewed ? long_ago.plus(3, ChronoUnit.HOURS) : null, viewed ? 1 : 0));
    }
    shares.addPast(past);
    for (int i = 0; i < 30; i++) {
      jdbc.sql("INSERT INTO share_message (share_id, channel, suggestion_id, language, offered_text, message_use, offered_at)"
              + " VALUES (?, 'SMS', ?, 'en', 'x', 'USED', ?)")
          .params(past.get(i).id(), i < 15 ? often : rarely, Timestamp.from(long_ago)).update();
    }
    var random = RandomSource.XO_RO_SHI_RO_128_PP.create(42L);
    int oftenFirst = 0;
    for (int draw = 0; draw < 200; draw++) {
      oftenFirst += suggestions.inOfferOrder("cwm-explained", Channel.SMS, "en", random).get(0).id().equals(often) ? 1 : 0;
    }
    // Beta(13, 4) against Beta(4, 13): the first wins about 99 % of draws
    assertThat(oftenFirst).isGreaterThan(190);

    JsonNode listed = JSON.readTree(http.get("/api/assets/cwm-explained/messages", OWNER).body());
    JsonNode first = listed.findParents("message").stream().filter(m -> m.path("message").path("id").asText().equals(often))
        .findFirst().orElseThrow();
    assertThat(first.path("sent").asInt()).isEqualTo(15);
    assertThat(first.path("viewedInWindow").asInt()).isEqualTo(12);
    assertThat(first.path("viewRate").asDouble()).isEqualTo(0.8);

    assertThat(http.post("/api/assets/cwm-explained/messages/" + rarely + "/roll-out", OWNER, "").statusCode()).isEqualTo(200);
    assertThat(suggestions.inOfferOrder("cwm-explained", Channel.SMS, "en", random)).extracting(SuggestedMessage::id).containsExactly(rarely);
    assertThat(suggestions.get("cwm-explained", often).status()).isEqualTo(SuggestedMessage.Status.RETIRED);
  }

  /**
   * Notes of six distributors say "free samples" before rising interest, in English and in Spanish ("muestras gratis",
   * analysed with the Spanish analyzer); three distributors write "golden ticket": below the support of 5, hidden.
   */
  @Test
  void managersSeeThePhrasesBeforeRisingInterestWithEnoughDistributorsBehindThem() throws Exception {
    List<FollowUpAnswers.PastAnswer> answers = new ArrayList<>();
    String run = UUID.randomUUID().toString().substring(0, 6);
    for (int d = 0; d < 6; d++) {
      String distributorId = "msg-phr-" + run + "-" + d;
      TestUsers.ensureDistributor(distributors, distributorId, null);
      for (int p = 0; p < 2; p++) {
        Prospect prospect = prospects.add(new Prospects.NewProspect(distributorId, "P" + p, "Q", null, null, Audience.BUSINESS_BUILDER));
        Share share = shares.ofProspect(prospect.id()).get(0);
        String note = (p == 0 ? "Zebrafruit: loved the free samples" : "Zebrafruta: le encantaron las muestras gratis")
            + (d < 3 ? " golden ticket" : "");
        answers.add(new FollowUpAnswers.PastAnswer(UUID.randomUUID().toString(), share.id(), prospect.id(), distributorId,
            new FollowUpAnswer(2, FollowUpAnswer.Intent.HIGH, 70, note), Instant.now()));
        answers.add(new FollowUpAnswers.PastAnswer(UUID.randomUUID().toString(), share.id(), prospect.id(), distributorId,
            new FollowUpAnswer(-1, FollowUpAnswer.Intent.LOW, 10, "busy week, call later"), Instant.now()));
      }
    }
    followUpAnswers.addPast(answers);
    JsonNode report = JSON.readTree(http.get("/api/messaging/phrases?outcome=INTEREST&segment=BUSINESS_BUILDER&source=NOTES", MANAGER).body());
    assertThat(report.path("minSupport").asInt()).isEqualTo(5);
    List<String> raising = new ArrayList<>();
    report.path("raising").forEach(p -> raising.add(p.path("phrase").asText()));
    assertThat(raising).contains("free samples", "muestras gratis").noneMatch(p -> p.contains("golden") || p.contains("ticket"));
    JsonNode spanish = findPhrase(report, "muestras gratis");
    // the Spanish stem: "muestras" and "muestra" are one
    assertThat(spanish.path("key").asText()).isEqualTo(new PhraseAnalyzer().analyse("muestra gratis", "es").phrases().keySet()
        .stream().filter(k -> k.contains(" ")).findFirst().orElseThrow());
    assertThat(spanish.path("distributors").asInt()).isEqualTo(6);
    assertThat(spanish.path("effect").asDouble()).isPositive();
  }

  private static JsonNode findPhrase(JsonNode report, String phrase) {
    for (JsonNode p : report.path("raising")) {
      if (p.path("phrase").asText().equals(phrase)) {
        return p;
      }
    }
    throw new AssertionError("no phrase " + phrase + " in " + report);
  }
}
