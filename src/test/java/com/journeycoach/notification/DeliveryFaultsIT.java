package com.journeycoach.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.journeycoach.Http;
import com.journeycoach.MariaDb;
import com.journeycoach.TestUsers;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fault suite: two nodes of the packaged application on one MariaDB database, started once for
 * all faults, each fault striking while a burst of {@value #REMINDERS} reminders drains: the database
 * unreachable from one node for 30 s (a {@link DatabaseLink} between that node and MariaDB stops
 * forwarding; opt-in, also for longer than the job lock), Twilio answering 500, then 429,
 * then taking messages without answering for a minute (WireMock keeping Twilio's queue, {@link TwilioQueue}),
 * and the SMTP server down (GreenMail stopped, then started again on its port). After each, every reminder
 * of the burst reached the stand-in exactly once, the ledger has them all SENT, no incident is open, and each
 * node (the same process, never restarted) runs jobs again. The partitioned node must log no error but
 * that the database was out of reach: not the jobs the other node finished meanwhile.
 *
 * <p>Runs in {@code integration-test} (maven-failsafe-plugin, like {@link RestartDeliveryIT}) because it
 * needs the jar {@code package} builds.
 */
@Tag("mariadb")
@Tag("faults")
@ExtendWith(MariaDb.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeliveryFaultsIT {

  static final int REMINDERS = 2_000;
  static final int DISTRIBUTORS_PER_CHANNEL = 10;
  static final String ACCOUNT_SID = "AC" + "fedcba9876543210fedcba9876543210";
  static final String AUTH_TOKEN = "faults-test-token-" + UUID.randomUUID();
  static final String FROM = "+14155550101";
  static final String ADMIN = "admin";
  static final String MESSAGES_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";
  /**
   * A job's lock. Above the longest send here (the Twilio SDK gives up on an answer after 30.5 s), so
   * no second node runs a send still going; far shorter than production's so that the jobs a node held when
   * it lost the database are taken over within the test.
   */
  static final int LOCK_TIME_MILLIS = 60_000;
  /** Small pools, as several nodes share MariaDB's 151 connections with other tests (2 x threads + 5 at least). */
  static final int JOB_THREADS = 6;
  static final int POOL_SIZE = 20;
  static final Duration PARTITION = Duration.ofSeconds(30);
  /** Long enough for the locks the cut-off node holds to expire meanwhile. */
  static final Duration LONG_PARTITION = Duration.ofMillis(LOCK_TIME_MILLIS).plusSeconds(15);
  static final Duration TWILIO_ERRORS = Duration.ofSeconds(20);
  static final Duration TWILIO_TOO_MANY = Duration.ofSeconds(20);
  static final Duration TWILIO_SILENT = Duration.ofMinutes(1);
  /** Beyond the SDK's 30.5 s read timeout: the answer never comes in time. */
  static final int SILENT_ANSWER_MILLIS = 40_000;
  static final Duration SMTP_DOWN = Duration.ofSeconds(30);
  /** A healthy machine starts a node in about a minute; a busy CI machine takes longer. */
  static final Duration START_DEADLINE = Duration.ofMinutes(8);
  /** Retries come a minute apart (the send's retry cycle); a burst after a fault drains within minutes. */
  static final Duration DELIVERY_DEADLINE = Duration.ofMinutes(8);
  static final Path WORK = Path.of("target", "faults-it");
  static final String[] MESSAGE_KEYS = {"coaching.follow-up-now", "coaching.share-now", "coaching.check-in-on-view",
      "coaching.sequence-behind-pace", "coaching.add-first-prospects"};

  private final ObjectMapper json = new ObjectMapper();
  private final TwilioQueue twilio = new TwilioQueue(ACCOUNT_SID);
  private final ScheduledExecutorService twilioSends = Executors.newSingleThreadScheduledExecutor();
  private final List<Process> started = new ArrayList<>();
  private final String admin = Http.basic(ADMIN, TestUsers.ADMIN_PASSWORD);
  private final List<MimeMessage> mailOfStoppedServers = new ArrayList<>();
  private final StringBuilder summary = new StringBuilder();
  private WireMockServer wireMock;
  private GreenMail smtp;
  private int smtpPort;
  private DatabaseLink databaseLink;
  private String database;
  private final Node[] nodes = new Node[2];
  private Map<String, String> smsPhoneOf;
  private Map<String, String> emailOf;

  /** One node: its process, its HTTP client, its log and the host name its job log rows carry. */
  record Node(int number, Process process, Http http, Path log, String hostname) {
  }

  /** A burst: the reminders recorded and when they were released; what the stand-ins had received before. */
  record Burst(Map<String, String> recipientOfNudge, Instant released, int smsBefore, int mailBefore) {

    int size() {
      return recipientOfNudge.size();
    }
  }

  @BeforeAll
  void startTwoNodes() throws Exception {
    Files.createDirectories(WORK);
    database = MariaDb.freshDatabase();
    URI server = URI.create(MariaDb.serverUrl("").substring("jdbc:".length()));
    databaseLink = new DatabaseLink(server.getHost(), server.getPort());
    startStandIns();
    int[] ports = {freePort(), freePort()};
    // the first node reaches the database through the link the test partitions, the second directly
    String[] urls = {database.replace(server.getHost() + ":" + server.getPort(), "127.0.0.1:" + databaseLink.port()), database};
    List<Process> processes = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      processes.add(start(i + 1, ports[i], urls[i]));
    }
    for (int i = 0; i < 2; i++) {
      nodes[i] = new Node(i + 1, processes.get(i), new Http(ports[i]), WORK.resolve("app-" + (i + 1) + ".log"), "node-" + (i + 1));
      awaitHealthy(nodes[i]);
    }
    // the send window is always open, so every reminder is due at once
    put(nodes[0].http(), "/api/thresholds/notification.window.start-hour", "{\"value\":\"0\",\"reason\":\"fault test\"}");
    put(nodes[0].http(), "/api/thresholds/notification.window.end-hour", "{\"value\":\"24\",\"reason\":\"fault test\"}");
    smsPhoneOf = registerDistributors("SMS", "+49 151 345678");
    emailOf = registerDistributors("EMAIL", "+49 152 345678");
    // each registration starts an onboarding whose welcome goes out first
    await(Duration.ofMinutes(2), () -> twilio.accepted().size() >= DISTRIBUTORS_PER_CHANNEL
        && mailReceived().size() >= DISTRIBUTORS_PER_CHANNEL, "the welcome reminders sent");
  }

  @AfterAll
  void stopEverything() throws Exception {
    Files.writeString(WORK.resolve("summary.txt"), summary);
    twilioSends.shutdownNow();
    for (Process process : started) {
      if (process.isAlive()) {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
    }
    if (databaseLink != null) {
      databaseLink.close();
    }
    if (wireMock != null) {
      wireMock.stop();
    }
    if (smtp != null) {
      smtp.stop();
    }
  }

  @Test
  @Order(1)
  void everyReminderGoesOutOnceThoughOneNodeLosesTheDatabaseFor30Seconds() throws Exception {
    long logBefore = Files.size(nodes[0].log());
    Burst burst = burst(new ArrayList<>(smsPhoneOf.keySet()));
    awaitSent(burst, REMINDERS / 4);
    Instant cut = Instant.now();
    databaseLink.partition();
    Thread.sleep(PARTITION.toMillis());
    int sentDuringPartition = twilio.accepted().size() - burst.smsBefore();
    databaseLink.heal();
    Instant healed = Instant.now();
    awaitDelivered(burst);
    report("Database outage: node 1 cut off from MariaDB for " + seconds(PARTITION) + " after "
        + seconds(Duration.between(burst.released(), cut)) + " of the burst (" + sentDuringPartition
        + " sent by its end, in all); all delivered " + seconds(Duration.between(healed, Instant.now())) + " after it healed");
    assertEveryReminderOnce(burst, Channel.SMS);
    assertNodesWorkAgain(healed);
    List<String> errors = errorsLogged(nodes[0], logBefore);
    report("  node 1 logged " + errors.size() + " error lines from the partition on" + (errors.isEmpty() ? "" : ":\n    "
        + String.join("\n    ", errors.stream().limit(20).toList())));
    assertThat(errors).as("what node 1 logged as an error once the partition began").isEmpty();
  }

  @Test
  @Order(2)
  void everyReminderGoesOutOnceThoughTwilioFailsThenThrottlesThenTimesOutForAMinute() throws Exception {
    Burst burst = burst(new ArrayList<>(smsPhoneOf.keySet()));
    awaitSent(burst, REMINDERS / 4);
    Instant faultFrom = Instant.now();
    StubMapping failing = wireMock.stubFor(post(urlPathEqualTo(MESSAGES_PATH)).atPriority(0)
        .willReturn(twilioError(500, 20500, "Internal Server Error")));
    Thread.sleep(TWILIO_ERRORS.toMillis());
    StubMapping throttling = wireMock.stubFor(post(urlPathEqualTo(MESSAGES_PATH)).atPriority(0)
        .willReturn(twilioError(429, 20429, "Too Many Requests")));
    wireMock.removeStub(failing);
    Thread.sleep(TWILIO_TOO_MANY.toMillis());
    // Twilio takes each message and queues it, but its answer never comes in time
    StubMapping silent = wireMock.stubFor(post(urlPathEqualTo(MESSAGES_PATH)).atPriority(0)
        .withBasicAuth(ACCOUNT_SID, AUTH_TOKEN)
        .willReturn(aResponse().withFixedDelay(SILENT_ANSWER_MILLIS).withTransformers(TwilioQueue.NAME)));
    wireMock.removeStub(throttling);
    Thread.sleep(TWILIO_SILENT.toMillis());
    wireMock.removeStub(silent);
    Instant healed = Instant.now();
    int refusedWith500 = answered(500);
    int refusedWith429 = answered(429);
    awaitDelivered(burst);
    report("Twilio: 500 for " + seconds(TWILIO_ERRORS) + ", 429 for " + seconds(TWILIO_TOO_MANY) + ", no answer for "
        + seconds(TWILIO_SILENT) + " from " + seconds(Duration.between(burst.released(), faultFrom))
        + " into the burst; answered 500: " + refusedWith500 + ", 429: " + refusedWith429
        + "; all delivered " + seconds(Duration.between(healed, Instant.now())) + " after Twilio recovered");
    assertThat(refusedWith500).as("sends Twilio answered with 500").isPositive();
    assertThat(refusedWith429).as("sends Twilio answered with 429").isPositive();
    assertEveryReminderOnce(burst, Channel.SMS);
    assertNodesWorkAgain(healed);
  }

  @Test
  @Order(3)
  void everyEmailGoesOutOnceThoughTheMailServerIsDownFor30Seconds() throws Exception {
    Burst burst = burst(new ArrayList<>(emailOf.keySet()));
    await(Duration.ofMinutes(3), () -> mailReceived().size() - burst.mailBefore() >= REMINDERS / 4, "a quarter of the emails");
    Instant down = Instant.now();
    // GreenMail's stop starts it over empty: what it received stays with the store it had
    Managers stopped = smtp.getManagers();
    smtp.stop();
    synchronized (mailOfStoppedServers) {
      for (StoredMessage message : stopped.getImapHostManager().getAllMessages()) {
        mailOfStoppedServers.add(message.getMimeMessage());
      }
    }
    int receivedBeforeDown = mailReceived().size() - burst.mailBefore();
    Thread.sleep(SMTP_DOWN.toMillis());
    startSmtp();
    Instant healed = Instant.now();
    awaitDelivered(burst);
    report("SMTP: down for " + seconds(SMTP_DOWN) + " after " + seconds(Duration.between(burst.released(), down))
        + " of the burst (" + receivedBeforeDown + " received by then); all delivered "
        + seconds(Duration.between(healed, Instant.now())) + " after it came back");
    assertEveryReminderOnce(burst, Channel.EMAIL);
    assertNodesWorkAgain(healed);
  }

  @Test
  @Order(4)
  void everyReminderGoesOutOnceThoughOneNodeLosesTheDatabaseFor30SecondsAndThenForLongerThanItsLocks() throws Exception {
    // opt-in (-Dfaults.long-partition=true): it adds minutes, and it has not yet run to its end on a quiet machine
    assumeTrue(Boolean.getBoolean("faults.long-partition"), "-Dfaults.long-partition=true runs it");
    long logBefore = Files.size(nodes[0].log());
    Burst burst = burst(new ArrayList<>(smsPhoneOf.keySet()));
    awaitSent(burst, REMINDERS * 3 / 20);
    Instant cut = Instant.now();
    databaseLink.partition();
    Thread.sleep(PARTITION.toMillis());
    databaseLink.heal();
    Instant healed = Instant.now();
    int sentAfterFirst = twilio.accepted().size() - burst.smsBefore();
    // Longer than a lock: the other node takes over the jobs the cut-off node held, and that node, back,
    // finds them done (what a real outage of more than the 5 minutes of production's lock time does).
    awaitSent(burst, Math.min(REMINDERS * 4 / 5, Math.max(sentAfterFirst + REMINDERS / 20, REMINDERS * 2 / 5)));
    Instant secondCut = Instant.now();
    databaseLink.partition();
    Set<String> lockedAtCut = lockedJobs();
    Thread.sleep(LONG_PARTITION.toMillis());
    databaseLink.heal();
    Instant healedAgain = Instant.now();
    awaitDelivered(burst);
    report("Database outage: node 1 cut off from MariaDB for " + seconds(PARTITION) + " after "
        + seconds(Duration.between(burst.released(), cut)) + " of the burst (" + sentAfterFirst
        + " sent by its end), then for " + seconds(LONG_PARTITION) + " (the lock time is " + LOCK_TIME_MILLIS / 1000
        + " s) after " + seconds(Duration.between(burst.released(), secondCut)) + "; all delivered "
        + seconds(Duration.between(healedAgain, Instant.now())) + " after the second healed");
    assertEveryReminderOnce(burst, Channel.SMS);
    assertNodesWorkAgain(healed);
    // the other node may have sent all that was left while the first was cut off: a few more, for both
    Burst more = burst(new ArrayList<>(smsPhoneOf.keySet()), 100);
    awaitDelivered(more);
    assertEveryReminderOnce(more, Channel.SMS);
    assertNodesWorkAgain(healedAgain);
    int takenOver = takenOver(lockedAtCut, secondCut);
    report("  jobs the cut-off node held that the other ran when their locks expired: " + takenOver);
    assertThat(takenOver).as("jobs of the cut-off node the other took over").isPositive();
    // While the database is out of reach, a request or job that needs a new connection fails after the pool's
    // 30 s, and says so; nothing else is an error: not the jobs the other node finished meanwhile.
    List<String> errors = errorsLogged(nodes[0], logBefore);
    List<String> unreachable = errors.stream().filter(DeliveryFaultsIT::databaseUnreachable).toList();
    report("  node 1 logged " + errors.size() + " errors from the first partition on, " + unreachable.size()
        + " of them that the database could not be reached" + (errors.isEmpty() ? "" : ":\n    "
        + String.join("\n    ", errors.stream().limit(20).toList())));
    assertThat(errors).as("what node 1 logged as an error once the partitions began, but that the database was out of reach")
        .filteredOn(error -> !databaseUnreachable(error)).isEmpty();
  }

  // ---- a burst and what must hold after it ------------------------------------------------------

  /** Records the reminders while their jobs are held, then releases them at once. */
  private Burst burst(List<String> recipients) throws Exception {
    return burst(recipients, REMINDERS);
  }

  private Burst burst(List<String> recipients, int reminders) throws Exception {
    holdSendJobs(nodes[0].http(), true);
    Map<String, String> recipientOfNudge = scheduleNudges(recipients, reminders);
    int smsBefore = twilio.accepted().size();
    int mailBefore = mailReceived().size();
    holdSendJobs(nodes[1].http(), false);
    return new Burst(recipientOfNudge, Instant.now(), smsBefore, mailBefore);
  }

  private void awaitSent(Burst burst, int count) throws InterruptedException {
    await(Duration.ofMinutes(3), () -> twilio.accepted().size() - burst.smsBefore() >= count, count + " reminders sent");
  }

  private void awaitDelivered(Burst burst) throws InterruptedException {
    await(DELIVERY_DEADLINE, () -> delivered(burst), "all " + burst.size() + " reminders sent and their instances ended");
  }

  private boolean delivered(Burst burst) {
    try {
      return ledger(burst).stream().filter(row -> row.status().equals("SENT")).count() == burst.size()
          && running() == 0;
    } catch (SQLException e) {
      return false;
    }
  }

  /** Each reminder of the burst reached the stand-in once: by recipient and text, and by the provider's id. */
  private void assertEveryReminderOnce(Burst burst, Channel channel) throws Exception {
    List<LedgerRow> ledger = ledger(burst);
    assertThat(ledger).as("one ledger entry per reminder").hasSize(burst.size());
    assertThat(ledger).extracting(LedgerRow::status).as("every entry SENT").containsOnly("SENT");
    assertThat(ledger).extracting(LedgerRow::channel).containsOnly(channel.name());
    Map<String, Long> expected = count(ledger, row -> row.address() + " | " + row.body());
    Map<String, Long> sentIds;
    if (channel == Channel.SMS) {
      List<TwilioQueue.Sms> received = twilio.accepted().subList(burst.smsBefore(), twilio.accepted().size());
      assertThat(count(received, sms -> sms.to + " | " + sms.body)).as("SMS received by recipient and text")
          .isEqualTo(expected);
      sentIds = count(received, sms -> sms.sid);
    } else {
      List<MimeMessage> received = mailReceived().subList(burst.mailBefore(), mailReceived().size());
      assertThat(count(received, mail -> recipient(mail) + " | " + messageId(mail)))
          .as("emails received by recipient and Message-ID")
          .isEqualTo(count(ledger, row -> row.address() + " | " + row.providerId()));
      sentIds = count(received, DeliveryFaultsIT::messageId);
    }
    assertThat(sentIds.values()).as("messages received more than once").allMatch(n -> n == 1);
    assertThat(ledger).extracting(LedgerRow::providerId).as("each entry names a message received, none twice")
        .containsExactlyInAnyOrderElementsOf(sentIds.keySet());
    assertThat(wireMock.findAllUnmatchedRequests()).as("requests the stand-in did not expect").isEmpty();
    assertThat(incidents()).as("incidents left open").isZero();
  }

  /** Both nodes run jobs after the fault, in the processes started at first. */
  private void assertNodesWorkAgain(Instant since) throws SQLException {
    for (Node node : nodes) {
      assertThat(node.process().isAlive()).as("node %d still runs", node.number()).isTrue();
      HttpResponse<String> health = node.http().get("/actuator/health", null);
      assertThat(health.body()).as("node %d healthy", node.number()).contains("\"UP\"");
      assertThat(jobsRunSince(node, since)).as("jobs node %d ran successfully after the fault", node.number()).isPositive();
    }
  }

  private static <T> Map<String, Long> count(List<T> items, Function<T, String> key) {
    return items.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
  }

  // ---- the application as processes of their own -----------------------------------------------

  private Process start(int node, int port, String databaseUrl) throws IOException {
    Path jar = packagedJar();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = List.of(java, "-Xmx768m", "-XX:TieredStopAtLevel=1", "-jar", jar.toAbsolutePath().toString(),
        "--spring.profiles.active=mysql",
        "--camunda.bpm.job-execution.lock-time-in-millis=" + LOCK_TIME_MILLIS,
        "--spring.datasource.hikari.minimum-idle=2",
        // the job log's rows name the node that ran the job
        "--camunda.bpm.generic-properties.properties.hostname=node-" + node);
    ProcessBuilder builder = new ProcessBuilder(command).directory(WORK.toFile()).redirectErrorStream(true)
        .redirectOutput(WORK.resolve("app-" + node + ".log").toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("SPRING_") || name.startsWith("JOURNEY_") || name.startsWith("TWILIO_")
        || name.startsWith("CAMUNDA_"));
    env.put("PORT", String.valueOf(port));
    env.put("JOURNEY_DB_URL", databaseUrl);
    env.put("JOURNEY_DB_USER", MariaDb.user());
    env.put("JOURNEY_DB_PASSWORD", MariaDb.password());
    env.put("JOURNEY_DB_POOL_SIZE", String.valueOf(POOL_SIZE));
    env.put("JOURNEY_JOB_THREADS", String.valueOf(JOB_THREADS));
    env.put("JOURNEY_ADMIN_PASSWORD", TestUsers.ADMIN_PASSWORD);
    env.put("JOURNEY_PUBLIC_URL", "https://coach.example.com");
    env.put("TWILIO_ACCOUNT_SID", ACCOUNT_SID);
    env.put("TWILIO_AUTH_TOKEN", AUTH_TOKEN);
    env.put("TWILIO_FROM", FROM);
    env.put("TWILIO_API_BASE_URL", "http://127.0.0.1:" + wireMock.port());
    env.put("SPRING_MAIL_HOST", "127.0.0.1");
    env.put("SPRING_MAIL_PORT", String.valueOf(smtpPort));
    Process process = builder.start();
    started.add(process);
    return process;
  }

  private static Path packagedJar() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      return files.filter(p -> p.getFileName().toString().matches("journey-coach-.*\\.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("No target/journey-coach-*.jar: run mvn package first"));
    }
  }

  private void awaitHealthy(Node node) throws Exception {
    Instant deadline = Instant.now().plus(START_DEADLINE);
    while (Instant.now().isBefore(deadline)) {
      if (!node.process().isAlive()) {
        fail("Node " + node.number() + " stopped with exit code " + node.process().exitValue() + " while starting:\n"
            + tail(node.log()));
      }
      try {
        HttpResponse<String> health = node.http().get("/actuator/health", null);
        if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
          return;
        }
      } catch (UncheckedIOException notYet) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    fail("Node " + node.number() + " was not healthy within " + START_DEADLINE + ":\n" + tail(node.log()));
  }

  /**
   * The lines a node logged at ERROR from a point of its log on, with the lines that follow each (its
   * stack trace's first lines).
   */
  private static List<String> errorsLogged(Node node, long from) throws IOException {
    String text;
    try (var channel = Files.newByteChannel(node.log())) {
      channel.position(from);
      text = new String(java.nio.channels.Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
    }
    List<String> lines = text.lines().toList();
    List<String> errors = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).matches("^\\S+\\s+ERROR .*")) {
        errors.add(String.join(" / ", lines.subList(i, Math.min(lines.size(), i + 3))));
      }
    }
    return errors;
  }

  private static boolean databaseUnreachable(String error) {
    return Stream.of("Connection is not available", "Communications link failure", "Could not open JDBC Connection",
        "SQLTransientConnectionException").anyMatch(error::contains);
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  // ---- through the API, as a manager would --------------------------------------------------------

  private Map<String, String> registerDistributors(String channel, String phonePrefix) throws IOException {
    Map<String, String> addressOf = new LinkedHashMap<>();
    for (int i = 0; i < DISTRIBUTORS_PER_CHANNEL; i++) {
      String id = "faults-" + channel.toLowerCase(Locale.ROOT) + "-" + i;
      ObjectNode body = json.createObjectNode().put("id", id).put("firstName", "Fay" + (char) ('A' + i))
          .put("lastName", "Fault").put("email", id + "@example.com").put("phone", phonePrefix + (10 + i))
          .put("timeZone", "Europe/Berlin").put("preferredChannel", channel).put("password", TestUsers.PASSWORD);
      HttpResponse<String> response = nodes[i % 2].http().post("/api/distributors", admin, body.toString());
      assertThat(response.statusCode()).as("register %s: %s", id, response.body()).isEqualTo(201);
      addressOf.put(id, json.readTree(response.body()).path(channel.equals("SMS") ? "phone" : "email").asText());
    }
    return addressOf;
  }

  /** Records the reminders through POST /api/nudges, eight at a time, alternating between the nodes; answers nudge id to recipient. */
  private Map<String, String> scheduleNudges(List<String> recipients, int reminders) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      List<Future<String[]>> calls = new ArrayList<>();
      for (int i = 0; i < reminders; i++) {
        String recipient = recipients.get(i % recipients.size());
        String messageKey = MESSAGE_KEYS[(i / recipients.size()) % MESSAGE_KEYS.length];
        String body = json.createObjectNode().put("recipientId", recipient).put("messageKey", messageKey).toString();
        Http http = nodes[i % 2].http();
        calls.add(clients.submit(() -> {
          HttpResponse<String> response = http.post("/api/nudges", admin, body);
          assertThat(response.statusCode()).as("POST /api/nudges: %s", response.body()).isEqualTo(201);
          return new String[] {json.readTree(response.body()).path("id").asText(), recipient};
        }));
      }
      Map<String, String> recipientOfNudge = new LinkedHashMap<>();
      for (Future<String[]> call : calls) {
        String[] nudge = call.get(5, TimeUnit.MINUTES);
        recipientOfNudge.put(nudge[0], nudge[1]);
      }
      assertThat(recipientOfNudge).hasSize(reminders);
      return recipientOfNudge;
    } finally {
      clients.shutdownNow();
    }
  }

  /** Suspends (or activates) the jobs of nudge-delivery, those there and those to come, through Camunda's REST API. */
  private void holdSendJobs(Http http, boolean hold) {
    HttpResponse<String> response = http.put("/engine-rest/job-definition/suspended", admin,
        "{\"processDefinitionKey\":\"nudge-delivery\",\"suspended\":" + hold + ",\"includeJobs\":true}");
    assertThat(response.statusCode()).as("%s the send jobs: %s", hold ? "hold" : "release", response.body()).isEqualTo(204);
  }

  private void put(Http http, String path, String body) {
    HttpResponse<String> response = http.put(path, admin, body);
    assertThat(response.statusCode()).as("PUT %s: %s", path, response.body()).isEqualTo(200);
  }

  // ---- the database ---------------------------------------------------------------------------------

  record LedgerRow(String nudgeId, String channel, String address, String body, String status, String providerId) {
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(database, MariaDb.user(), MariaDb.password());
  }

  private List<LedgerRow> ledger(Burst burst) throws SQLException {
    List<LedgerRow> rows = new ArrayList<>();
    try (Connection connection = connect(); Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT nudge_id, channel, address, body, status, provider_id FROM send_ledger")) {
      while (rs.next()) {
        if (burst.recipientOfNudge().containsKey(rs.getString(1))) {
          rows.add(new LedgerRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
              rs.getString(6)));
        }
      }
    }
    return rows;
  }

  /** Instances of nudge-delivery still running. */
  private int running() throws SQLException {
    return count("SELECT COUNT(*) FROM ACT_RU_EXECUTION e JOIN ACT_RE_PROCDEF d ON e.PROC_DEF_ID_ = d.ID_"
        + " WHERE d.KEY_ = 'nudge-delivery'");
  }

  private int incidents() throws SQLException {
    return count("SELECT COUNT(*) FROM ACT_RU_INCIDENT");
  }

  /** The jobs locked now, by either node. */
  private Set<String> lockedJobs() throws SQLException {
    Set<String> ids = new HashSet<>();
    try (Connection connection = connect(); Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT ID_ FROM ACT_RU_JOB WHERE LOCK_EXP_TIME_ IS NOT NULL")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  /**
   * Of the jobs locked when the first node was cut off, those the second node ran to the end only after a lock
   * time had passed: the first node's (the second's own jobs end within moments).
   */
  private int takenOver(Set<String> lockedAtCut, Instant cut) throws SQLException {
    int count = 0;
    try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(
        "SELECT JOB_ID_ FROM ACT_HI_JOB_LOG WHERE HOSTNAME_ = 'node-2' AND JOB_STATE_ = 2 AND TIMESTAMP_ >= ?")) {
      statement.setTimestamp(1, Timestamp.from(cut.plusMillis(LOCK_TIME_MILLIS).truncatedTo(ChronoUnit.SECONDS)));
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          count += lockedAtCut.contains(rs.getString(1)) ? 1 : 0;
        }
      }
    }
    return count;
  }

  /** Jobs this node ran to the end since then (the job log's state 2), by the host name it was given. */
  private int jobsRunSince(Node node, Instant since) throws SQLException {
    try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(
        "SELECT COUNT(*) FROM ACT_HI_JOB_LOG WHERE HOSTNAME_ = ? AND JOB_STATE_ = 2 AND TIMESTAMP_ >= ?")) {
      statement.setString(1, node.hostname());
      // MariaDB keeps whole seconds here
      statement.setTimestamp(2, Timestamp.from(since.truncatedTo(ChronoUnit.SECONDS)));
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private int count(String sql) throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  // ---- the stand-ins ----------------------------------------------------------------------------------

  private void startStandIns() throws IOException {
    smtpPort = freePort();
    startSmtp();
    wireMock = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(80)
        .extensions(twilio));
    wireMock.start();
    wireMock.stubFor(post(urlPathEqualTo(MESSAGES_PATH)).atPriority(1)
        .withBasicAuth(ACCOUNT_SID, AUTH_TOKEN)
        .withHeader("Content-Type", matching("application/x-www-form-urlencoded.*"))
        .withFormParam("To", matching("\\+[1-9][0-9]{6,14}"))
        .withFormParam("From", equalTo(FROM))
        .withFormParam("Body", matching("(?s).+"))
        .willReturn(aResponse().withUniformRandomDelay(100, 200).withTransformers(TwilioQueue.NAME)));
    wireMock.stubFor(get(urlPathEqualTo(MESSAGES_PATH)).atPriority(1)
        .withBasicAuth(ACCOUNT_SID, AUTH_TOKEN)
        .willReturn(aResponse().withTransformers(TwilioQueue.NAME)));
    wireMock.stubFor(any(anyUrl()).atPriority(10)
        .willReturn(twilioError(400, 21601, "The stand-in refused this request")));
    // Twilio's queue lets the messages go about as fast as they come, so a look-up pages through few
    twilioSends.scheduleAtFixedRate(() -> twilio.sendNext(FROM), 20, 20, TimeUnit.MILLISECONDS);
  }

  private void startSmtp() {
    smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
  }

  /** Every email received, by this server and those stopped before, in order of arrival. */
  private List<MimeMessage> mailReceived() {
    List<MimeMessage> all;
    synchronized (mailOfStoppedServers) {
      all = new ArrayList<>(mailOfStoppedServers);
    }
    all.addAll(List.of(smtp.getReceivedMessages()));
    return all;
  }

  private static String recipient(MimeMessage mail) {
    try {
      return mail.getAllRecipients()[0].toString();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String messageId(MimeMessage mail) {
    try {
      return mail.getMessageID();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ResponseDefinitionBuilder twilioError(int status, int code, String message) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
        .withBody("{\"code\":" + code + ",\"message\":\"" + message + "\",\"more_info\":\"https://www.twilio.com/docs/errors/"
            + code + "\",\"status\":" + status + "}");
  }

  /** POSTs of a message the stand-in answered with this status. */
  private int answered(int status) {
    return (int) wireMock.getAllServeEvents().stream()
        .filter(event -> event.getRequest().getMethod().getName().equals("POST"))
        .filter(event -> event.getResponse().getStatus() == status).count();
  }

  // ---- waiting and telling -----------------------------------------------------------------------------

  private static void await(Duration timeout, BooleanSupplier condition, String what) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        fail("Waited " + timeout + " for " + what);
      }
      Thread.sleep(200);
    }
  }

  private void report(String line) throws IOException {
    System.out.println(line);
    summary.append(line).append(System.lineSeparator());
    Files.writeString(WORK.resolve("summary.txt"), summary.toString(), StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING);
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }
}
