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
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
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
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * The restart test: the packaged application runs as its own process on MariaDB, sends 500
 * reminders through the real Twilio SDK to a stand-in for Twilio's REST API (WireMock, in this
 * JVM), is killed hard (SIGKILL) while the reminders go out, and started again on the same
 * database. Every reminder must reach the stand-in exactly once.
 *
 * <p>Runs in {@code integration-test} (maven-failsafe-plugin) because it needs the jar {@code package} builds.
 */
@Tag("mariadb")
@Tag("restart")
@ExtendWith(MariaDb.class)
class RestartDeliveryIT {

  static final int DISTRIBUTORS = 10;
  static final int NUDGES = 500;
  /** The reminders scheduled plus each distributor's onboarding welcome. */
  static final int MESSAGES = NUDGES + DISTRIBUTORS;
  static final String ACCOUNT_SID = "AC" + "0123456789abcdef0123456789abcdef";
  static final String AUTH_TOKEN = "restart-test-token-" + UUID.randomUUID();
  static final String FROM = "+14155550100";
  static final String ADMIN = "admin";
  static final String ADMIN_PASSWORD = TestUsers.ADMIN_PASSWORD;
  static final String MESSAGES_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";
  /**
   * How long a job stays locked to the node that picked it. Camunda's default is 5 minutes: the
   * jobs the killed node had locked are picked up again only when their lock expires, so the test
   * would wait 5 minutes. 15 seconds is still far above one send (tens of milliseconds here); a
   * lock shorter than a send would let a second thread run the same job while the first one is
   * still in it.
   */
  static final int LOCK_TIME_MILLIS = 15_000;
  static final Path WORK = Path.of("target", "restart-it");
  static final Duration START_DEADLINE = Duration.ofMinutes(3);
  static final Duration DELIVERY_DEADLINE = Duration.ofMinutes(4);
  static final String[] MESSAGE_KEYS = {"coaching.follow-up-now", "coaching.share-now", "coaching.check-in-on-view",
      "coaching.sequence-behind-pace", "coaching.add-first-prospects"};

  private final ObjectMapper json = new ObjectMapper();
  private final TwilioStandIn twilio = new TwilioStandIn();
  private WireMockServer wireMock;
  private SlowLink link;
  private GreenMail smtp;
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void stopEverything() throws InterruptedException {
    for (Process process : started) {
      if (process.isAlive()) {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
    }
    if (link != null) {
      link.close();
    }
    if (wireMock != null) {
      wireMock.stop();
    }
    if (smtp != null) {
      smtp.stop();
    }
  }

  @Test
  void everyReminderReachesTwilioExactlyOnceThoughTheApplicationIsKilledWhileSending() throws Exception {
    Files.createDirectories(WORK);
    String database = MariaDb.freshDatabase();
    startStandIns();
    int port = freePort();
    Http http = new Http(port);
    String admin = Http.basic(ADMIN, ADMIN_PASSWORD);

    Process first = start(1, port, database);
    awaitHealthy(first, http, WORK.resolve("app-1.log"));

    // the send window is always open, so every reminder is due at once
    put(http, admin, "/api/thresholds/notification.window.start-hour", "{\"value\":\"0\",\"reason\":\"restart test\"}");
    put(http, admin, "/api/thresholds/notification.window.end-hour", "{\"value\":\"24\",\"reason\":\"restart test\"}");

    Map<String, String> phoneOf = registerDistributors(http, admin);
    // each registration starts the distributor's onboarding, whose welcome is a reminder too: let
    // those go out first; they are counted with the rest below
    await(Duration.ofMinutes(1), () -> twilio.accepted.size() >= DISTRIBUTORS, "the welcome reminders sent");
    int welcomes = twilio.accepted.size();
    // All reminders are recorded first and then become due together: their jobs are held
    // (suspended) while the 500 nudges are recorded, else the first node would have sent most of
    // them before the last one is recorded.
    holdSendJobs(http, admin, true);
    Instant schedulingStarted = Instant.now();
    Map<String, String> recipientOfNudge = scheduleNudges(http, admin, new ArrayList<>(phoneOf.keySet()));
    Duration scheduling = Duration.between(schedulingStarted, Instant.now());
    assertThat(twilio.accepted).as("nothing sent while the jobs are held").hasSize(welcomes);
    Instant released = Instant.now();
    holdSendJobs(http, admin, false);

    // kill once a good part, but not all, went out
    int killAt = NUDGES * 2 / 5;
    await(Duration.ofMinutes(2), () -> twilio.accepted.size() >= killAt || !first.isAlive(),
        "the first node to send " + killAt + " reminders");
    assertThat(first.isAlive()).as("the first node is still running before the kill").isTrue();
    ProcessHandle handle = first.toHandle();
    first.destroyForcibly(); // SIGKILL on Linux
    link.cut(); // what the node had not finished writing never leaves it
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).as("the killed node is gone").isTrue();
    Duration sendingBeforeKill = Duration.between(released, Instant.now());
    Thread.sleep(500); // the link's threads see the cut
    int sentBeforeKill = twilio.accepted.size();
    int cutOffOnTheWay = link.dropped.get();
    Map<String, Integer> atKill = ledgerByStatus(database);
    // each SENT entry is one message the stand-in took; the rest it took are the answers the kill cut off
    int inFlightAtKill = sentBeforeKill - atKill.getOrDefault("SENT", 0);
    // a process that died of signal 9 reports 128 + 9
    assertThat(first.exitValue()).as("killed by SIGKILL, not shut down").isEqualTo(137);
    assertThat(handle.isAlive()).isFalse();
    assertThat(sentBeforeKill).as("killed while sending: some reminders went out, not all").isBetween(1, NUDGES - 1);

    Process second = start(2, port, database);
    awaitHealthy(second, http, WORK.resolve("app-2.log"));
    Instant restarted = Instant.now();
    await(DELIVERY_DEADLINE, () -> allDelivered(database) || !second.isAlive(),
        "all " + NUDGES + " reminders sent and their instances ended");
    Duration afterRestart = Duration.between(restarted, Instant.now());
    assertThat(second.isAlive()).as("the second node still runs").isTrue();

    // what the stand-in received, by recipient and text
    List<Sms> received = new ArrayList<>(twilio.accepted);
    List<LedgerRow> ledger = ledger(database);
    Map<String, Long> expected = ledger.stream()
        .collect(Collectors.groupingBy(row -> row.address() + " | " + row.body(), TreeMap::new, Collectors.counting()));
    Map<String, Long> actual = received.stream()
        .collect(Collectors.groupingBy(sms -> sms.to() + " | " + sms.body(), TreeMap::new, Collectors.counting()));
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
    Set<String> issuedSids = received.stream().map(Sms::sid).collect(Collectors.toSet());
    Map<String, Long> nudgesPerSid = ledger.stream().filter(row -> row.providerId() != null)
        .collect(Collectors.groupingBy(LedgerRow::providerId, Collectors.counting()));
    long sharedSids = nudgesPerSid.values().stream().filter(count -> count > 1).count();
    int lookups = twilio.lookups.size();

    String summary = String.join(System.lineSeparator(),
        "Restart test: " + NUDGES + " reminders to " + DISTRIBUTORS + " distributors (recorded in " + seconds(scheduling)
            + ", then due at once)",
        "  sent before the kill (SIGKILL, " + seconds(sendingBeforeKill) + " after they became due): " + sentBeforeKill
            + "; ledger at the kill: " + atKill,
        "  in flight at the kill: " + inFlightAtKill + " taken by the stand-in with the answer cut off, " + cutOffOnTheWay
            + " requests cut off before they reached it",
        "  sent after the restart: " + (received.size() - sentBeforeKill) + " (all delivered " + seconds(afterRestart)
            + " after the restart); message-list look-ups after an unknown outcome: " + lookups,
        "  POSTs received: " + received.size() + ", duplicates: " + duplicates + ", missing: " + missing
            + ", ledger entries sharing a message sid: " + sharedSids,
        "  ledger now: " + ledgerByStatus(database));
    System.out.println(summary);
    Files.writeString(WORK.resolve("summary.txt"), summary + System.lineSeparator());

    assertThat(ledger).as("one ledger entry per nudge, welcomes included").hasSize(MESSAGES);
    assertThat(ledger).extracting(LedgerRow::nudgeId).containsAll(recipientOfNudge.keySet());
    for (LedgerRow row : ledger.stream().filter(row -> recipientOfNudge.containsKey(row.nudgeId())).toList()) {
      assertThat(row.address()).as("nudge %s goes to its recipient's phone", row.nudgeId())
          .isEqualTo(phoneOf.get(recipientOfNudge.get(row.nudgeId())));
    }
    assertThat(wireMock.findAllUnmatchedRequests()).as("requests the stand-in did not expect").isEmpty();
    assertThat(twilio.refused).as("requests the stand-in refused").isEmpty();
    assertThat(wrong).as("recipient and text whose messages received differ from the nudges scheduled").isEmpty();
    assertThat(received).as("one POST per nudge").hasSize(MESSAGES);
    assertThat(issuedSids).as("every accepted message has its own sid").hasSize(MESSAGES);
    assertThat(nudgesPerSid.keySet()).as("each nudge's ledger entry names a message the stand-in accepted")
        .containsExactlyInAnyOrderElementsOf(issuedSids);
    assertThat(sharedSids).as("ledger entries that claim the same message").isZero();
    assertThat(processInstances(database)).as("nudge-delivery instances: ended at 'Nudge sent', still running, incidents")
        .containsExactly(MESSAGES, 0, 0);
  }

  // ---- the application as its own process -------------------------------------------------

  private Process start(int run, int port, String database) throws IOException {
    Path jar = packagedJar();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // C1 only: the application starts in a third of the time on a small machine; it changes nothing the test checks
    List<String> command = List.of(java, "-Xmx1g", "-XX:TieredStopAtLevel=1", "-jar", jar.toAbsolutePath().toString(),
        "--spring.profiles.active=mysql",
        "--camunda.bpm.job-execution.lock-time-in-millis=" + LOCK_TIME_MILLIS);
    ProcessBuilder builder = new ProcessBuilder(command).directory(WORK.toFile()).redirectErrorStream(true)
        .redirectOutput(WORK.resolve("app-" + run + ".log").toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("SPRING_") || name.startsWith("JOURNEY_") || name.startsWith("TWILIO_")
        || name.startsWith("CAMUNDA_"));
    env.put("PORT", String.valueOf(port));
    env.put("JOURNEY_DB_URL", database);
    env.put("JOURNEY_DB_USER", MariaDb.user());
    env.put("JOURNEY_DB_PASSWORD", MariaDb.password());
    env.put("JOURNEY_ADMIN_PASSWORD", ADMIN_PASSWORD);
    // the same public address for both runs: it is part of every reminder's text
    env.put("JOURNEY_PUBLIC_URL", "http://localhost:" + port);
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

  /** Records the nudges through POST /api/nudges, eight at a time; answers nudge id to recipient. */
  private Map<String, String> scheduleNudges(Http http, String admin, List<String> recipients) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      List<Future<String[]>> calls = new ArrayList<>();
      for (int i = 0; i < NUDGES; i++) {
        String recipient = recipients.get(i % recipients.size());
        String messageKey = MESSAGE_KEYS[(i / recipients.size()) % MESSAGE_KEYS.length];
        String body = json.createObjectNode().put("recipientId", recipient).put("messageKey", messageKey).toString();
        calls.add(clients.submit(() -> {
          HttpResponse<String> response = http.post("/api/nudges", admin, body);
          assertThat(response.statusCode()).as("POST /api/nudges: %s", response.body()).isEqualTo(201);
          return new String[] {json.readTree(response.body()).path("id").asText(), recipient};
        }));
      }
      Map<String, String> recipientOfNudge = new HashMap<>();
      for (Future<String[]> call : calls) {
        String[] nudge = call.get(2, TimeUnit.MINUTES);
        recipientOfNudge.put(nudge[0], nudge[1]);
      }
      assertThat(recipientOfNudge).hasSize(NUDGES);
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
    link = new SlowLink(wireMock.port(), 40, 250);
    // Twilio takes the message: basic auth with the account, the form fields a message needs.
    // Slow enough that the kill finds messages in flight.
    wireMock.stubFor(post(urlPathEqualTo(MESSAGES_PATH)).atPriority(1)
        .withBasicAuth(ACCOUNT_SID, AUTH_TOKEN)
        .withHeader("Content-Type", matching("application/x-www-form-urlencoded.*"))
        .withFormParam("To", matching("\\+[1-9][0-9]{6,14}"))
        .withFormParam("From", equalTo(FROM))
        .withFormParam("Body", matching("(?s).+"))
        .willReturn(aResponse().withUniformRandomDelay(20, 120).withTransformers(TwilioStandIn.NAME)));
    // the message list, asked after an attempt of unknown outcome
    wireMock.stubFor(get(urlPathEqualTo(MESSAGES_PATH)).atPriority(1)
        .withBasicAuth(ACCOUNT_SID, AUTH_TOKEN)
        .willReturn(aResponse().withTransformers(TwilioStandIn.NAME)));
    // anything else: Twilio's error answer, and the test fails
    wireMock.stubFor(any(anyUrl()).atPriority(10)
        .willReturn(aResponse().withTransformers(TwilioStandIn.NAME)));
  }

  record Sms(String sid, String to, String from, String body, Instant at) {
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

  /**
   * Answers as Twilio would and keeps what it accepted: a POST with the stub's checks passed is a
   * message (with a new sid), a GET lists the accepted messages to a number, anything else is refused.
   */
  static final class TwilioStandIn implements ResponseDefinitionTransformerV2 {

    static final String NAME = "twilio-stand-in";
    static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US);

    final ConcurrentLinkedQueue<Sms> accepted = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> lookups = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> refused = new ConcurrentLinkedQueue<>();
    private final ObjectMapper json = new ObjectMapper();

    @Override
    public String getName() {
      return NAME;
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
      Request request = serveEvent.getRequest();
      ResponseDefinition stub = serveEvent.getResponseDefinition();
      boolean messages = request.getUrl().startsWith(MESSAGES_PATH) && serveEvent.getStubMapping() != null
          && serveEvent.getStubMapping().getPriority() != null && serveEvent.getStubMapping().getPriority() == 1;
      if (messages && request.getMethod().equals(RequestMethod.POST)) {
        Map<String, String> form = form(request.getBodyAsString());
        Sms sms = new Sms("SM" + UUID.randomUUID().toString().replace("-", ""), form.get("To"), form.get("From"),
            form.get("Body"), Instant.now());
        accepted.add(sms);
        return ResponseDefinitionBuilder.like(stub).but().withStatus(201)
            .withHeader("Content-Type", "application/json").withBody(message(sms, "queued").toString()).build();
      }
      if (messages && request.getMethod().equals(RequestMethod.GET)) {
        String to = request.queryParameter("To").isPresent() ? request.queryParameter("To").firstValue() : null;
        Instant after = dateSentAfter(request);
        lookups.add(to + " since " + after);
        ArrayNode list = json.createArrayNode();
        accepted.stream().filter(sms -> to == null || sms.to().equals(to))
            .filter(sms -> after == null || !sms.at().isBefore(after))
            .sorted((a, b) -> b.at().compareTo(a.at()))
            .forEach(sms -> list.add(message(sms, "delivered")));
        ObjectNode page = json.createObjectNode();
        page.set("messages", list);
        page.put("uri", request.getUrl()).put("first_page_uri", request.getUrl()).putNull("next_page_uri")
            .putNull("previous_page_uri").put("page", 0).put("page_size", Math.max(50, list.size())).put("start", 0)
            .put("end", Math.max(0, list.size() - 1));
        return ResponseDefinitionBuilder.like(stub).but().withStatus(200)
            .withHeader("Content-Type", "application/json").withBody(page.toString()).build();
      }
      refused.add(request.getMethod() + " " + request.getUrl());
      return ResponseDefinitionBuilder.like(stub).but().withStatus(400).withHeader("Content-Type", "application/json")
          .withBody("{\"code\":21601,\"message\":\"The stand-in refused this request\",\"status\":400}").build();
    }

    private ObjectNode message(Sms sms, String status) {
      String date = RFC_2822.format(sms.at().atZone(ZoneOffset.UTC));
      ObjectNode node = json.createObjectNode().put("sid", sms.sid()).put("account_sid", ACCOUNT_SID)
          .put("to", sms.to()).put("from", sms.from()).put("body", sms.body()).put("status", status)
          .put("direction", "outbound-api").put("num_segments", "1").put("num_media", "0").put("api_version", "2010-04-01")
          .put("date_created", date).put("date_updated", date)
          .put("uri", "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages/" + sms.sid() + ".json");
      if (status.equals("queued")) {
        node.putNull("date_sent");
      } else {
        node.put("date_sent", date);
      }
      return node;
    }

    /** Twilio's {@code DateSent>} (or {@code DateSent>=}) filter, in UTC, to the second. */
    private static Instant dateSentAfter(Request request) {
      String url = request.getUrl();
      String query = url.contains("?") ? url.substring(url.indexOf('?') + 1) : "";
      for (Map.Entry<String, String> parameter : form(query).entrySet()) {
        if (parameter.getKey().startsWith("DateSent>")) {
          String text = parameter.getValue();
          try {
            return LocalDateTime.parse(text.replace("Z", "")).toInstant(ZoneOffset.UTC);
          } catch (DateTimeParseException e) {
            return ZonedDateTime.parse(text).toInstant();
          }
        }
      }
      return null;
    }

    private static Map<String, String> form(String body) {
      Map<String, String> form = new HashMap<>();
      for (String pair : body.split("&")) {
        int equals = pair.indexOf('=');
        if (equals > 0) {
          form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
      }
      return form;
    }
  }
}
