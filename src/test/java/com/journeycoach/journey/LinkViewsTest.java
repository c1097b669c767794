package com.journeycoach.journey;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Only the prospect's view counts: a link-preview bot (each of {@code user-agents/link-previewers.txt}, real
 * user agents with their sources), a {@code HEAD} request and the distributor checking their own link leave
 * the view count and the journey as they were, and still reach the asset; a real browser's first open
 * (each of {@code user-agents/prospect-browsers.txt}) counts once and moves the journey on.
 */
@JourneyCoachTest
class LinkViewsTest {

  private static final String DISTRIBUTOR = "views-dist";
  private static final String MISTYPING_DISTRIBUTOR = "views-typo";
  private static final String ASSET_URL = "https://media.verdant-health.example/videos/verdant-story";

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
  @Autowired
  SampleCatalog sampleCatalog;
  @Autowired
  LinkPreviewers previewers;
  Http http;

  /** One line of a user-agent file: who sends it, and what. */
  record Agent(String who, String userAgent) {
  }

  @BeforeEach
  void setUp() throws IOException {
    BpmnAwareTests.init(engine);
    sampleCatalog.loadIfEmpty();
    TestUsers.ensureDistributor(distributors, DISTRIBUTOR, null);
    http = new Http(port);
  }

  /** A journey whose share was sent: it waits for the prospect's view. */
  private ProcessInstance journeyWaitingForView() {
    Prospect prospect = prospects.add(new Prospects.NewProspect(DISTRIBUTOR, "Vera", "Viewer", null, null,
        Audience.PRODUCT_CUSTOMER));
    ProcessInstance journey = engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(prospect.id()).singleResult();
    engine.getTaskService().complete(engine.getTaskService().createTaskQuery().processInstanceId(journey.getId())
        .singleResult().getId(), Map.of("shareChannel", "SMS"));
    BpmnAwareTests.assertThat(journey).isWaitingAt("Task_WaitForView");
    return journey;
  }

  private Share shareOf(ProcessInstance journey) {
    return shares.get((String) engine.getRuntimeService().getVariable(journey.getId(), "shareId"));
  }

  private void assertNotViewed(ProcessInstance journey, String who) {
    Share share = shareOf(journey);
    assertThat(share.viewCount()).as(who).isZero();
    assertThat(share.firstViewedAt()).as(who).isNull();
    assertThat(touchpoints.ofProspect(journey.getBusinessKey())).as(who).extracting(Touchpoint::kind)
        .doesNotContain(Touchpoint.Kind.VIEWED);
    BpmnAwareTests.assertThat(journey).as(who).isWaitingAt("Task_WaitForView");
  }

  private static void assertRedirectedToTheAsset(HttpResponse<String> opened, String who) {
    assertThat(opened.statusCode()).as(who).isEqualTo(302);
    assertThat(opened.headers().firstValue("Location")).as(who).hasValue(ASSET_URL);
  }

  private HttpResponse<String> openAs(String path, String userAgent) {
    return http.send(http.request(path, null).header("User-Agent", userAgent).GET().build());
  }

  static List<Agent> agents(String file) throws IOException {
    List<Agent> agents = new ArrayList<>();
    try (InputStream in = LinkViewsTest.class.getResourceAsStream("/user-agents/" + file)) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] fields = line.split("\\|", 3);
        assertThat(fields).as(line).hasSize(3);
        agents.add(new Agent(fields[0].strip(), fields[1].strip()));
      }
    }
    return agents;
  }

  @Test
  void eachLinkPreviewBotReachesTheAssetWithoutAViewOrAMove() throws IOException {
    List<Agent> bots = agents("link-previewers.txt");
    assertThat(bots).extracting(Agent::who).anyMatch(who -> who.startsWith("WhatsApp")).anyMatch(who -> who.startsWith("iMessage"))
        .anyMatch(who -> who.startsWith("Slack")).anyMatch(who -> who.startsWith("Telegram")).anyMatch(who -> who.startsWith("X /"))
        .anyMatch(who -> who.startsWith("LinkedIn")).anyMatch(who -> who.startsWith("Facebook"))
        .anyMatch(who -> who.startsWith("Google")).anyMatch(who -> who.startsWith("Microsoft"));
    ProcessInstance journey = journeyWaitingForView();
    String link = "/s/" + shareOf(journey).token();

    for (Agent bot : bots) {
      assertThat(previewers.isPreviewer(bot.userAgent())).as(bot.who()).isTrue();
      assertRedirectedToTheAsset(openAs(link, bot.userAgent()), bot.who());
      assertNotViewed(journey, bot.who());
    }
  }

  @Test
  void aRealBrowsersFirstOpenCountsOnceAndMovesTheJourneyOn() throws IOException {
    for (Agent browser : agents("prospect-browsers.txt")) {
      assertThat(previewers.isPreviewer(browser.userAgent())).as(browser.who()).isFalse();
      ProcessInstance journey = journeyWaitingForView();
      String link = "/s/" + shareOf(journey).token();

      assertRedirectedToTheAsset(openAs(link, browser.userAgent()), browser.who());
      assertRedirectedToTheAsset(openAs(link, browser.userAgent()), browser.who());

      // every open is counted on the share; the view, its touchpoint and the journey's step happen once
      assertThat(shareOf(journey).viewCount()).as(browser.who()).isEqualTo(2);
      assertThat(touchpoints.ofProspect(journey.getBusinessKey())).as(browser.who())
          .filteredOn(t -> t.kind() == Touchpoint.Kind.VIEWED).hasSize(1);
      BpmnAwareTests.assertThat(journey).as(browser.who()).hasPassed("Task_WaitForView").isWaitingAt("Task_AskFollowUp");
    }
  }

  @Test
  void aHeadRequestIsAnsweredWithoutAView() {
    ProcessInstance journey = journeyWaitingForView();

    HttpResponse<String> head = http.send(http.request("/s/" + shareOf(journey).token(), null)
        .header("User-Agent", Http.PROSPECTS_BROWSER).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());

    assertRedirectedToTheAsset(head, "HEAD");
    assertNotViewed(journey, "HEAD");
  }

  @Test
  void theDistributorCheckingTheLinkWithTheirLoginIsNoView() {
    ProcessInstance journey = journeyWaitingForView();
    String link = "/s/" + shareOf(journey).token();

    HttpResponse<String> checked = http.send(http.request(link, Http.basic(DISTRIBUTOR, TestUsers.PASSWORD))
        .header("User-Agent", Http.PROSPECTS_BROWSER).GET().build());

    assertRedirectedToTheAsset(checked, "the distributor with HTTP Basic");
    assertNotViewed(journey, "the distributor with HTTP Basic");

    // a wrong password is a person who mistyped, not the prospect: 401, and still no view (another user:
    // Camunda delays a user's logins for a while after a wrong password)
    TestUsers.ensureDistributor(distributors, MISTYPING_DISTRIBUTOR, null);
    HttpResponse<String> wrong = http.send(http.request(link, Http.basic(MISTYPING_DISTRIBUTOR, "not-the-password"))
        .header("User-Agent", Http.PROSPECTS_BROWSER).GET().build());
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Basic"));
    assertNotViewed(journey, "a wrong password");
  }

  @Test
  void theDistributorOpeningTheLinkInTheBrowserTheyUseForTasklistIsNoView() {
    ProcessInstance journey = journeyWaitingForView();
    WebappSession tasklist = WebappSession.logIn(port, DISTRIBUTOR, TestUsers.PASSWORD);

    HttpResponse<String> opened = tasklist.get("/s/" + shareOf(journey).token());

    assertRedirectedToTheAsset(opened, "the distributor logged in to Tasklist");
    assertNotViewed(journey, "the distributor logged in to Tasklist");

    // the same browser without that login is the prospect's: it counts
    HttpResponse<String> anonymous = http.openAsProspect("/s/" + shareOf(journey).token());
    assertRedirectedToTheAsset(anonymous, "the prospect");
    assertThat(shareOf(journey).viewCount()).isEqualTo(1);
  }
}
