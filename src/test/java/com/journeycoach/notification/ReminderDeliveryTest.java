package com.journeycoach.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.journeycoach.coaching.Nudge;
import com.journeycoach.coaching.Nudges;
import com.journeycoach.people.Distributors;
import com.journeycoach.settings.Thresholds;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Reminders through real protocols: the Twilio SDK talking HTTP to a local stand-in for Twilio's
 * REST API (WireMock) that checks path, auth and form fields as Twilio would, and real email to an
 * SMTP server inside the test (GreenMail).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK, properties = {
    "camunda.bpm.process-engine-name=reminders",
    "spring.datasource.url=jdbc:h2:mem:reminders;DB_CLOSE_DELAY=-1",
    "journey.catalog.tracked-link-base-url=https://coach.example.com"})
@ActiveProfiles("test")
@AutoConfigureMockMvc
@DirtiesContext
class ReminderDeliveryTest {

  static final String SID = "AC" + "0123456789abcdef0123456789abcdef";
  static final String TOKEN = "stand-in-auth-token-for-tests";
  static final String FROM = "+15005550006";
  static final String MESSAGES = "/2010-04-01/Accounts/" + SID + "/Messages.json";
  static final String PHONE = "+4915123456789";

  /** Twilio's queue, for the tests that need it (stubbed in by {@link #queueMessages}). */
  static final TwilioQueue queue = new TwilioQueue(SID);
  // a fixed free port, so the stand-in can be stopped and started again where the application expects it
  static final WireMockServer twilio = new WireMockServer(WireMockConfiguration.options().port(freePort()).extensions(queue));
  static final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

  static {
    twilio.start();
    smtp.start();
  }

  static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @DynamicPropertySource
  static void channels(DynamicPropertyRegistry registry) {
    registry.add("journey.notifications.twilio.account-sid", () -> SID);
    registry.add("journey.notifications.twilio.auth-token", () -> TOKEN);
    registry.add("journey.notifications.twilio.from", () -> FROM);
    registry.add("journey.notifications.twilio.api-base-url", twilio::baseUrl);
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
  }

  @AfterAll
  static void stopStandIns() {
    twilio.stop();
    smtp.stop();
  }

  @Autowired
  ProcessEngine engine;
  @Autowired
  Nudges nudges;
  @Autowired
  Distributors distributors;
  @Autowired
  Thresholds thresholds;
  @Autowired
  SendLedger ledger;
  @Autowired
  OptOuts optOuts;
  @Autowired
  MockMvc mvc;
  @Autowired
  javax.sql.DataSource dataSource;
  @Autowired
  com.journeycoach.people.PasswordLinks passwordLinks;

  String smsDistributor;
  String emailDistributor;

  @BeforeEach
  void setUp() throws Exception {
    twilio.resetAll();
    smtp.purgeEmailFromAllMailboxes();
    acceptMessages();
    String suffix = UUID.randomUUID().toString().substring(0, 6);
    smsDistributor = "sms-" + suffix;
    emailDistributor = "mail-" + suffix;
    optOuts.optIn(PHONE, Channel.SMS);
    distributors.register(new Distributors.Registration(smsDistributor, "Dana", "Diaz", smsDistributor + "@example.com", PHONE,
        "Europe/Berlin", null, false, null, null, "SMS", "Bright-Meadow-42"));
    distributors.register(new Distributors.Registration(emailDistributor, "Eve", "Ernst", emailDistributor + "@example.com", null,
        "Europe/Berlin", null, false, null, null, "EMAIL", "Bright-Meadow-42"));
    openAllDay();
  }

  @AfterEach
  void restore() {
    ClockUtil.reset();
    thresholds.change("notification.window.start-hour", "8", "test: restore", "test");
    thresholds.change("notification.window.end-hour", "21", "test: restore", "test");
  }

  private void openAllDay() {
    thresholds.change("notification.window.start-hour", "0", "test: any hour", "test");
    thresholds.change("notification.window.end-hour", "24", "test: any hour", "test");
  }

  private static void acceptMessages() {
    // the message list Twilio is asked after an unknown outcome: here nothing was taken before
    twilio.stubFor(get(urlPathEqualTo(MESSAGES)).atPriority(10).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"messages\":[],\"end\":0,\"first_page_uri\":\"" + MESSAGES + "?PageSize=50&Page=0\","
            + "\"next_page_uri\":null,\"previous_page_uri\":null,\"uri\":\"" + MESSAGES + "?PageSize=50&Page=0\","
            + "\"page\":0,\"page_size\":50,\"start\":0}")));
    twilio.stubFor(post(urlPathEqualTo(MESSAGES))
        .withBasicAuth(SID, TOKEN)
        .withRequestBody(containing("To=")).withRequestBody(containing("From=")).withRequestBody(containing("Body="))
        .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
            .withBody("{\"sid\":\"SM" + UUID.randomUUID().toString().replace("-", "") + "\",\"status\":\"queued\"}")));
  }

  /** Twilio as it behaves with a backlog: what it accepts waits in the sender's queue, without a date sent. */
  private static void queueMessages() {
    twilio.resetAll();
    queue.reset();
    twilio.stubFor(any(urlPathEqualTo(MESSAGES)).withBasicAuth(SID, TOKEN).willReturn(aResponse().withTransformers(TwilioQueue.NAME)));
  }

  private SendLedger.Entry smsEntry(Nudge nudge) {
    return ledger.find(SendLedger.keyOf(nudge.id(), Channel.SMS)).orElseThrow();
  }

  private Nudge nudgeFor(String recipientId) {
    return nudges.record(recipientId, Nudge.Audience.DISTRIBUTOR, "FOLLOW_UP_NOW", null, null, "coaching.follow-up-now", 1,
        "test");
  }

  private ProcessInstance deliveryOf(Nudge nudge) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(nudge.id())
        .processDefinitionKey("nudge-delivery").singleResult();
  }

  private Job sendJob(Nudge nudge) {
    return engine.getManagementService().createJobQuery().processInstanceId(deliveryOf(nudge).getId()).singleResult();
  }

  private void runSendJob(Nudge nudge) {
    engine.getManagementService().executeJob(sendJob(nudge).getId());
  }

  private int postsAnswered(int status) {
    return (int) twilio.getAllServeEvents().stream()
        .filter(e -> e.getRequest().getUrl().startsWith(MESSAGES) && e.getRequest().getMethod().value().equals("POST"))
        .filter(e -> e.getResponse().getStatus() == status).count();
  }

  static String signature(String url, Map<String, String> params) throws Exception {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
  }

  private org.springframework.test.web.servlet.ResultActions inboundSms(String body, String signature) throws Exception {
    return mvc.perform(MockMvcRequestBuilders.post("/webhooks/twilio/inbound").contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .param("From", PHONE).param("Body", body).header("X-Twilio-Signature", signature));
  }

  private org.springframework.test.web.servlet.ResultActions signedInboundSms(String body) throws Exception {
    return inboundSms(body, signature("https://coach.example.com/webhooks/twilio/inbound", Map.of("From", PHONE, "Body", body)));
  }

  @Test
  void anSmsReminderGoesThroughTheTwilioSdkAsTwilioExpectsIt() {
    Nudge nudge = nudgeFor(smsDistributor);

    runSendJob(nudge);

    twilio.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES))
        .withBasicAuth(new com.github.tomakehurst.wiremock.client.BasicCredentials(SID, TOKEN))
        .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
        .withRequestBody(containing("To=%2B4915123456789"))
        .withRequestBody(containing("From=%2B15005550006"))
        .withRequestBody(containing("Body=Hi+Dana"))
        .withRequestBody(containing("StatusCallback=https%3A%2F%2Fcoach.example.com%2Fwebhooks%2Ftwilio%2Fstatus")));
    SendLedger.Entry entry = ledger.find(SendLedger.keyOf(nudge.id(), Channel.SMS)).orElseThrow();
    assertThat(entry.status()).isEqualTo(SendLedger.Status.SENT);
    assertThat(entry.providerId()).startsWith("SM");
    assertThat(entry.body()).contains("https://coach.example.com/camunda/app/tasklist/default/").hasSizeLessThanOrEqualTo(306);
    assertThat(deliveryOf(nudge)).as("the delivery has ended").isNull();
  }

  @Test
  void anInDoubtSmsThatTwilioStillHoldsQueuedIsFoundAndNotSentAgain() {
    queueMessages();
    queue.acceptThenCut(1);
    Nudge nudge = nudgeFor(smsDistributor);
    assertThatThrownBy(() -> runSendJob(nudge));
    assertThat(smsEntry(nudge).status()).isEqualTo(SendLedger.Status.ATTEMPTING);
    TwilioQueue.Sms held = queue.queued(FROM).get(0);
    // newer messages to the same number wait behind it, so it is on the list's last page
    for (int i = 0; i < 5; i++) {
      queue.accept(PHONE, FROM, "Another reminder " + i);
    }
    queue.pageSize(2);

    runSendJob(nudge);

    assertThat(queue.accepted()).as("Twilio got the reminder once").hasSize(6);
    assertThat(queue.queued(FROM)).as("still queued at Twilio: no date sent yet").hasSize(6);
    SendLedger.Entry entry = smsEntry(nudge);
    assertThat(entry.status()).isEqualTo(SendLedger.Status.SENT);
    assertThat(entry.providerId()).isEqualTo(held.sid);
    assertThat(deliveryOf(nudge)).isNull();
  }

  @Test
  void twoInDoubtRemindersWithTheSameTextToTheSameNumberGetOneMessageEach() {
    queueMessages();
    Nudge first = nudgeFor(smsDistributor);
    Nudge second = nudgeFor(smsDistributor);
    queue.acceptThenCut(1); // the first reached Twilio, its answer did not come back
    assertThatThrownBy(() -> runSendJob(first));
    queue.cutBeforeAccepting(1); // the second never reached Twilio
    assertThatThrownBy(() -> runSendJob(second));
    String text = smsEntry(first).body();
    assertThat(smsEntry(second).body()).as("the same text").isEqualTo(text);
    assertThat(smsEntry(second).status()).isEqualTo(SendLedger.Status.ATTEMPTING);
    // the same reminder a week ago, long sent: created before either attempt, so neither's
    TwilioQueue.Sms lastWeek = queue.sentBefore(PHONE, FROM, text, Instant.now().minus(Duration.ofDays(7)));

    // the one that never reached Twilio is retried first: it takes the message Twilio holds (the
    // same text to the same person, so to them it is the same reminder), and the other one, finding
    // that message taken, sends its own
    runSendJob(second);
    runSendJob(first);

    java.util.List<String> sids = queue.accepted().stream().filter(sms -> sms != lastWeek).map(sms -> sms.sid).toList();
    assertThat(sids).as("one message per reminder").hasSize(2);
    assertThat(java.util.List.of(smsEntry(first).providerId(), smsEntry(second).providerId()))
        .as("each reminder holds its own message").containsExactlyInAnyOrderElementsOf(sids);
    assertThat(smsEntry(first).status()).isEqualTo(SendLedger.Status.SENT);
    assertThat(smsEntry(second).status()).isEqualTo(SendLedger.Status.SENT);
  }

  @Test
  void aWorkerWhoseJobLockExpiredWhileAskingTwilioDoesNotSend() throws Exception {
    queueMessages();
    queue.cutBeforeAccepting(1);
    Nudge nudge = nudgeFor(smsDistributor);
    assertThatThrownBy(() -> runSendJob(nudge));
    SendLedger.Entry inDoubt = smsEntry(nudge);
    assertThat(inDoubt.status()).isEqualTo(SendLedger.Status.ATTEMPTING);
    // Twilio's list is slow to answer: long enough for the job's lock to expire and another worker to take the job
    twilio.stubFor(get(urlPathEqualTo(MESSAGES)).atPriority(1).willReturn(aResponse().withTransformers(TwilioQueue.NAME)
        .withFixedDelay(1500)));
    int lookups = queue.lookups();

    CompletableFuture<Void> lostLock = CompletableFuture.runAsync(() -> runSendJob(nudge));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (queue.lookups() == lookups && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(queue.lookups()).as("the first worker is asking Twilio").isGreaterThan(lookups);
    // the other worker read the entry as the first one did, attempted and sent
    SendLedger.Attempt taken = ledger.attempting(inDoubt).orElseThrow();
    assertThat(ledger.sent(taken, "SMsentByTheOtherWorker")).isTrue();

    assertThatThrownBy(() -> lostLock.get(10, TimeUnit.SECONDS)).rootCause().hasMessageContaining("taken the message over");
    assertThat(queue.accepted()).as("the worker whose lock expired sent nothing").isEmpty();
    assertThat(smsEntry(nudge).providerId()).isEqualTo("SMsentByTheOtherWorker");
    assertThat(smsEntry(nudge).attempts()).isEqualTo(2);
  }

  @Test
  void anEmailReminderHasPlainTextHtmlAnUnsubscribeLinkAndAStableMessageId() throws Exception {
    Nudge nudge = nudgeFor(emailDistributor);

    runSendJob(nudge);

    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(1);
    MimeMessage email = received[0];
    assertThat(email.getAllRecipients()[0].toString()).isEqualTo(emailDistributor + "@example.com");
    assertThat(email.getSubject()).isEqualTo("Follow up with your prospect now");
    assertThat(email.getMessageID()).isEqualTo("<" + nudge.id() + ".EMAIL@journey-coach>");
    String token = ledger.find(SendLedger.keyOf(nudge.id(), Channel.EMAIL)).orElseThrow().unsubscribeToken();
    assertThat(email.getHeader("List-Unsubscribe")[0]).isEqualTo("<https://coach.example.com/unsubscribe/" + token + ">");
    String raw = GreenMailUtil.getWholeMessage(email);
    assertThat(raw).contains("text/plain", "text/html", "Open it in Tasklist");
    assertThat(email.getContent()).isInstanceOf(MimeMultipart.class);
  }

  @Test
  void aRetriedSendAfterAnUnknownOutcomeAsksTwilioAndDoesNotSendTwice() {
    twilio.resetAll();
    // Twilio takes the message, then the connection breaks before the answer arrives
    twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    Nudge nudge = nudgeFor(smsDistributor);

    assertThatThrownBy(() -> runSendJob(nudge));
    SendLedger.Entry attempted = ledger.find(SendLedger.keyOf(nudge.id(), Channel.SMS)).orElseThrow();
    assertThat(attempted.status()).isEqualTo(SendLedger.Status.ATTEMPTING);

    twilio.stubFor(get(urlPathEqualTo(MESSAGES)).withQueryParam("To", equalTo(PHONE))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody("{\"messages\":[{\"sid\":\"SMalreadysent\",\"to\":\"" + PHONE + "\",\"body\":"
                + com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode(attempted.body()) + "}],"
                + "\"end\":0,\"first_page_uri\":\"" + MESSAGES + "?PageSize=50&Page=0\",\"next_page_uri\":null,"
                + "\"previous_page_uri\":null,\"uri\":\"" + MESSAGES + "?PageSize=50&Page=0\",\"page\":0,\"page_size\":50,\"start\":0}")));
    runSendJob(nudge);

    twilio.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)));
    SendLedger.Entry sent = ledger.find(SendLedger.keyOf(nudge.id(), Channel.SMS)).orElseThrow();
    assertThat(sent.status()).isEqualTo(SendLedger.Status.SENT);
    assertThat(sent.providerId()).isEqualTo("SMalreadysent");
  }

  @Test
  void twilioAnswering500RetriesThenRaisesAnIncidentAndACockpitRetrySendsOnce() {
    twilio.resetAll();
    acceptMessages();
    twilio.stubFor(post(urlPathEqualTo(MESSAGES)).atPriority(1).willReturn(aResponse().withStatus(500)
        .withHeader("Content-Type", "application/json").withBody("{\"code\":20500,\"message\":\"Internal Server Error\",\"status\":500}")));
    Nudge nudge = nudgeFor(smsDistributor);
    String jobId = sendJob(nudge).getId();

    int attempts = 0;
    for (; attempts < 10 && sendJob(nudge).getRetries() > 0; attempts++) {
      assertThatThrownBy(() -> engine.getManagementService().executeJob(jobId));
    }
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(deliveryOf(nudge).getId()).count())
        .as("an incident in Cockpit").isOne();
    assertThat(attempts).isGreaterThanOrEqualTo(4);
    // a 500 leaves the outcome in doubt: the SDK does not repeat the request, and each retry asks Twilio first
    assertThat(postsAnswered(500)).as("one request a try").isEqualTo(attempts);
    assertThat(listLookups()).as("Twilio asked before every retry").isEqualTo(attempts - 1);

    twilio.removeStub(twilio.getStubMappings().stream().filter(stub -> stub.getPriority() != null && stub.getPriority() == 1)
        .findFirst().orElseThrow());
    engine.getManagementService().setJobRetries(jobId, 1);
    engine.getManagementService().executeJob(jobId);

    assertThat(postsAnswered(201)).as("exactly one message delivered").isOne();
    assertThat(deliveryOf(nudge)).isNull();
  }

  @Test
  void aMessageTwilioTookBeforeAnswering500IsFoundAndNotSentAgain() {
    queueMessages();
    queue.acceptThenFail(1);
    Nudge nudge = nudgeFor(smsDistributor);

    assertThatThrownBy(() -> runSendJob(nudge));
    assertThat(queue.accepted()).as("the SDK did not repeat the request").hasSize(1);
    assertThat(smsEntry(nudge).status()).as("in doubt").isEqualTo(SendLedger.Status.ATTEMPTING);

    runSendJob(nudge);

    assertThat(queue.accepted()).as("Twilio got the reminder once").hasSize(1);
    SendLedger.Entry entry = smsEntry(nudge);
    assertThat(entry.status()).isEqualTo(SendLedger.Status.SENT);
    assertThat(entry.providerId()).isEqualTo(queue.accepted().get(0).sid);
    assertThat(deliveryOf(nudge)).isNull();
  }

  private int listLookups() {
    return (int) twilio.getAllServeEvents().stream()
        .filter(e -> e.getRequest().getUrl().startsWith(MESSAGES) && e.getRequest().getMethod().value().equals("GET")).count();
  }

  /** Twilio's rate limit: the first POST answered 429 (with {@code retryAfter}, else without the header), the next 201. */
  private static void limitOnce(String retryAfter) {
    twilio.resetAll();
    acceptMessages();
    var tooMany = aResponse().withStatus(429).withHeader("Content-Type", "application/json")
        .withBody("{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":429}");
    twilio.stubFor(post(urlPathEqualTo(MESSAGES)).atPriority(1).inScenario("rate limit").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(retryAfter == null ? tooMany : tooMany.withHeader("Retry-After", retryAfter)).willSetStateTo("open"));
  }

  private java.util.List<ServeEvent> posts() {
    return twilio.getAllServeEvents().stream()
        .filter(e -> e.getRequest().getUrl().startsWith(MESSAGES) && e.getRequest().getMethod().value().equals("POST"))
        .sorted(java.util.Comparator.comparing(e -> e.getRequest().getLoggedDate())).toList();
  }

  @Test
  void twilio429IsSentAgainAfterItsRetryAfterOnceWithoutAnyDoubt() {
    limitOnce("1");
    Nudge nudge = nudgeFor(smsDistributor);

    runSendJob(nudge);

    java.util.List<ServeEvent> posts = posts();
    assertThat(posts).extracting(e -> e.getResponse().getStatus()).containsExactly(429, 201);
    assertThat(Duration.between(posts.get(0).getRequest().getLoggedDate().toInstant(),
        posts.get(1).getRequest().getLoggedDate().toInstant())).as("the pause Twilio asked for").isGreaterThanOrEqualTo(
        Duration.ofMillis(950));
    SendLedger.Entry entry = smsEntry(nudge);
    assertThat(entry.status()).isEqualTo(SendLedger.Status.SENT);
    assertThat(entry.attempts()).as("one attempt: the 429 left nothing in doubt").isOne();
    assertThat(twilio.getAllServeEvents()).as("Twilio's message list never asked").noneMatch(e -> e.getRequest().getMethod().value()
        .equals("GET"));
    assertThat(deliveryOf(nudge)).as("the delivery has ended, without a retry of its job").isNull();
  }

  @Test
  void twilio429WithoutRetryAfterIsSentAgainAfterABackOff() {
    limitOnce(null);
    Nudge nudge = nudgeFor(smsDistributor);

    runSendJob(nudge);

    java.util.List<ServeEvent> posts = posts();
    assertThat(posts).extracting(e -> e.getResponse().getStatus()).containsExactly(429, 201);
    assertThat(Duration.between(posts.get(0).getRequest().getLoggedDate().toInstant(),
        posts.get(1).getRequest().getLoggedDate().toInstant())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    assertThat(smsEntry(nudge).status()).isEqualTo(SendLedger.Status.SENT);
  }

  @Test
  void aRefusedConnectionRetriesAndSendsOnceWhenTwilioIsBack() {
    Nudge nudge = nudgeFor(smsDistributor);
    int port = twilio.port();
    twilio.stop();
    try {
      assertThatThrownBy(() -> runSendJob(nudge));
      // refused, or a pooled connection that finds nobody answering: not sent, or not known to be
      assertThat(ledger.find(SendLedger.keyOf(nudge.id(), Channel.SMS)).orElseThrow().status())
          .isIn(SendLedger.Status.FAILED, SendLedger.Status.ATTEMPTING);
    } finally {
      twilio.start();
    }
    assertThat(twilio.port()).isEqualTo(port);
    acceptMessages();

    runSendJob(nudge);

    assertThat(postsAnswered(201)).isOne();
    assertThat(ledger.find(SendLedger.keyOf(nudge.id(), Channel.SMS)).orElseThrow().status()).isEqualTo(SendLedger.Status.SENT);
  }

  @Test
  void aReminderDueAt23LocalGoesOutAt8() {
    thresholds.change("notification.window.start-hour", "8", "test: the real window", "test");
    thresholds.change("notification.window.end-hour", "21", "test: the real window", "test");
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-23T22:00:00Z"))); // 23:00 in Berlin

    Nudge nudge = nudgeFor(smsDistributor);

    Job timer = sendJob(nudge);
    assertThat(engine.getRuntimeService().getActiveActivityIds(deliveryOf(nudge).getId())).containsExactly("Timer_SendWindowOpens");
    assertThat(timer.getDuedate()).isEqualTo(Date.from(Instant.parse("2026-11-24T07:00:00Z"))); // 08:00 in Berlin
    assertThat(twilio.getAllServeEvents()).isEmpty();

    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-24T07:00:01Z")));
    // the timer's job sends: one job per delivery
    engine.getManagementService().executeJob(timer.getId());

    assertThat(postsAnswered(201)).isOne();
  }

  @Test
  void stopBlocksTheNextSmsAndStartAllowsItAgain() throws Exception {
    signedInboundSms("Stop").andExpect(status().isOk());
    assertThat(optOuts.isOptedOut(PHONE, Channel.SMS)).isTrue();

    Nudge blocked = nudgeFor(smsDistributor);

    assertThat(deliveryOf(blocked)).as("skipped at once").isNull();
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().activityId("EndEvent_NudgeSkipped")
        .processInstanceId(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(blocked.id())
            .singleResult().getId()).count()).isOne();
    assertThat(twilio.getAllServeEvents()).isEmpty();

    signedInboundSms("START").andExpect(status().isOk());
    Nudge allowed = nudgeFor(smsDistributor);
    runSendJob(allowed);
    assertThat(postsAnswered(201)).isOne();
  }

  @Test
  void helpAnswersTheHelpText() throws Exception {
    signedInboundSms("help").andExpect(status().isOk()).andExpect(content().string(org.hamcrest.Matchers.containsString(
        "Reply STOP to stop")));
  }

  @Test
  void aForgedOrUnsignedWebhookGets403AndChangesNothing() throws Exception {
    inboundSms("STOP", "forged-signature").andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.title").value("Forbidden"))
        .andExpect(jsonPath("$.detail").value("Only requests signed by Twilio (X-Twilio-Signature) are accepted"));
    mvc.perform(MockMvcRequestBuilders.post("/webhooks/twilio/inbound").contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .param("From", PHONE).param("Body", "STOP")).andExpect(status().isForbidden());
    // signed for another body than the one sent
    inboundSms("STOP", signature("https://coach.example.com/webhooks/twilio/inbound", Map.of("From", PHONE, "Body", "HELLO")))
        .andExpect(status().isForbidden());
    assertThat(optOuts.isOptedOut(PHONE, Channel.SMS)).isFalse();
  }

  @Test
  void aSignedStatusCallbackRecordsTheDeliveryStatus() throws Exception {
    Nudge nudge = nudgeFor(smsDistributor);
    runSendJob(nudge);
    String sid = ledger.find(SendLedger.keyOf(nudge.id(), Channel.SMS)).orElseThrow().providerId();
    Map<String, String> params = Map.of("MessageSid", sid, "MessageStatus", "delivered");

    mvc.perform(MockMvcRequestBuilders.post("/webhooks/twilio/status").contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .param("MessageSid", sid).param("MessageStatus", "delivered")
            .header("X-Twilio-Signature", signature("https://coach.example.com/webhooks/twilio/status", params)))
        .andExpect(status().isNoContent());

    assertThat(ledger.find(SendLedger.keyOf(nudge.id(), Channel.SMS)).orElseThrow().providerStatus()).isEqualTo("delivered");
  }

  @Test
  void theEmailUnsubscribeLinkStopsTheNextEmail() throws Exception {
    Nudge first = nudgeFor(emailDistributor);
    runSendJob(first);
    String token = ledger.find(SendLedger.keyOf(first.id(), Channel.EMAIL)).orElseThrow().unsubscribeToken();

    mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/unsubscribe/" + token))
        .andExpect(status().isOk());
    assertThat(optOuts.isOptedOut(emailDistributor + "@example.com", Channel.EMAIL)).as("GET only asks").isFalse();
    mvc.perform(MockMvcRequestBuilders.post("/unsubscribe/" + token)).andExpect(status().isOk());
    mvc.perform(MockMvcRequestBuilders.post("/unsubscribe/not-a-token")).andExpect(status().isNotFound());

    Nudge second = nudgeFor(emailDistributor);
    assertThat(deliveryOf(second)).isNull();
    assertThat(smtp.getReceivedMessages()).hasSize(1);
  }

  // ---- every nudge reaches a person ------------------------------------------------------------

  private String newManager(String firstName) {
    String id = "mgr-" + UUID.randomUUID().toString().substring(0, 6);
    org.camunda.bpm.engine.identity.User user = engine.getIdentityService().newUser(id);
    user.setFirstName(firstName);
    user.setLastName("Manager");
    user.setEmail(id + "@example.com");
    user.setPassword("Bright-Meadow-42");
    engine.getIdentityService().saveUser(user);
    engine.getIdentityService().createMembership(id, "managers");
    return id;
  }

  private java.util.List<ProcessInstance> deliveriesOf(Nudge nudge) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(nudge.id())
        .processDefinitionKey("nudge-delivery").list();
  }

  private void runJobsOf(Nudge nudge) {
    for (ProcessInstance delivery : deliveriesOf(nudge)) {
      for (Job job : engine.getManagementService().createJobQuery().processInstanceId(delivery.getId()).list()) {
        engine.getManagementService().executeJob(job.getId());
      }
    }
  }

  private static java.util.List<String> recipientsOf(MimeMessage[] received) throws Exception {
    java.util.List<String> to = new java.util.ArrayList<>();
    for (MimeMessage message : received) {
      to.add(message.getAllRecipients()[0].toString());
    }
    return to;
  }

  private java.util.List<String> managerEmails() {
    return engine.getIdentityService().createUserQuery().memberOfGroup("managers").list().stream()
        .map(org.camunda.bpm.engine.identity.User::getEmail).filter(java.util.Objects::nonNull).toList();
  }

  @Test
  void aManagerNudgeReachesEveryManagerByEmailOnce() throws Exception {
    String ada = newManager("Ada");
    String ben = newManager("Ben");
    Nudge nudge = nudges.record("managers", Nudge.Audience.MANAGER, "JOURNEY_STALLED", null, smsDistributor, null,
        "coaching.manager.journey-stalled", 2, "Journey overdue: alert managers");

    assertThat(deliveriesOf(nudge)).as("one delivery per manager").hasSize(managerEmails().size());
    runJobsOf(nudge);
    runJobsOf(nudge);

    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(recipientsOf(received)).as("each manager once").containsExactlyInAnyOrderElementsOf(managerEmails())
        .contains(ada + "@example.com", ben + "@example.com");
    MimeMessage toAda = received[recipientsOf(received).indexOf(ada + "@example.com")];
    assertThat(GreenMailUtil.getBody(toAda)).as("names the distributor").contains("Dana Diaz");
    SendLedger.Entry adasEntry = ledger.find(SendLedger.keyOf(nudge.id(), ada, Channel.EMAIL)).orElseThrow();
    assertThat(adasEntry.status()).isEqualTo(SendLedger.Status.SENT);
    assertThat(adasEntry.address()).isEqualTo(ada + "@example.com");
    assertThat(ledger.find(SendLedger.keyOf(nudge.id(), ben, Channel.EMAIL)).orElseThrow().status()).isEqualTo(SendLedger.Status.SENT);
    assertThat(deliveriesOf(nudge)).as("every delivery has ended").isEmpty();
    assertThat(twilio.getAllServeEvents()).as("no SMS: managers are reached by email").isEmpty();
  }

  @Test
  void aManagerNudgeWaitsForTheSendWindowInTheCompanysTimeZone() throws Exception {
    String ada = newManager("Ada");
    thresholds.change("notification.window.start-hour", "8", "test: the real window", "test");
    thresholds.change("notification.window.end-hour", "21", "test: the real window", "test");
    // 23:00 UTC: the company's time zone (journey.notifications.default-time-zone, UTC here) for a manager without a profile
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-23T23:00:00Z")));

    Nudge nudge = nudges.record("managers", Nudge.Audience.MANAGER, "JOURNEY_STALLED", null, null, null,
        "coaching.manager.journey-stalled", 2, "Journey overdue: alert managers");

    ProcessInstance adasDelivery = deliveriesOf(nudge).stream()
        .filter(d -> ada.equals(engine.getRuntimeService().getVariable(d.getId(), "recipientId"))).findFirst().orElseThrow();
    Job timer = engine.getManagementService().createJobQuery().processInstanceId(adasDelivery.getId()).singleResult();
    assertThat(engine.getRuntimeService().getActiveActivityIds(adasDelivery.getId())).containsExactly("Timer_SendWindowOpens");
    assertThat(timer.getDuedate()).isEqualTo(Date.from(Instant.parse("2026-11-24T08:00:00Z")));
    assertThat(smtp.getReceivedMessages()).isEmpty();

    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-24T08:00:01Z")));
    runJobsOf(nudge);
    runJobsOf(nudge);

    assertThat(recipientsOf(smtp.getReceivedMessages())).containsExactlyInAnyOrderElementsOf(managerEmails());
  }

  @Test
  void aManagerWhoUnsubscribedIsSkippedAndTheOthersStillHearOfIt() throws Exception {
    String ada = newManager("Ada");
    String ben = newManager("Ben");
    optOuts.optOut(ben + "@example.com", Channel.EMAIL, "test");

    Nudge nudge = nudges.record("managers", Nudge.Audience.MANAGER, "JOURNEY_STALLED", null, null, null,
        "coaching.manager.journey-stalled", 2, "Journey overdue: alert managers");
    runJobsOf(nudge);

    assertThat(recipientsOf(smtp.getReceivedMessages())).contains(ada + "@example.com").doesNotContain(ben + "@example.com");
    assertThat(ledger.find(SendLedger.keyOf(nudge.id(), ben, Channel.EMAIL))).isEmpty();
  }

  @Test
  void aSponsorsAlertNamesTheEnrolleeAndLinksTheCheckInTask() throws Exception {
    String enrollee = "enr-" + UUID.randomUUID().toString().substring(0, 6);
    distributors.register(new Distributors.Registration(enrollee, "Ana", "Ruiz", enrollee + "@example.com", null,
        "Europe/Berlin", emailDistributor, false, null, null, "EMAIL", "Bright-Meadow-42"));
    smtp.purgeEmailFromAllMailboxes();

    Nudge alert = nudges.record(emailDistributor, Nudge.Audience.SPONSOR, "ENROLLEE_STALLED", null, enrollee, null,
        "coaching.sponsor.enrollee-stalled", 1, "Enrollee stalled");
    runSendJob(alert);

    org.camunda.bpm.engine.task.Task checkIn = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(enrollee)
        .taskDefinitionKey("Task_CheckInWithEnrollee").singleResult();
    assertThat(checkIn.getAssignee()).isEqualTo(emailDistributor);
    assertThat(checkIn.getName()).isEqualTo("Check in with Ana Ruiz");
    MimeMessage email = smtp.getReceivedMessages()[0];
    assertThat(email.getSubject()).isEqualTo("Check in with Ana Ruiz");
    assertThat(GreenMailUtil.getBody(email)).contains("Hi Eve, your enrollee Ana Ruiz has had no activity",
        "https://coach.example.com/camunda/app/tasklist/default/#/?task=" + checkIn.getId());
  }

  /** Registers a distributor as an enrollment from a prospect does: without a password. */
  private String enrolleeWithoutPassword() {
    String id = "enrollee-" + UUID.randomUUID().toString().substring(0, 8);
    distributors.register(new Distributors.Registration(id, "Rae", "-", id + "@example.com", null, "Europe/Berlin",
        emailDistributor, false, null, null, null, null));
    return id;
  }

  private String passwordLinkIn(MimeMessage email) throws Exception {
    java.util.regex.Matcher link = java.util.regex.Pattern.compile("https://coach\\.example\\.com/welcome/password#([A-Za-z0-9_-]+)")
        .matcher(GreenMailUtil.getWholeMessage(email));
    assertThat(link.find()).as("a link to set the password").isTrue();
    return link.group(1);
  }

  private org.springframework.test.web.servlet.ResultActions setPassword(String token, String password) throws Exception {
    return mvc.perform(MockMvcRequestBuilders.post("/welcome/password").contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .accept(MediaType.TEXT_HTML).param("token", token).param("password", password).param("passwordAgain", password));
  }

  @Test
  void anEnrolleesWelcomeCarriesALinkThatSetsThePasswordOnceStoringOnlyItsHash() throws Exception {
    String enrollee = enrolleeWithoutPassword();
    Nudge welcome = nudges.ofRecipient(enrollee).get(0);
    assertThat(welcome.messageKey()).isEqualTo("coaching.welcome.set-password");

    runSendJob(welcome);

    MimeMessage email = smtp.getReceivedMessages()[0];
    assertThat(email.getSubject()).isEqualTo("Welcome to the team: set your password");
    String token = passwordLinkIn(email);
    org.springframework.jdbc.core.simple.JdbcClient jdbc = org.springframework.jdbc.core.simple.JdbcClient.create(dataSource);
    assertThat(jdbc.sql("SELECT token_hash FROM password_link WHERE user_id = ?").param(enrollee).query(String.class).list())
        .as("only the token's SHA-256 is kept").hasSize(1).doesNotContain(token).allMatch(hash -> hash.matches("[0-9a-f]{64}"));
    assertThat(jdbc.sql("SELECT COUNT(*) FROM send_ledger WHERE body LIKE ?").param("%" + token + "%").query(Integer.class).single())
        .as("the ledger keeps the text without the link").isZero();
    assertThat(GreenMailUtil.getWholeMessage(email)).contains("Set your password");

    // a weak password: 400 with the policy's rules, and the link still works
    setPassword(token, "short").andExpect(status().isBadRequest())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("password: length")))
        .andExpect(content().string(org.hamcrest.Matchers.containsString("does not meet the password policy")));
    assertThat(passwordLinks.needsPassword(enrollee)).as("still without a password").isTrue();

    setPassword(token, "Sunny-Harbour-73").andExpect(status().isOk())
        .andExpect(content().string(org.hamcrest.Matchers.containsString(enrollee)));
    assertThat(engine.getIdentityService().checkPassword(enrollee, "Sunny-Harbour-73")).isTrue();

    // works once
    setPassword(token, "Other-Harbour-74").andExpect(status().isBadRequest())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("token: this link was used already")));
    assertThat(engine.getIdentityService().checkPassword(enrollee, "Sunny-Harbour-73")).isTrue();
  }

  @Test
  void aPasswordLinkExpires() throws Exception {
    String enrollee = enrolleeWithoutPassword();
    runSendJob(nudges.ofRecipient(enrollee).get(0));
    String token = passwordLinkIn(smtp.getReceivedMessages()[0]);

    ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofHours(72)).plusSeconds(5)));

    mvc.perform(MockMvcRequestBuilders.post("/welcome/password").contentType(MediaType.APPLICATION_JSON)
            .content("{\"token\":\"" + token + "\",\"password\":\"Sunny-Harbour-73\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.errors[0]").value(org.hamcrest.Matchers.startsWith("token: this link has expired")));
    assertThat(passwordLinks.needsPassword(enrollee)).as("still without a password").isTrue();
  }

  @Test
  void aDistributorRegisteredWithAPasswordGetsThePlainWelcome() throws Exception {
    Nudge welcome = nudges.ofRecipient(emailDistributor).stream().filter(n -> n.kind().equals("WELCOME")).findFirst().orElseThrow();
    assertThat(welcome.messageKey()).isEqualTo("coaching.welcome");

    // registered before the test opened the send window: it may wait for the morning first
    runJobsOf(welcome);
    runJobsOf(welcome);

    assertThat(GreenMailUtil.getWholeMessage(smtp.getReceivedMessages()[0])).doesNotContain("/welcome/password")
        .contains("/camunda/app/tasklist/default/");
  }

  @Test
  void badInputOnThePasswordPageAnswers400NamingTheField() throws Exception {
    mvc.perform(MockMvcRequestBuilders.post("/welcome/password").contentType(MediaType.APPLICATION_JSON)
            .content("{\"token\":\"not-a-token\",\"password\":\"\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors").value(org.hamcrest.Matchers.hasItems(
            org.hamcrest.Matchers.startsWith("token: "), org.hamcrest.Matchers.startsWith("password: required"))));
    String wellFormed = "A".repeat(43);
    mvc.perform(MockMvcRequestBuilders.post("/welcome/password").contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .param("token", wellFormed).param("password", "Sunny-Harbour-73").param("passwordAgain", "Sunny-Harbour-74"))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("passwordAgain: differs from the password")));
    mvc.perform(MockMvcRequestBuilders.get("/welcome/password")).andExpect(status().isOk())
        .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header().string("Cache-Control", "no-store"))
        .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header().string("X-Frame-Options", "DENY"));
  }
  // ---- the weekly digest of flagged distributors -------------------------------------------------

  @Autowired
  org.springframework.jdbc.core.simple.JdbcClient jdbc;
  @Autowired
  com.journeycoach.content.Catalog catalog;
  @Autowired
  com.journeycoach.content.SampleCatalog sampleCatalog;

  /** Starts weekly-digest as its timer does and runs it, then every delivery of the digests it recorded for these people. */
  private void runWeeklyDigest(String... recipients) {
    ProcessInstance run = engine.getRuntimeService().startProcessInstanceByKey("weekly-digest");
    for (Job job : engine.getManagementService().createJobQuery().processInstanceId(run.getId()).list()) {
      engine.getManagementService().executeJob(job.getId());
    }
    for (Nudge digest : digestsOf(recipients)) {
      runJobsOf(digest);
    }
  }

  private java.util.List<Nudge> digestsOf(String... recipients) {
    return nudges.ofRecipients(java.util.List.of(recipients)).stream().filter(n -> n.kind().equals(Nudge.WEEKLY_DIGEST)).toList();
  }

  private java.util.List<MimeMessage> mailTo(String address) throws Exception {
    java.util.List<MimeMessage> to = new java.util.ArrayList<>();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      if (message.getAllRecipients()[0].toString().equals(address)) {
        to.add(message);
      }
    }
    return to;
  }

  /** The plain text of an email, decoded (long lines of the raw message are wrapped). */
  private static String textOf(MimeMessage message) throws Exception {
    return textOf((jakarta.mail.Part) message);
  }

  private static String textOf(jakarta.mail.Part part) throws Exception {
    if (part.isMimeType("text/plain")) {
      return (String) part.getContent();
    }
    StringBuilder text = new StringBuilder();
    if (part.getContent() instanceof jakarta.mail.Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        text.append(textOf(multipart.getBodyPart(i)));
      }
    }
    return text.toString();
  }

  private static String nameOf(String distributorId) {
    return distributorId + " Tester";
  }

  @Test
  void aWeeklyDigestArrivesOncePerRecipientAndWeekEvenWhenTheRunIsTriggeredTwice() throws Exception {
    com.journeycoach.statistics.InsightsSeed line = com.journeycoach.statistics.InsightsSeed.plant(jdbc, distributors, catalog,
        sampleCatalog);
    String ada = newManager("Ada");
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2031-03-03T07:00:00Z"))); // a Monday

    runWeeklyDigest("managers", line.sponsor);
    runWeeklyDigest("managers", line.sponsor);

    assertThat(mailTo(line.sponsor + "@example.com")).as("the sponsor's digest, once").hasSize(1);
    assertThat(mailTo(ada + "@example.com")).as("the managers' digest, once to each").hasSize(1);
    assertThat(digestsOf("managers", line.sponsor)).as("one digest per recipient this week")
        .filteredOn(n -> n.reason().equals("Weekly digest 2031-W10")).hasSize(2);

    ClockUtil.setCurrentTime(Date.from(Instant.parse("2031-03-10T07:00:00Z"))); // the next Monday
    runWeeklyDigest("managers", line.sponsor);

    assertThat(mailTo(line.sponsor + "@example.com")).as("a digest a week").hasSize(2);
    assertThat(mailTo(ada + "@example.com")).hasSize(2);
  }

  @Test
  void aSponsorsDigestNamesOnlyTheirOwnDownlineAndLinksTasklist() throws Exception {
    com.journeycoach.statistics.InsightsSeed mine = com.journeycoach.statistics.InsightsSeed.plant(jdbc, distributors, catalog,
        sampleCatalog);
    com.journeycoach.statistics.InsightsSeed other = com.journeycoach.statistics.InsightsSeed.plant(jdbc, distributors, catalog,
        sampleCatalog);
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2031-03-17T07:00:00Z")));

    runWeeklyDigest(mine.sponsor, other.sponsor, mine.id("steady"));

    java.util.List<MimeMessage> digests = mailTo(mine.sponsor + "@example.com");
    assertThat(digests).hasSize(1);
    MimeMessage digest = digests.get(0);
    assertThat(digest.getSubject()).isEqualTo("Your line this week");
    String body = textOf(digest);
    assertThat(body).contains("Struggling: " + nameOf(mine.id("struggling")), "Excelling: " + nameOf(mine.id("excelling")),
            "https://coach.example.com/camunda/app/tasklist/default/")
        .doesNotContain(other.id("struggling"), other.id("excelling"), mine.id("steady"), mine.id("middling"));
    assertThat(textOf(mailTo(other.sponsor + "@example.com").get(0))).contains(nameOf(other.id("struggling")))
        .doesNotContain(mine.id("struggling"));
    assertThat(mailTo(mine.id("steady") + "@example.com")).as("a sponsor whose line has no flags gets no digest").isEmpty();
    assertThat(digestsOf(mine.id("steady"))).isEmpty();
  }

  @Test
  void anOptedOutSponsorGetsNoDigest() throws Exception {
    com.journeycoach.statistics.InsightsSeed line = com.journeycoach.statistics.InsightsSeed.plant(jdbc, distributors, catalog,
        sampleCatalog);
    optOuts.optOut(line.sponsor + "@example.com", Channel.EMAIL, "test");
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2031-03-24T07:00:00Z")));

    runWeeklyDigest(line.sponsor);

    assertThat(digestsOf(line.sponsor)).hasSize(1);
    assertThat(mailTo(line.sponsor + "@example.com")).isEmpty();
    assertThat(jdbc.sql("SELECT reason FROM nudge_skip WHERE nudge_id = ?").param(digestsOf(line.sponsor).get(0).id())
        .query(String.class).single()).isEqualTo("opted out of EMAIL");
  }

  @Test
  void aManagersDigestListsTheWholeNetworkAndLinksInsights() throws Exception {
    com.journeycoach.statistics.InsightsSeed one = com.journeycoach.statistics.InsightsSeed.plant(jdbc, distributors, catalog,
        sampleCatalog);
    com.journeycoach.statistics.InsightsSeed another = com.journeycoach.statistics.InsightsSeed.plant(jdbc, distributors, catalog,
        sampleCatalog);
    String ada = newManager("Ada");
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2031-03-31T07:00:00Z")));

    runWeeklyDigest("managers");

    java.util.List<MimeMessage> digests = mailTo(ada + "@example.com");
    assertThat(digests).hasSize(1);
    assertThat(digests.get(0).getSubject()).isEqualTo("The network this week");
    assertThat(textOf(digests.get(0))).contains("Hi Ada,", nameOf(one.id("struggling")), nameOf(one.id("excelling")),
            nameOf(another.id("struggling")), nameOf(another.id("excelling")),
            "https://coach.example.com/camunda/app/cockpit/default/#/insights")
        .doesNotContain(one.id("middling"));
  }
}
