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

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.journeycoach.Http;
import com.journeycoach.MariaDb;
import com.journeycoach.TestUsers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The restart test: two nodes of the packaged application run as processes of their own on one
 * MariaDB database and send 2,000 reminders through the real Twilio SDK to a stand-in that keeps
 * Twilio's queue ({@link TwilioQueue}: an accepted message waits {@code queued}, without a date
 * sent, while the sender's queue drains one message a second). One node is killed hard (SIGKILL)
 * while the reminders go out; the other takes its jobs over when their locks expire, including the
 * reminders the dead node left in doubt (ledger ATTEMPTING), which Twilio may hold in its queue.
 * Every reminder must reach the stand-in exactly once.
 *
 * <p>Runs in {@code integration-test} (maven-failsafe-plugin) because it needs the jar {@code package} builds.
 */
@Tag("mariadb")
@Tag("restart")
@ExtendWith(MariaDb.class)
class RestartDeliveryIT {

  static final int DISTRIBUTORS = 10;
  static final int NUDGES = 2_000;
  /** The reminders scheduled plus each distributor's onboarding welcome. */
  static final int MESSAGES = NUDGES + DISTRIBUTORS;
  static final String ACCOUNT_SID = "AC" + "0123456789abcdef0123456789abcdef";
  static final String AUTH_TOKEN = "restart-test-token-" + UUID.randomUUID();
  static final String FROM = "+14155550100";
  static final String ADMIN = "admin";
  static final String ADMIN_PASSWORD = TestUsers.ADMIN_PASSWORD;
  static final String MESSAGES_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";
  /** Twilio sends about one message a second from a long code; the rest wait in its queue. */
  static final Duration QUEUE_PACE = Duration.ofSeconds(1);
  /**
   * How long a job stays locked to the node that picked it. Camunda's default is 5 minutes: the
   * jobs the killed node had locked are picked up again only when their lock expires, so the test
   * would wait 5 minutes. 15 seconds is still far above one send (tens of milliseconds here); a
   * lock shorter than a send would let a second thread run the same job while the first one is
   * still in it.
   */
  static final int LOCK_TIME_MILLIS = 15_000;
  /** Reminders due when the surviving node is asked to stop. */
  static final int NUDGES_AT_SHUTDOWN = 400;
  /** Spring's graceful shutdown (30 s per phase) and the job executor's wait for running jobs, with room. */
  static final Duration SHUTDOWN_DEADLINE = Duration.ofSeconds(45);
  static final Path WORK = Path.of("target", "restart-it");
  static final Duration START_DEADLINE = Duration.ofMinutes(4);
  static final Duration DELIVERY_DEADLINE = Duration.ofMinutes(5);
  static final String[] MESSAGE_KEYS = {"coaching.follow-up-now", "coaching.share-now", "coaching.check-in-on-view",
      "coaching.sequence-behind-pace", "coaching.add-first-prospects"};

  private final ObjectMapper json = new ObjectMapper();
  private final TwilioQueue twilio = new TwilioQueue(ACCOUNT_SID);
  private final ScheduledExecutorService queue = Executors.newSingleThreadScheduledExecutor();
  private WireMockServer wireMock;
  private final List<SlowLink> links = new ArrayList<>();
  private GreenMail smtp;
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void stopEverything() throws InterruptedException {
    queue.shutdownNow();
    for (Process process : started) {
      if (process.isAlive()) {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
    }
    links.forEach(SlowLink::close);
    if (wireMock != null) {
      wireMock.stop();
    }
    if (smtp != null) {
      smtp.stop();
    }
  }

  @Test
  void everyReminderReachesTwilioExactlyOnceThoughOneOfTwoNodesIsKilledWhileTwilioQueues() throws Exception {
    Files.createDirectories(WORK);
    String database = MariaDb.freshDatabase();
    startStandIns();
    SlowLink linkOfFirst = new SlowLink(wireMock.port(), 40, 250);
    SlowLink linkOfSecond = new SlowLink(wireMock.port(), 40, 250);
    links.addAll(List.of(linkOfFirst, linkOfSecond));
    int firstPort = freePort();
    int secondPort = freePort();
    Http first = new Http(firstPort);
    Http second = new Http(secondPort);
    String admin = Http.basic(ADMIN, ADMIN_PASSWORD);

    // a cluster's nodes start together on the empty database
    Process firstNode = start(1, firstPort, database, linkOfFirst);
    Process secondNode = start(2, secondPort, database, linkOfSecond);
    awaitHealthy(firstNode, first, WORK.resolve("app-1.log"));
    awaitHealthy(secondNode, second, WORK.resolve("app-2.log"));
    queue.scheduleAtFixedRate(() -> twilio.sendNext(FROM), QUEUE_PACE.toMillis(), QUEUE_PACE.toMillis(),
        TimeUnit.MILLISECONDS);

    // the send window is always open, so every reminder is due at once
    put(first, admin, "/api/thresholds/notification.window.start-hour", "{\"value\":\"0\",\"reason\":\"restart test\"}");
    put(first, admin, "/api/thresholds/notification.window.end-hour", "{\"value\":\"24\",\"reason\":\"restart test\"}");

    Map<String, String> phoneOf = registerDistributors(first, admin);
    // each registration starts the distributor's onboarding, whose welcome is a reminder too: let
    // those go out first; they are counted with the rest below
    await(Duration.ofMinutes(1), () -> twilio.accepted().size() >= DISTRIBUTORS, "the welcome reminders sent");
    int welcomes = twilio.accepted().size();
    // All reminders are recorded first and then become due together: their jobs are held
    // (suspended) while the nudges are recorded, else the nodes would have sent most of them
    // before the last one is recorded.
    holdSendJobs(first, admin, true);
    Instant schedulingStarted = Instant.now();
    Map<String, String> recipientOfNudge = scheduleNudges(List.of(first, second), admin, new ArrayList<>(phoneOf.keySet()),
        NUDGES);
    Duration scheduling = Duration.between(schedulingStarted, Instant.now());
    assertThat(twilio.accepted()).as("nothing sent while the jobs are held").hasSize(welcomes);
    Instant released = Instant.now();
    holdSendJobs(second, admin, false);

    // kill the first node once a good part, but not all, went out
    int killAt = welcomes + NUDGES * 2 / 5;
    await(Duration.ofMinutes(2), () -> twilio.accepted().size() >= killAt || !firstNode.isAlive(),
        "the nodes to send " + killAt + " reminders");
    assertThat(firstNode.isAlive()).as("the first node is still running before the kill").isTrue();
    ProcessHandle handle = firstNode.toHandle();
    firstNode.destroyForcibly(); // SIGKILL on Linux
    linkOfFirst.cut(); // what the node had not finished writing never leaves it
    assertThat(firstNode.waitFor(30, TimeUnit.SECONDS)).as("the killed node is gone").isTrue();
    Instant killed = Instant.now();
    Duration sendingBeforeKill = Duration.between(released, killed);
    int acceptedAtKill = twilio.accepted().size();
    int cutOffOnTheWay = linkOfFirst.dropped.get();
    Set<String> attemptingAtKill = attempting(database);
    // a process that died of signal 9 reports 128 + 9
    assertThat(firstNode.exitValue()).as("killed by SIGKILL, not shut down").isEqualTo(137);
    assertThat(handle.isAlive()).isFalse();
    assertThat(acceptedAtKill - welcomes).as("killed while sending: some reminders went out, not all")
        .isBetween(1, NUDGES - 1);

    // The second node finishes its own sends within moments; what stays ATTEMPTING until the dead
    // node's locks expire is what the dead node left in doubt.
    Thread.sleep(LOCK_TIME_MILLIS / 3);
    Set<String> inDoubt = new TreeSet<>(attemptingAtKill);
    inDoubt.retainAll(attempting(database));
    await(DELIVERY_DEADLINE, () -> allDelivered(database) || !secondNode.isAlive(),
        "all " + MESSAGES + " reminders sent and their instances ended");
    Duration afterKill = Duration.between(killed, Instant.now());
    assertThat(secondNode.isAlive()).as("the second node still runs").isTrue();

    // what the stand-in received, by recipient and text
    List<TwilioQueue.Sms> received = twilio.accepted();
    List<LedgerRow> ledger = ledger(database);
    Map<String, Long> expected = ledger.stream()
        .collect(Collectors.groupingBy(row -> row.address() + " | " + row.body(), TreeMap::new, Collectors.counting()));
    Map<String, Long> actual = received.stream()
        .collect(Collectors.groupingBy(sms -> sms.to + " | " + sms.body, TreeMap::new, Collectors.counting()));
    long duplicates = 0;
    long missing = 0;
    Map<String, String> wrong = new TreeMap<>();
    Set<String> keys = new HashSet<>(expected.keySet());
    keys.addAll(actual.keySet());
    for (String key : keys) {
      long difference = actual.getOrDefault(key, 0L) - expected.getOrDefault(key, 0L);
      duplicates += Math.max(0, difference);
      missing += Math.max(0, -difference);
      if (difference != 0) {
        wrong.put(key, "received " + actual.getOrDefault(key, 0L) + ", nudges " + expected.getOrDefault(key, 0L));
      }
    }
    Set<String> issuedSids = received.stream().map(sms -> sms.sid).collect(Collectors.toSet());
    Map<String, Long> nudgesPerSid = ledger.stream().filter(row -> row.providerId() != null)
        .collect(Collectors.groupingBy(LedgerRow::providerId, Collectors.counting()));
    long sharedSids = nudgesPerSid.values().stream().filter(count -> count > 1).count();
    long stillQueued = received.stream().filter(sms -> sms.sent == null).count();
    // An entry in doubt that Twilio had: its message was created before the kill. Queued: Twilio had
    // not sent it yet when the dead node's locks expired and the look-up could first run.
    Map<String, TwilioQueue.Sms> bySid = received.stream().collect(Collectors.toMap(sms -> sms.sid, sms -> sms));
    Instant lookUpFrom = killed.plusMillis(LOCK_TIME_MILLIS);
    List<TwilioQueue.Sms> inDoubtAtTwilio = ledger.stream().filter(row -> inDoubt.contains(row.nudgeId()))
        .map(row -> bySid.get(row.providerId())).filter(sms -> sms != null && sms.created.isBefore(killed)).toList();
    long inDoubtQueued = inDoubtAtTwilio.stream().filter(sms -> sms.sent == null || sms.sent.isAfter(lookUpFrom)).count();

    String summary = String.join(System.lineSeparator(),
        "Restart test: " + NUDGES + " reminders to " + DISTRIBUTORS + " distributors on two nodes (recorded in "
            + seconds(scheduling) + ", then due at once); Twilio's queue sends one a " + QUEUE_PACE.toSeconds() + " s",
        "  accepted by Twilio before the first node was killed (SIGKILL, " + seconds(sendingBeforeKill)
            + " after they became due): " + (acceptedAtKill - welcomes),
        "  left in doubt by the dead node (ATTEMPTING until its locks expired): " + inDoubt.size() + ", of which "
            + inDoubtAtTwilio.size() + " Twilio had taken (the answer cut off; " + inDoubtQueued
            + " still in its queue at the look-up) and " + (inDoubt.size() - inDoubtAtTwilio.size())
            + " never reached it (" + cutOffOnTheWay + " requests cut off on the way)",
        "  all delivered " + seconds(afterKill) + " after the kill; message-list look-ups: " + twilio.lookups()
            + "; still queued at Twilio at the end: " + stillQueued,
        "  POSTs received: " + received.size() + ", duplicates: " + duplicates + ", missing: " + missing
            + ", ledger entries sharing a message sid: " + sharedSids,
        "  ledger now: " + ledgerByStatus(database));
    System.out.println(summary);
    Files.writeString(WORK.resolve("summary.txt"), summary + System.lineSeparator());

    assertThat(inDoubt).as("reminders the dead node left in doubt: none, and the test proves nothing").isNotEmpty();
    assertThat(inDoubtQueued).as("reminders in doubt that Twilio had queued: none, and the queue's case is not tried")
        .isPositive();
    assertThat(ledger).as("one ledger entry per nudge, welcomes included").hasSize(MESSAGES);
    assertThat(ledger).extracting(LedgerRow::nudgeId).containsAll(recipientOfNudge.keySet());
    for (LedgerRow row : ledger.stream().filter(row -> recipientOfNudge.containsKey(row.nudgeId())).toList()) {
      assertThat(row.address()).as("nudge %s goes to its recipient's phone", row.nudgeId())
          .isEqualTo(phoneOf.get(recipientOfNudge.get(row.nudgeId())));
    }
    assertThat(wireMock.findAllUnmatchedRequests()).as("requests the stand-in did not expect").isEmpty();
    assertThat(refused()).as("requests the stand-in refused").isEmpty();
    assertThat(wrong).as("recipient and text whose messages received differ from the nudges scheduled").isEmpty();
    assertThat(received).as("one POST per nudge").hasSize(MESSAGES);
    assertThat(issuedSids).as("every accepted message has its own sid").hasSize(MESSAGES);
    assertThat(nudgesPerSid.keySet()).as("each nudge's ledger entry names a message the stand-in accepted")
        .containsExactlyInAnyOrderElementsOf(issuedSids);
    assertThat(sharedSids).as("ledger entries that claim the same message").isZero();
    assertThat(processInstances(database)).as("nudge-delivery instances: ended at 'Nudge sent', still running, incidents")
        .containsExactly(MESSAGES, 0, 0);

    // The surviving node stops on SIGTERM while it sends, within its graceful shutdown time, and
    // finishes the sends it has begun.
    holdSendJobs(second, admin, true);
    scheduleNudges(List.of(second), admin, new ArrayList<>(phoneOf.keySet()), NUDGES_AT_SHUTDOWN);
    holdSendJobs(second, admin, false);
    await(Duration.ofMinutes(1), () -> twilio.accepted().size() >= MESSAGES + NUDGES_AT_SHUTDOWN / 10,
        "the second node to send again");
    Instant stopAsked = Instant.now();
    int sentAtStop = twilio.accepted().size() - MESSAGES;
    secondNode.destroy(); // SIGTERM on Linux
    boolean stopped = secondNode.waitFor(SHUTDOWN_DEADLINE.toSeconds(), TimeUnit.SECONDS);
    Duration stopping = Duration.between(stopAsked, Instant.now());
    int sentBeforeStop = twilio.accepted().size() - MESSAGES;
    String shutdown = "  SIGTERM while sending " + NUDGES_AT_SHUTDOWN + " more (" + sentAtStop + " sent): stopped "
        + (stopped ? "after " + seconds(stopping) : "not within " + SHUTDOWN_DEADLINE) + ", " + sentBeforeStop
        + " sent by then, ledger: " + ledgerByStatus(database);
    System.out.println(shutdown);
    Files.writeString(WORK.resolve("summary.txt"), shutdown + System.lineSeparator(), StandardOpenOption.APPEND);
    assertThat(stopped).as("the node stopped on SIGTERM within %s while sending", SHUTDOWN_DEADLINE).isTrue();
    assertThat(secondNode.exitValue()).as("stopped by SIGTERM").isEqualTo(143);
    assertThat(sentAtStop).as("asked to stop while sending").isLessThan(NUDGES_AT_SHUTDOWN);
    assertThat(attempting(database)).as("sends begun and not finished when the node stopped").isEmpty();
  }

  // ---- the application as its own process -------------------------------------------------

  private Process start(int node, int port, String database, SlowLink link) throws IOException {
    Path jar = packagedJar();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // C1 only: the application starts in a third of the time on a small machine; it changes nothing the test checks
    List<String> command = List.of(java, "-Xmx1g", "-XX:TieredStopAtLevel=1", "-jar", jar.toAbsolutePath().toString(),
        "--spring.profiles.active=mysql",
        "--camunda.bpm.job-execution.lock-time-in-millis=" + LOCK_TIME_MILLIS);
    ProcessBuilder builder = new ProcessBuilder(command).directory(WORK.toFile()).redirectErrorStream(true)
        .redirectOutput(WORK.resolve("app-" + node + ".log").toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("SPRING_") || name.startsWith("JOURNEY_") || name.startsWith("TWILIO_")
        || name.startsWith("CAMUNDA_"));
    env.put("PORT", String.valueOf(port));
    env.put("JOURNEY_DB_URL", database);
    env.put("JOURNEY_DB_USER", MariaDb.user());
    env.put("JOURNEY_DB_PASSWORD", MariaDb.password());
    env.put("JOURNEY_ADMIN_PASSWORD", ADMIN_PASSWORD);
    // the same public address for both nodes (a load balancer's): it is part of every reminder's text
    env.put("JOURNEY_PUBLIC_URL", "https://coach.example.com");
    env.put("TWILIO_ACCOUNT_SID", ACCOUNT_SID);
    env.put("TWILIO_AUTH_TOKEN", AUTH_TOKEN);
    env.put("TWILIO_FROM", FROM);
    env.put("TWILIO_API_BASE_URL", "http://127.0.0.1:" + link.port());
    env.put("SPRING_MAIL_HOST", "127.0.0.1");
    env.put("SPRING_MAIL_PORT", String.valueOf(smtp.getSmtp().getPort()));
    Process process = builder.start();
    started.add(process);
    return process;
  }

  private static Path packagedJar() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      return files.filter(p -> p.getFileName().toString().matches("journey-coach-.*\\.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("No target/journey-coach-*.jar: run mvn package first"
              + " (mvn verify runs this test after package)"));
    }
  }

  private void awaitHealthy(Process process, Http http, Path log) throws Exception {
    Instant deadline = Instant.now().plus(START_DEADLINE);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        fail("The application stopped with exit code " + process.exitValue() + " while starting:\n" + tail(log));
      }
      try {
        HttpResponse<String> health = http.get("/actuator/health", null);
        if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
          return;
        }
      } catch (UncheckedIOException notYet) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    fail("The application was not healthy within " + START_DEADLINE + ":\n" + tail(log));
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

  // ---- through the API, as a manager would ------------------------------------------------

  private Map<String, String> registerDistributors(Http http, String admin) throws IOException {
    Map<String, String> phoneOf = new LinkedHashMap<>();
    for (int i = 0; i < DISTRIBUTORS; i++) {
      String id = "restart-" + i;
      ObjectNode body = json.createObjectNode().put("id", id).put("firstName", "Dana" + (char) ('A' + i))
          .put("lastName", "Restart").put("email", id + "@example.com").put("phone", "+49 151 234567" + (10 + i))
          .put("timeZone", "Europe/Berlin").put("preferredChannel", "SMS").put("password", TestUsers.PASSWORD);
      HttpResponse<String> response = http.post("/api/distributors", admin, body.toString());
      assertThat(response.statusCode()).as("register %s: %s", id, response.body()).isEqualTo(201);
      phoneOf.put(id, json.readTree(response.body()).path("phone").asText());
    }
    assertThat(new HashSet<>(phoneOf.values())).hasSize(DISTRIBUTORS);
    return phoneOf;
  }

  /** Records the nudges through POST /api/nudges, eight at a time, alternating between the nodes; answers nudge id to recipient. */
  private Map<String, String> scheduleNudges(List<Http> nodes, String admin, List<String> recipients, int nudges)
      throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      List<Future<String[]>> calls = new ArrayList<>();
      for (int i = 0; i < nudges; i++) {
        String recipient = recipients.get(i % recipients.size());
        String messageKey = MESSAGE_KEYS[(i / recipients.size()) % MESSAGE_KEYS.length];
        String body = json.createObjectNode().put("recipientId", recipient).put("messageKey", messageKey).toString();
        Http http = nodes.get(i % nodes.size());
        calls.add(clients.submit(() -> {
          HttpResponse<String> response = http.post("/api/nudges", admin, body);
          assertThat(response.statusCode()).as("POST /api/nudges: %s", response.body()).isEqualTo(201);
          return new String[] {json.readTree(response.body()).path("id").asText(), recipient};
        }));
      }
      Map<String, String> recipientOfNudge = new HashMap<>();
      for (Future<String[]> call : calls) {
        String[] nudge = call.get(4, TimeUnit.MINUTES);
        recipientOfNudge.put(nudge[0], nudge[1]);
      }
      assertThat(recipientOfNudge).hasSize(nudges);
      return recipientOfNudge;
    } finally {
      clients.shutdownNow();
    }
  }

  /** Suspends (or activates) the jobs of nudge-delivery, those there and those to come, through Camunda's REST API. */
  private static void holdSendJobs(Http http, String admin, boolean hold) {
    HttpResponse<String> response = http.put("/engine-rest/job-definition/suspended", admin,
        "{\"processDefinitionKey\":\"nudge-delivery\",\"suspended\":" + hold + ",\"includeJobs\":true}");
    assertThat(response.statusCode()).as("%s the send jobs: %s", hold ? "hold" : "release", response.body()).isEqualTo(204);
  }

  private static void put(Http http, String admin, String path, String body) {
    HttpResponse<String> response = http.put(path, admin, body);
    assertThat(response.statusCode()).as("PUT %s: %s", path, response.body()).isEqualTo(200);
  }

  // ---- the database ------------------------------------------------------------------------

  record LedgerRow(String nudgeId, String address, String body, String status, String providerId) {
  }

  private static Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(database, MariaDb.user(), MariaDb.password());
  }

  private static Map<String, Integer> ledgerByStatus(String database) throws SQLException {
    Map<String, Integer> byStatus = new TreeMap<>();
    try (Connection connection = connect(database); Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT status, COUNT(*) FROM send_ledger GROUP BY status")) {
      while (rs.next()) {
        byStatus.put(rs.getString(1), rs.getInt(2));
      }
    }
    return byStatus;
  }

  private static Set<String> attempting(String database) throws SQLException {
    Set<String> nudges = new TreeSet<>();
    try (Connection connection = connect(database); Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT nudge_id FROM send_ledger WHERE status = 'ATTEMPTING'")) {
      while (rs.next()) {
        nudges.add(rs.getString(1));
      }
    }
    return nudges;
  }

  private static List<LedgerRow> ledger(String database) throws SQLException {
    List<LedgerRow> rows = new ArrayList<>();
    try (Connection connection = connect(database); Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT nudge_id, address, body, status, provider_id FROM send_ledger")) {
      while (rs.next()) {
        rows.add(new LedgerRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
      }
    }
    return rows;
  }

  /** Ended at "Nudge sent", still running, and open incidents of nudge-delivery. */
  private static List<Integer> processInstances(String database) throws SQLException {
    try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
      return List.of(
          count(statement, "SELECT COUNT(*) FROM ACT_HI_PROCINST WHERE PROC_DEF_KEY_ = 'nudge-delivery'"
              + " AND END_TIME_ IS NOT NULL AND END_ACT_ID_ = 'EndEvent_NudgeSent'"),
          count(statement, "SELECT COUNT(*) FROM ACT_RU_EXECUTION e JOIN ACT_RE_PROCDEF d ON e.PROC_DEF_ID_ = d.ID_"
              + " WHERE d.KEY_ = 'nudge-delivery'"),
          count(statement, "SELECT COUNT(*) FROM ACT_RU_INCIDENT"));
    }
  }

  private static boolean allDelivered(String database) {
    try {
      return ledgerByStatus(database).getOrDefault("SENT", 0) == MESSAGES
          && processInstances(database).get(1) == 0;
    } catch (SQLException e) {
      return false;
    }
  }

  private static int count(Statement statement, String sql) throws SQLException {
    try (ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  // ---- waiting -------------------------------------------------------------------------------

  private static void await(Duration timeout, BooleanSupplier condition, String what) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        fail("Waited " + timeout + " for " + what);
      }
      Thread.sleep(100);
    }
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }

  // ---- the stand-in for Twilio -----------------------------------------------------------------

  private void startStandIns() throws IOException {
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    wireMock = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(60)
        .extensions(twilio));
    wireMock.start();
    // Twilio takes the message: basic auth with the account, the form fields a message needs.
    // As slow as Twilio answers from afar (150 to 400 ms), so the kill finds messages Twilio has taken but not answered.
    wireMock.stubFor(post(urlPathEqualTo(MESSAGES_PATH)).atPriority(1)
        .withBasicAuth(ACCOUNT_SID, AUTH_TOKEN)
        .withHeader("Content-Type", matching("application/x-www-form-urlencoded.*"))
        .withFormParam("To", matching("\\+[1-9][0-9]{6,14}"))
        .withFormParam("From", equalTo(FROM))
        .withFormParam("Body", matching("(?s).+"))
        .willReturn(aResponse().withUniformRandomDelay(150, 400).withTransformers(TwilioQueue.NAME)));
    // the message list, asked after an attempt of unknown outcome
    wireMock.stubFor(get(urlPathEqualTo(MESSAGES_PATH)).atPriority(1)
        .withBasicAuth(ACCOUNT_SID, AUTH_TOKEN)
        .willReturn(aResponse().withTransformers(TwilioQueue.NAME)));
    // anything else: Twilio's error answer, and the test fails
    wireMock.stubFor(any(anyUrl()).atPriority(REFUSED)
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
            .withBody("{\"code\":21601,\"message\":\"The stand-in refused this request\",\"status\":400}")));
  }

  /** The priority of the stub that answers what Twilio would refuse. */
  private static final int REFUSED = 10;

  private List<String> refused() {
    return wireMock.getAllServeEvents().stream()
        .filter(event -> event.getStubMapping() != null && Integer.valueOf(REFUSED).equals(event.getStubMapping().getPriority()))
        .map(event -> event.getRequest().getMethod() + " " + event.getRequest().getUrl())
        .toList();
  }

  /**
   * A TCP relay from the application to the stand-in that stands for the last stretch of a send
   * inside the application's machine (the SDK building and writing the request): what the
   * application writes is held for a moment before it is passed on. {@link #cut} drops what is held
   * and closes the connections, as a request the node had not finished writing when it died never
   * reaches Twilio. So the kill lands between "the ledger says ATTEMPTING" and "Twilio has the
   * message" as often as after it, a window of microseconds in the real application.
   */
  static final class SlowLink implements AutoCloseable {

    /** Requests held when the link was cut. */
    final AtomicInteger dropped = new AtomicInteger();
    private final ServerSocket server;
    private final int target;
    private final int minHoldMillis;
    private final int maxHoldMillis;
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "slow-link");
      thread.setDaemon(true);
      return thread;
    });

    /** One connection from the application and its twin to the stand-in. */
    private static final class Connection {
      final Socket client;
      final Socket upstream;
      boolean cut;

      Connection(Socket client, Socket upstream) {
        this.client = client;
        this.upstream = upstream;
      }

      void close() {
        closeQuietly(client);
        closeQuietly(upstream);
      }
    }

    SlowLink(int target, int minHoldMillis, int maxHoldMillis) throws IOException {
      this.target = target;
      this.minHoldMillis = minHoldMillis;
      this.maxHoldMillis = maxHoldMillis;
      this.server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
      threads.execute(this::accept);
    }

    int port() {
      return server.getLocalPort();
    }

    /** Drops every request held now and closes the connections open now; later connections pass. */
    void cut() {
      for (Connection connection : open) {
        synchronized (connection) {
          connection.cut = true;
        }
        connection.close();
      }
    }

    private void accept() {
      while (!server.isClosed()) {
        try {
          Socket client = server.accept();
          Connection connection = new Connection(client, new Socket(InetAddress.getLoopbackAddress(), target));
          open.add(connection);
          threads.execute(() -> towardsStandIn(connection));
          threads.execute(() -> back(connection));
        } catch (IOException e) {
          // closed
        }
      }
    }

    private void towardsStandIn(Connection connection) {
      byte[] buffer = new byte[16 * 1024];
      ByteArrayOutputStream held = new ByteArrayOutputStream();
      try {
        InputStream in = connection.client.getInputStream();
        OutputStream out = connection.upstream.getOutputStream();
        while (true) {
          connection.client.setSoTimeout(0);
          int n = in.read(buffer);
          if (n < 0) {
            break;
          }
          held.write(buffer, 0, n);
          long releaseAt = System.nanoTime()
              + TimeUnit.MILLISECONDS.toNanos(ThreadLocalRandom.current().nextInt(minHoldMillis, maxHoldMillis + 1));
          // what comes meanwhile (the rest of the request) goes with it
          for (long left = releaseAt - System.nanoTime(); left > 0 && n >= 0; left = releaseAt - System.nanoTime()) {
            connection.client.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            try {
              n = in.read(buffer);
              if (n > 0) {
                held.write(buffer, 0, n);
              }
            } catch (SocketTimeoutException holdOver) {
              break;
            }
          }
          synchronized (connection) {
            if (connection.cut) {
              break;
            }
            out.write(held.toByteArray());
            out.flush();
            held.reset();
          }
          if (n < 0) {
            break;
          }
        }
      } catch (IOException e) {
        // cut, or the application's side is gone
      }
      if (held.size() > 0 && connection.cut) {
        dropped.incrementAndGet();
      }
      connection.close();
      open.remove(connection);
    }

    private void back(Connection connection) {
      try {
        connection.upstream.getInputStream().transferTo(connection.client.getOutputStream());
      } catch (IOException e) {
        // either side is gone
      }
      connection.close();
    }

    private static void closeQuietly(Socket socket) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing
      }
    }

    @Override
    public void close() {
      try {
        server.close();
      } catch (IOException ignored) {
        // closing
      }
      cut();
      threads.shutdownNow();
    }
  }
}
