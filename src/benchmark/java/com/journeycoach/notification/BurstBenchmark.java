package com.journeycoach.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.journeycoach.JourneyCoachApplication;
import com.journeycoach.MariaDb;
import com.journeycoach.TestUsers;
import com.journeycoach.coaching.Nudge;
import com.journeycoach.coaching.Nudges;
import com.journeycoach.journey.ProspectDevelopment;
import com.journeycoach.people.Audience;
import com.journeycoach.people.Distributors;
import com.journeycoach.people.Prospects;
import com.journeycoach.settings.Thresholds;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The morning burst: reminders held overnight all become due at once (their jobs are recorded suspended, then
 * released together) and drain through nodes on one MariaDB database to a Twilio stand-in that answers in
 * {@code provider-millis} (200 ms, about Twilio's API latency). Per setup: deliveries per second from the
 * release to the last message, the delay to the first, CPU time per delivery (this JVM less the stand-in's
 * threads; the nodes run in this JVM), and how late journey steps (a pace timer made due now) run during the
 * burst against the same nodes idle. The setups: Camunda's executor defaults on one node (the baseline), the
 * application's configuration on one node and on two. Every reminder must reach the stand-in exactly once.
 *
 * <pre>mvn -B -Pbenchmark verify -Dtest=BurstBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@Tag("benchmark")
@ExtendWith(MariaDb.class)
class BurstBenchmark {

  static final int REMINDERS = Integer.getInteger("burst.benchmark.reminders", 20_000);
  static final int PROVIDER_MILLIS = Integer.getInteger("burst.benchmark.provider-millis", 200);
  /** Which setups run, by name: default, tuned, tuned-2. */
  static final List<String> SETUPS = List.of(System.getProperty("burst.benchmark.setups", "default,tuned,tuned-2").split(","));
  static final int DISTRIBUTORS = 40;
  static final int PROBES_IDLE = 3;
  static final Duration PROBE_EVERY = Duration.ofSeconds(3);
  static final String SID = "AC" + "0123456789abcdef0123456789abcdef";
  static final String TOKEN = "burst-benchmark-token";
  static final String FROM = "+14155550100";
  static final String MESSAGES = "/2010-04-01/Accounts/" + SID + "/Messages.json";

  /** Camunda's own job executor settings (the starter's defaults), as the baseline. */
  static final List<String> CAMUNDA_DEFAULTS = List.of("--camunda.bpm.job-execution.core-pool-size=3",
      "--camunda.bpm.job-execution.max-pool-size=10", "--camunda.bpm.job-execution.queue-capacity=3",
      "--camunda.bpm.job-execution.max-jobs-per-acquisition=3", "--camunda.bpm.job-execution.backoff-time-in-millis=0",
      "--camunda.bpm.job-execution.max-backoff=0", "--camunda.bpm.job-execution.max-wait=60000",
      "--camunda.bpm.generic-properties.properties.job-executor-acquire-by-priority=false",
      "--spring.datasource.hikari.maximum-pool-size=25");

  record Setup(String name, int nodes, List<String> properties) {
  }

  record Result(Setup setup, int delivered, double seconds, double firstSeconds, double cpuMillisPerDelivery,
                double jobThreadCpuMillisPerDelivery, double databaseCpuMillisPerDelivery, List<Double> idleLateness,
                List<Double> burstLateness, int received, int duplicates) {

    double perSecond() {
      return delivered / seconds;
    }
  }

  private final TwilioQueue twilio = new TwilioQueue(SID);

  @Test
  void burstOfRemindersOnOneAndTwoNodes() throws Exception {
    WireMockServer standIn = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(120)
        .disableRequestJournal().extensions(twilio));
    standIn.start();
    standIn.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withFixedDelay(PROVIDER_MILLIS)
        .withTransformers(TwilioQueue.NAME)));
    List<Result> results = new ArrayList<>();
    try {
      for (String name : SETUPS) {
        Setup setup = switch (name.trim()) {
          case "default" -> new Setup("Camunda's defaults, 1 node", 1, CAMUNDA_DEFAULTS);
          case "tuned" -> new Setup("application.yaml, 1 node", 1, List.of());
          case "tuned-2" -> new Setup("application.yaml, 2 nodes", 2, List.of());
          default -> throw new IllegalArgumentException("No setup " + name);
        };
        twilio.reset();
        results.add(run(setup, standIn.port()));
        System.out.println(row(results.get(results.size() - 1), results.get(0)));
      }
    } finally {
      standIn.stop();
    }
    report(results);
    for (Result result : results) {
      assertThat(result.duplicates()).as("%s: reminders sent twice", result.setup().name()).isZero();
      assertThat(result.delivered()).as("%s: reminders delivered", result.setup().name()).isEqualTo(REMINDERS);
    }
  }

  private Result run(Setup setup, int standInPort) throws Exception {
    String url = MariaDb.freshDatabase();
    List<ConfigurableApplicationContext> nodes = new ArrayList<>();
    ExecutorService probes = Executors.newSingleThreadExecutor();
    try {
      for (int i = 0; i < setup.nodes(); i++) {
        // one after the other: the first loads the sample catalog the probes' journeys share
        nodes.add(node(url, "burst" + i + "x" + System.nanoTime() % 100000, standInPort, setup.properties()));
      }
      ConfigurableApplicationContext first = nodes.get(0);
      Thresholds thresholds = first.getBean(Thresholds.class);
      thresholds.change("notification.window.start-hour", "0", "benchmark: any hour", "benchmark");
      thresholds.change("notification.window.end-hour", "24", "benchmark: any hour", "benchmark");
      Distributors distributors = first.getBean(Distributors.class);
      List<String> recipients = new ArrayList<>();
      for (int i = 0; i < DISTRIBUTORS; i++) {
        String id = "burst-" + i;
        distributors.register(new Distributors.Registration(id, "Dana" + i, "Burst", id + "@example.com",
            "+4915123" + String.format(Locale.ROOT, "%06d", i), "UTC", null, false, null, null, "SMS", TestUsers.PASSWORD));
        recipients.add(id);
      }
      // the welcomes go out first, so that only the burst is measured
      awaitSent(url, DISTRIBUTORS, Duration.ofMinutes(5));

      ManagementService management = first.getBean(ManagementService.class);
      management.suspendJobDefinitionByProcessDefinitionKey(NudgeDelivery.KEY, true);
      record(first.getBean(Nudges.class), recipients);
      assertThat(twilio.accepted()).as("nothing sent while held").hasSize(DISTRIBUTORS);

      List<Double> idle = new ArrayList<>();
      for (int i = 0; i < PROBES_IDLE; i++) {
        idle.add(probe(first, recipients.get(i)));
      }

      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
          .getOperatingSystemMXBean();
      long standInCpu = cpuOf(threads, "qtp");
      long jobCpu = cpuOf(threads, "camundaTaskExecutor");
      long processCpu = os.getProcessCpuTime();
      long databaseCpu = databaseCpuNanos();
      long released = System.nanoTime();
      management.activateJobDefinitionByProcessDefinitionKey(NudgeDelivery.KEY, true);

      List<Double> burst = Collections.synchronizedList(new ArrayList<>());
      AtomicBoolean draining = new AtomicBoolean(true);
      Future<?> probing = probes.submit(() -> {
        int i = 0;
        while (draining.get()) {
          try {
            burst.add(probe(nodes.get(i % nodes.size()), recipients.get(i % recipients.size())));
            Thread.sleep(PROBE_EVERY.toMillis());
          } catch (InterruptedException e) {
            return;
          } catch (RuntimeException e) {
            System.out.println("probe failed: " + e);
          }
          i++;
        }
      });
      double first_ = -1;
      int total = DISTRIBUTORS + REMINDERS;
      long deadline = System.nanoTime() + Duration.ofMinutes(Math.max(10, REMINDERS / 10 / 60 + 5)).toNanos();
      while (twilio.accepted().size() < total && System.nanoTime() < deadline) {
        if (first_ < 0 && twilio.accepted().size() > DISTRIBUTORS) {
          first_ = (System.nanoTime() - released) / 1e9;
        }
        Thread.sleep(50);
      }
      // the last message at the stand-in; the ledger's SENT follows within moments
      double seconds = (System.nanoTime() - released) / 1e9;
      long processCpuUsed = os.getProcessCpuTime() - processCpu - (cpuOf(threads, "qtp") - standInCpu);
      long jobCpuUsed = cpuOf(threads, "camundaTaskExecutor") - jobCpu;
      long databaseCpuUsed = databaseCpuNanos() - databaseCpu;
      draining.set(false);
      probing.get(2, TimeUnit.MINUTES);
      awaitSent(url, total, Duration.ofMinutes(2));

      // many reminders have the same text to the same number: a duplicate is a message beyond one per ledger entry
      List<TwilioQueue.Sms> received = twilio.accepted();
      int sent = sentCount(url);
      int delivered = sent - DISTRIBUTORS;
      return new Result(setup, delivered, seconds, first_, processCpuUsed / 1e6 / REMINDERS, jobCpuUsed / 1e6 / REMINDERS,
          databaseCpu < 0 ? Double.NaN : databaseCpuUsed / 1e6 / REMINDERS, idle, burst, received.size(),
          received.size() - sent);
    } finally {
      probes.shutdownNow();
      for (ConfigurableApplicationContext node : nodes) {
        node.close();
      }
    }
  }

  /** The reminders, each a nudge to one of the distributors with its own text (a distinct detail), recorded from 4 threads. */
  private static void record(Nudges nudges, List<String> recipients) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(4);
    try {
      List<Future<Nudge>> calls = new ArrayList<>();
      for (int i = 0; i < REMINDERS; i++) {
        String recipient = recipients.get(i % recipients.size());
        int n = i;
        calls.add(clients.submit(() -> nudges.record(recipient, Nudge.Audience.DISTRIBUTOR, "FOLLOW_UP_NOW", null, null,
            "coaching.follow-up-now", 1, "burst " + n)));
      }
      for (Future<Nudge> call : calls) {
        call.get(30, TimeUnit.MINUTES);
      }
    } finally {
      clients.shutdownNow();
    }
  }

  /**
   * A journey step during the burst: a new prospect's journey, whose "Share overdue" timer is made due now; answers
   * the seconds until the node has run it.
   */
  private static double probe(ConfigurableApplicationContext node, String distributorId) throws InterruptedException {
    String prospect = node.getBean(Prospects.class)
        .add(new Prospects.NewProspect(distributorId, "Pat", "Probe", null, null, Audience.PRODUCT_CUSTOMER)).id();
    RuntimeService runtime = node.getBean(RuntimeService.class);
    ManagementService management = node.getBean(ManagementService.class);
    String journey = runtime.createProcessInstanceQuery().processInstanceBusinessKey(prospect)
        .processDefinitionKey(ProspectDevelopment.KEY).singleResult().getId();
    Job timer = management.createJobQuery().processInstanceId(journey).activityId(ProspectDevelopment.TIMER_SHARE_OVERDUE)
        .singleResult();
    long due = System.nanoTime();
    management.setJobDuedate(timer.getId(), new java.util.Date());
    while (management.createJobQuery().jobId(timer.getId()).count() > 0) {
      if (System.nanoTime() - due > Duration.ofMinutes(10).toNanos()) {
        return Double.NaN;
      }
      Thread.sleep(20);
    }
    return (System.nanoTime() - due) / 1e9;
  }

  private static ConfigurableApplicationContext node(String url, String engineName, int standInPort, List<String> extra) {
    List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + url, "--spring.datasource.username=" + MariaDb.user(),
        "--spring.datasource.password=" + MariaDb.password(), "--spring.datasource.hikari.minimum-idle=2", "--server.port=0",
        "--camunda.bpm.process-engine-name=" + engineName, "--camunda.bpm.job-execution.enabled=true",
        "--journey.catalog.tracked-link-base-url=https://coach.example.com", "--journey.catalog.load-sample-when-empty=true",
        "--journey.notifications.require-real-channels=false", "--journey.rules.watch=false",
        "--journey.notifications.twilio.account-sid=" + SID, "--journey.notifications.twilio.auth-token=" + TOKEN,
        "--journey.notifications.twilio.from=" + FROM,
        "--journey.notifications.twilio.api-base-url=http://127.0.0.1:" + standInPort,
        "--logging.level.root=warn", "--logging.level.com.journeycoach=warn"));
    args.addAll(extra);
    return new SpringApplicationBuilder(JourneyCoachApplication.class).profiles("test", "mysql").run(args.toArray(String[]::new));
  }

  /** The CPU time of this JVM's live threads whose names start so. */
  private static long cpuOf(ThreadMXBean threads, String prefix) {
    long sum = 0;
    for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().startsWith(prefix)) {
        sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
      }
    }
    return sum;
  }

  /** The database server's CPU time (mariadbd or mysqld on this machine; it serves others too), or -1. */
  private static long databaseCpuNanos() {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().command().map(c -> c.endsWith("/mariadbd") || c.endsWith("/mysqld")).orElse(false))
        .map(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L)).findFirst().orElse(-1L);
  }

  private static void awaitSent(String url, int count, Duration atMost) throws Exception {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (sentCount(url) < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Waited " + atMost + " for " + count + " messages SENT, " + sentCount(url) + " are");
      }
      Thread.sleep(200);
    }
  }

  private static int sentCount(String url) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, MariaDb.user(), MariaDb.password());
         Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM send_ledger WHERE status = 'SENT'")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static String row(Result r, Result baseline) {
    return String.format(Locale.ROOT, "| %s | %d | %.1f | **%.2fx** | %.1f s | %.1f | %.1f | %s | %s | %s | %d |",
        r.setup().name(), r.delivered(), r.perSecond(), r.perSecond() / baseline.perSecond(), r.firstSeconds(),
        r.cpuMillisPerDelivery(), r.jobThreadCpuMillisPerDelivery(),
        Double.isNaN(r.databaseCpuMillisPerDelivery()) ? "" : String.format(Locale.ROOT, "%.1f", r.databaseCpuMillisPerDelivery()),
        seconds(r.idleLateness()), seconds(r.burstLateness()), r.duplicates());
  }

  private static String seconds(List<Double> values) {
    if (values.isEmpty()) {
      return "";
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return String.format(Locale.ROOT, "median %.1f s, max %.1f s (%d)", sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1),
        sorted.size());
  }

  private static void report(List<Result> results) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("Burst benchmark, " + LocalDate.now() + ": " + REMINDERS + " reminders released at once, the stand-in answering in "
        + PROVIDER_MILLIS + " ms");
    lines.add("| setup | delivered | deliveries/s | against the baseline | first after | CPU ms/delivery (JVM less stand-in)"
        + " | of which job threads | database CPU ms/delivery | journey step late, idle | journey step late, during the burst"
        + " | duplicates |");
    lines.add("|---|---|---|---|---|---|---|---|---|---|---|");
    for (Result result : results) {
      lines.add(row(result, results.get(0)));
    }
    lines.forEach(System.out::println);
    Files.write(Path.of("target", "benchmark-results.txt"), lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
