package com.journeycoach.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeycoach.coaching.BenchmarkedRuleBook;
import com.journeycoach.coaching.Coach;
import com.journeycoach.coaching.LatestAnswer;
import com.journeycoach.coaching.Occasion;
import com.journeycoach.coaching.RuleBook;
import com.journeycoach.people.Audience;
import com.journeycoach.content.Catalog;
import com.journeycoach.content.Phase;
import com.journeycoach.experiment.Experiment;
import com.journeycoach.experiment.Experiments;
import com.journeycoach.experiment.SegmentAttribute;
import com.journeycoach.content.SampleCatalog;
import com.journeycoach.content.Shares;
import com.journeycoach.journey.CoachingFacts;
import com.journeycoach.journey.Touchpoint;
import com.journeycoach.journey.Touchpoints;
import com.journeycoach.people.Distributors;
import com.journeycoach.people.Prospects;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.ProcessBuilder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * How much a prospect-development journey costs against a bare Camunda process with the same wait
 * states, user tasks, timers and event subprocesses but no application logic. Both are driven the
 * same way from one thread: start, share, view, follow-up, outcome. Journey and bare take turns,
 * one instance each, so a noisy machine slows both alike; the instances are grouped in rounds, and
 * the median rate per kind and the median of the rounds' ratios are printed, never asserted.
 *
 * <p>Run it with {@code mvn -B -Pbenchmark verify}; {@code -Djourney.benchmark.journeys=N} sets how
 * many journeys of each kind are measured (split into {@code -Djourney.benchmark.rounds=R} rounds,
 * after a warm-up of {@code -Djourney.benchmark.warm-up-rounds=W} more rounds, 3 by default: on H2
 * the rates still rose through the rounds after a single one).
 */
@Tag("benchmark")
abstract class JourneyBenchmark {

  static final int ROUNDS = Integer.getInteger("journey.benchmark.rounds", 10);
  static final int WARM_UP_ROUNDS = Integer.getInteger("journey.benchmark.warm-up-rounds", 3);
  /** Journeys of each kind per round. */
  static final int PER_ROUND = Math.max(1, Integer.getInteger("journey.benchmark.journeys", 500) / ROUNDS);
  static final Path RESULTS = Path.of("target", "benchmark-results.txt");
  /**
   * Coaching decisions run straight on the rule book before the rounds ({@code -Djourney.benchmark.rule-warm-up=N},
   * 0 for none): a journey makes one decision, so the warm-up rounds leave the rule engine's code cold for the
   * JIT, where every other step's code (the engine's, the database's) runs many times per journey and is warm.
   */
  static final int RULE_WARM_UP = Integer.getInteger("journey.benchmark.rule-warm-up", 20_000);

  static final String JOURNEY_KEY = "prospect-development";
  static final String BARE_KEY = "bare-journey";
  static final String BARE_VIEWED = "BareAssetViewed";
  static final String SHAPED_KEY = "shaped-journey";
  /** Also drive the journey's own diagram with the application taken out (see {@link #shapedProcess}). */
  static final boolean SHAPED = Boolean.getBoolean("journey.benchmark.shaped");

  static final Map<String, Object> SHARED = Map.of("shareChannel", "SMS");
  static final Map<String, Object> READY = Map.of("interestChange", "2", "purchaseIntent", "HIGH", "closeEstimate", 80);
  static final Map<String, Object> WON = Map.of("outcome", "WON");
  static final List<String> STEPS = List.of("start", "share", "view", "follow-up", "outcome");

  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  HistoryService history;
  @Autowired
  RepositoryService repository;
  @Autowired
  Distributors distributors;
  @Autowired
  Prospects prospects;
  @Autowired
  Shares shares;
  @Autowired
  Touchpoints touchpoints;
  @Autowired
  Catalog catalog;
  @Autowired
  Experiments experiments;
  @Autowired
  SampleCatalog sampleCatalog;
  @Autowired
  CoachingFacts coachingFacts;
  @Autowired
  Coach coach;
  @Autowired
  RuleBook ruleBook;

  String distributorId;

  /** The name printed in the table. */
  abstract String database();

  /** A started instance: its id, to query its tasks, and its business key, to correlate the view. */
  record Started(String processInstanceId, String businessKey) {
  }

  /** Where a kind's times are kept: one slot per {@link #STEPS}, then the driving thread's CPU time over all of them. */
  static final int CPU = STEPS.size();
  static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** One round: for each kind, the time its instances spent in each of {@link #STEPS}, and the thread's CPU time. */
  record Round(long[] bareNanos, long[] journeyNanos, long[] shapedNanos) {

    double bareRate() {
      return rate(bareNanos);
    }

    double shapedRate() {
      return rate(shapedNanos);
    }

    double journeyRate() {
      return rate(journeyNanos);
    }

    /** What a journey costs relative to a bare instance: bare rate / journey rate. */
    double ratio() {
      return bareRate() / journeyRate();
    }

    /**
     * The same by the driving thread's CPU time instead of the clock: on H2, where the database runs in
     * that thread, it leaves out what other processes on the machine take; on MariaDB it leaves out the database.
     */
    double cpuRatio() {
      return (double) journeyNanos[CPU] / bareNanos[CPU];
    }

    private static double rate(long[] nanos) {
      return PER_ROUND / (Arrays.stream(nanos, 0, CPU).sum() / 1e9);
    }
  }

  /**
   * What differs between the two kinds: how an instance starts (timed), how the driver then finds it
   * (not timed: a client of the journey has the task in Tasklist, not an instance id), and the view:
   * what the viewer holds is found untimed (the prospect has the link from the SMS), the view itself
   * is timed.
   */
  record Kind(String name, Supplier<Started> start, UnaryOperator<Started> locate, Function<Started, Runnable> view) {
  }

  final Kind journey = new Kind("journey", this::startJourney, this::locateJourney, this::viewJourney);
  final Kind bare = new Kind("bare", this::startBare, UnaryOperator.identity(), this::viewBare);
  final Kind shaped = new Kind("shaped", this::startShaped, UnaryOperator.identity(), this::viewShaped);

  /** The application's journey: a prospect is added, as the REST API does; its instance id is found by {@link #locateJourney}. */
  private Started startJourney() {
    return new Started(null,
        prospects.add(new Prospects.NewProspect(distributorId, "Pat", "Prospect", null, null, Audience.PRODUCT_CUSTOMER)).id());
  }

  private Started locateJourney(Started started) {
    return new Started(runtime.createProcessInstanceQuery().processInstanceBusinessKey(started.businessKey()).singleResult().getId(),
        started.businessKey());
  }

  /** The prospect opens the tracked link (its token found untimed), as the link controller records it. */
  private Runnable viewJourney(Started instance) {
    String token = shares.get((String) runtime.getVariable(instance.processInstanceId(), "shareId")).token();
    return () -> touchpoints.viewThroughLink(token).orElseThrow();
  }

  /** The bare process, started on the engine directly with the start variables the journey starter passes. */
  private Started startBare() {
    String businessKey = UUID.randomUUID().toString();
    return new Started(runtime.startProcessInstanceByKey(BARE_KEY, businessKey, Map.of("prospectId", businessKey, "distributorId",
        distributorId)).getId(), businessKey);
  }

  /** The journey's diagram without the application: started with what the journey starter passes. */
  private Started startShaped() {
    String businessKey = UUID.randomUUID().toString();
    return new Started(runtime.startProcessInstanceByKey(SHAPED_KEY, businessKey, Variables.createVariables()
        .putValue("prospectId", businessKey).putValue("distributorId", distributorId).putValue("prospectName", "Pat Prospect")
        .putValueTyped("audience", Variables.stringValue("PRODUCT_CUSTOMER", true))).getId(), businessKey);
  }

  /** As the journey's view: the message named after the share. */
  private Runnable viewShaped(Started instance) {
    String shareId = (String) runtime.getVariable(instance.processInstanceId(), "shareId");
    return () -> runtime.createMessageCorrelation(Touchpoints.messageAssetViewed(shareId)).correlateAllWithResult();
  }

  private Runnable viewBare(Started instance) {
    return () -> runtime.createMessageCorrelation(BARE_VIEWED).processInstanceBusinessKey(instance.businessKey()).correlateWithResult();
  }

  @Test
  void journeyAgainstBareProcess() throws IOException {
    prepare();
    long journeysBefore = completed(JOURNEY_KEY);
    long bareBefore = completed(BARE_KEY);
    long shapedBefore = completed(SHAPED_KEY);

    for (int warmUp = 0; warmUp < WARM_UP_ROUNDS; warmUp++) {
      round(); // warm-up: JIT, caches, the connection pool; not measured
    }
    List<Round> rounds = new ArrayList<>();
    for (int number = 1; number <= ROUNDS; number++) {
      Round round = round();
      rounds.add(round);
      System.out.printf(Locale.ROOT, "%s round %d of %d: bare %.1f/s, journey %.1f/s, ratio %.2f (by CPU time %.2f)%n", database(),
          number, ROUNDS, round.bareRate(), round.journeyRate(), round.ratio(), round.cpuRatio());
    }

    // a benchmark that silently did nothing must fail
    long driven = ((long) ROUNDS + WARM_UP_ROUNDS) * PER_ROUND;
    assertThat(completed(JOURNEY_KEY) - journeysBefore).as("journeys completed").isEqualTo(driven);
    assertThat(completed(BARE_KEY) - bareBefore).as("bare instances completed").isEqualTo(driven);
    assertThat(completed(SHAPED_KEY) - shapedBefore).as("shaped instances completed").isEqualTo(SHAPED ? driven : 0);

    report(rounds);
  }

  /** Journey starts per round of {@link #journeyStartWithAndWithoutAnExperiment}, with the experiment and without it. */
  static final int EXPERIMENT_STARTS = Integer.getInteger("journey.benchmark.experiment-starts", 40);

  /**
   * What an experiment running on the first asset adds to a journey's start (where *Choose next asset* runs): rounds of
   * {@link #EXPERIMENT_STARTS} prospects added with the experiment running and as many with it paused (today's default
   * choice), taking turns which goes first; the median of the rounds' differences in milliseconds per start.
   */
  @Test
  void journeyStartWithAndWithoutAnExperiment() throws IOException {
    prepare();
    Experiment experiment = experiments.create(new Experiments.Definition("benchmark", Phase.PROSPECT_DEVELOPMENT,
        List.of("verdant-story", "cwm-explained"), List.of(SegmentAttribute.AUDIENCE), Experiment.Proxy.INTEREST_UP), "benchmark");
    try {
      experiments.start(experiment.id(), "benchmark");
      // wall time per start, and the driving thread's CPU time (on H2 the database runs in that thread): [wall, cpu]
      List<double[]> with = new ArrayList<>();
      List<double[]> without = new ArrayList<>();
      for (int round = 0; round < WARM_UP_ROUNDS + ROUNDS; round++) {
        boolean runningFirst = round % 2 == 0;
        double[] first = millisPerStart(experiment.id(), runningFirst);
        double[] second = millisPerStart(experiment.id(), !runningFirst);
        double[] running = runningFirst ? first : second;
        double[] paused = runningFirst ? second : first;
        if (round >= WARM_UP_ROUNDS) {
          with.add(running);
          without.add(paused);
          System.out.printf(Locale.ROOT, "%s round %d: start %.2f ms with the experiment (CPU %.2f), %.2f ms without (CPU %.2f)%n",
              database(), round - WARM_UP_ROUNDS + 1, running[0], running[1], paused[0], paused[1]);
        }
      }
      long pulls = experiments.report(experiment.id()).arms().stream().filter(arm -> arm.segment().equals("all"))
          .mapToLong(arm -> arm.suggested()).sum();
      // a benchmark that silently did not choose must fail
      assertThat(pulls).as("suggestions made").isEqualTo((long) (WARM_UP_ROUNDS + ROUNDS) * EXPERIMENT_STARTS);
      StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
          "%-8s  journey start, ms (median of %d rounds of %d starts each way)%n", database(), ROUNDS, EXPERIMENT_STARTS));
      for (int measure = 0; measure < 2; measure++) {
        int m = measure;
        List<Double> off = without.stream().map(times -> times[m]).toList();
        List<Double> on = with.stream().map(times -> times[m]).toList();
        List<Double> added = new ArrayList<>();
        for (int i = 0; i < on.size(); i++) {
          added.add(on.get(i) - off.get(i));
        }
        String by = measure == 0 ? "wall" : "CPU ";
        table.append(String.format(Locale.ROOT, """
            %-8s  %s without an experiment  %6.2f   rounds %s
            %-8s  %s with one running       %6.2f   rounds %s
            %-8s  %s added by the choice    %+6.2f   (aim: at most 1 ms); rounds %s
            """, database(), by, median(off), rounded(off, "%.2f"), database(), by, median(on), rounded(on, "%.2f"), database(), by,
            median(added), rounded(added, "%+.2f")));
      }
      System.out.println();
      System.out.print(table);
      Files.createDirectories(RESULTS.getParent());
      Files.writeString(RESULTS, "# " + Instant.now() + "\n" + table + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } finally {
      experiments.stop(experiment.id(), "benchmark");
    }
  }

  private double[] millisPerStart(String experimentId, boolean running) {
    Experiment.Status status = experiments.get(experimentId).status();
    if (running && status != Experiment.Status.RUNNING) {
      experiments.start(experimentId, "benchmark");
    } else if (!running && status == Experiment.Status.RUNNING) {
      experiments.pause(experimentId, "benchmark");
    }
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long cpu = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    for (int i = 0; i < EXPERIMENT_STARTS; i++) {
      startJourney();
    }
    return new double[] {(System.nanoTime() - start) / 1e6 / EXPERIMENT_STARTS,
        (threads.getCurrentThreadCpuTime() - cpu) / 1e6 / EXPERIMENT_STARTS};
  }

  /** Drives {@link #PER_ROUND} instances of each kind, taking turns which goes first. */
  Round round() {
    long[] bareNanos = new long[CPU + 1];
    long[] journeyNanos = new long[CPU + 1];
    long[] shapedNanos = new long[CPU + 1];
    for (int i = 0; i < PER_ROUND; i++) {
      if (i % 2 == 0) {
        drive(bare, bareNanos);
        drive(journey, journeyNanos);
      } else {
        drive(journey, journeyNanos);
        drive(bare, bareNanos);
      }
      if (SHAPED) {
        drive(shaped, shapedNanos);
      }
    }
    return new Round(bareNanos, journeyNanos, shapedNanos);
  }

  /**
   * Drives one instance from start to end, adding the time of each step to {@code stepNanos}; the
   * driver's own look-ups between steps ({@link Kind#locate}, finding what the viewer holds) are not timed.
   */
  void drive(Kind kind, long[] stepNanos) {
    Started instance = kind.locate().apply(timed(kind, stepNanos, 0, kind.start()));
    timed(kind, stepNanos, 1, () -> complete(instance, SHARED));
    Runnable view = kind.view().apply(instance);
    timed(kind, stepNanos, 2, view);
    timed(kind, stepNanos, 3, () -> complete(instance, READY));
    timed(kind, stepNanos, 4, () -> complete(instance, WON));
  }

  private static void timed(Kind kind, long[] stepNanos, int step, Runnable work) {
    timed(kind, stepNanos, step, () -> {
      work.run();
      return null;
    });
  }

  private static <T> T timed(Kind kind, long[] stepNanos, int step, Supplier<T> work) {
    BenchmarkStep event = new BenchmarkStep(kind.name(), STEPS.get(step));
    event.begin();
    long start = System.nanoTime();
    long cpu = THREADS.getCurrentThreadCpuTime();
    T result = work.get();
    stepNanos[CPU] += THREADS.getCurrentThreadCpuTime() - cpu;
    stepNanos[step] += System.nanoTime() - start;
    event.commit();
    return result;
  }

  private void complete(Started instance, Map<String, Object> variables) {
    tasks.complete(tasks.createTaskQuery().processInstanceId(instance.processInstanceId()).singleResult().getId(), variables);
  }

  private long completed(String processKey) {
    return history.createHistoricProcessInstanceQuery().processDefinitionKey(processKey).completed().count();
  }

  /** A distributor to own the prospects, a catalog to share from (the mysql profile loads none), the bare process. */
  private void prepare() throws IOException {
    sampleCatalog.loadIfEmpty();
    distributorId = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    distributors.register(new Distributors.Registration(distributorId, "Dana", "Distributor", distributorId + "@example.com",
        "+4915123456789", null, null, false, null, null, null, "Bright-Meadow-42"));
    repository.createDeployment().name(BARE_KEY).enableDuplicateFiltering(true)
        .addModelInstance(BARE_KEY + ".bpmn", bareProcess()).deploy();
    if (SHAPED) {
      repository.createDeployment().name(SHAPED_KEY).enableDuplicateFiltering(true)
          .addString(SHAPED_KEY + ".bpmn", shapedProcess()).deploy();
    }
    warmRuleBook();
  }

  /**
   * Brings the rule engine to the state a server that has run a while is in: {@link #RULE_WARM_UP}
   * decisions on the facts the follow-up of a journey of the benchmark's distributor decides on (one
   * prospect of theirs, just answered). The prospect's journey is then ended as lost, before any is counted.
   */
  private void warmRuleBook() {
    if (RULE_WARM_UP <= 0) {
      return;
    }
    String prospectId = startJourney().businessKey();
    List<Object> facts = coachingFacts.forDistributor(Occasion.followUpRecorded(prospectId), distributorId);
    facts.add(new LatestAnswer(prospectId, "HIGH", 80));
    facts.addAll(coach.thresholdFacts());
    BenchmarkedRuleBook rules = new BenchmarkedRuleBook(ruleBook);
    long start = System.nanoTime();
    for (int decision = 0; decision < RULE_WARM_UP; decision++) {
      rules.decideAll(facts);
    }
    System.out.printf(Locale.ROOT, "%s: rule book warmed with %d decisions in %.1f s%n", database(), RULE_WARM_UP,
        (System.nanoTime() - start) / 1e9);
    touchpoints.report(new Touchpoints.Event("benchmark-warm-up-" + prospectId, Touchpoint.Kind.LOST, prospectId, null, null,
        "benchmark"));
  }

  /**
   * The journey's own diagram ({@code processes/prospect-development.bpmn}) with the application
   * taken out: every service task and every listener runs {@link ShapedSteps}, which sets the same variables and
   * gateway decisions, and the timers have the default paces as fixed durations instead of reading
   * thresholds. Against the bare process it shows what the diagram costs; against the journey, what
   * the application behind it costs.
   */
  static String shapedProcess() throws IOException {
    String journeyXml = Files.readString(Path.of("processes", JOURNEY_KEY + ".bpmn"));
    String shapedXml = journeyXml.replace("id=\"" + JOURNEY_KEY + "\"", "id=\"" + SHAPED_KEY + "\"")
        .replace("bpmnElement=\"" + JOURNEY_KEY + "\"", "bpmnElement=\"" + SHAPED_KEY + "\"")
        .replaceAll("camunda:(delegateExpression|expression)=\"\\$\\{[^\"]*\\}\"", "camunda:class=\"" + ShapedSteps.class.getName() + "\"")
        .replaceAll(" delegateExpression=\"\\$\\{[^\"]*\\}\"", " class=\"" + ShapedSteps.class.getName() + "\"")
        .replace("${pace.of('prospect-development', 'share')}", "P2D")
        .replace("${pace.of('prospect-development', 'view')}", "P3D")
        .replace("${pace.of('prospect-development', 'follow-up')}", "P1D")
        .replace("${pace.of('prospect-development', 'journey')}", "P30D")
        .replace("${pace.of('prospect-development', 'nurture')}", "P60D");
    assertThat(shapedXml).doesNotContain("${journeySteps", "${pace.", "${record", "${paceNudges").contains(ShapedSteps.class.getName());
    return shapedXml;
  }

  /**
   * The journey's engine work without its application logic: the same user tasks (assigned the
   * same way), the receive task, the three non-interrupting pace timers, the whole-journey timer
   * and the three message event subprocesses that can end a journey from any step. The timers'
   * durations are the default paces, so none falls due during the benchmark.
   */
  static BpmnModelInstance bareProcess() {
    ProcessBuilder process = Bpmn.createExecutableProcess(BARE_KEY).camundaHistoryTimeToLiveString("P180D");
    process.startEvent("Start")
        .userTask("Share").camundaAssignee("${distributorId}")
          .boundaryEvent("ShareOverdue").cancelActivity(false).timerWithDuration("P2D").endEvent("ShareNudged")
        .moveToActivity("Share")
        .receiveTask("WaitForView").message(BARE_VIEWED)
          .boundaryEvent("ViewOverdue").cancelActivity(false).timerWithDuration("P3D").endEvent("ViewNudged")
        .moveToActivity("WaitForView")
        .userTask("AskFollowUp").camundaAssignee("${distributorId}")
          .boundaryEvent("FollowUpOverdue").cancelActivity(false).timerWithDuration("P1D").endEvent("FollowUpNudged")
        .moveToActivity("AskFollowUp")
        .userTask("RecordMeetingOutcome").camundaAssignee("${distributorId}")
        .endEvent("Won");
    process.eventSubProcess("JourneyOverdue")
        .startEvent("JourneyOverdueStart").interrupting(false).timerWithDuration("P30D").endEvent("SponsorAlerted");
    for (String outcome : List.of("Purchased", "Enrolled", "Lost")) {
      process.eventSubProcess(outcome).startEvent(outcome + "Start").message("Bare" + outcome).endEvent(outcome + "End");
    }
    return process.done();
  }

  /**
   * The table: median rate per kind, the ratio, and where the time goes, step by step. The ratio is
   * the median of the rounds' ratios, each from instances that ran side by side under the same load.
   */
  private void report(List<Round> rounds) throws IOException {
    List<Double> bareRates = rounds.stream().map(Round::bareRate).toList();
    List<Double> journeyRates = rounds.stream().map(Round::journeyRate).toList();
    List<Double> ratios = rounds.stream().map(Round::ratio).toList();
    List<Double> cpuRatios = rounds.stream().map(Round::cpuRatio).toList();
    double ratio = median(ratios);
    StringBuilder table = new StringBuilder(String.format(Locale.ROOT, """
        database  kind      journeys/s (median of %d rounds of %d journeys each)
        %-8s  bare      %7.1f   rounds %s
        %-8s  journey   %7.1f   rounds %s
        %-8s  ratio     %7.2f   journey costs %.2fx bare (aim: at most 1.4x); rounds %s
        %-8s  cpu ratio %7.2f   the same by the driving thread's CPU time; rounds %s

        """, ROUNDS, PER_ROUND, database(), median(bareRates), rounded(bareRates, "%.1f"), database(), median(journeyRates),
        rounded(journeyRates, "%.1f"), database(), ratio, ratio, rounded(ratios, "%.2f"), database(), median(cpuRatios),
        rounded(cpuRatios, "%.2f")));
    if (SHAPED) {
      List<Double> shapedRates = rounds.stream().map(Round::shapedRate).toList();
      List<Double> diagram = rounds.stream().map(round -> round.bareRate() / round.shapedRate()).toList();
      List<Double> application = rounds.stream().map(round -> round.shapedRate() / round.journeyRate()).toList();
      table.append(String.format(Locale.ROOT, """
          %-8s  shaped    %7.1f   the journey's diagram without the application; rounds %s
          %-8s  diagram   %7.2f   shaped costs %.2fx bare: what the diagram's own steps and variables cost
          %-8s  app       %7.2f   journey costs %.2fx shaped: what the application behind the diagram costs

          """, database(), median(shapedRates), rounded(shapedRates, "%.1f"), database(), median(diagram), median(diagram),
          database(), median(application), median(application)));
    }
    table.append(String.format(Locale.ROOT, "%-8s  ms per journey by step, mean of all rounds:%n"
        + "step             bare  journey    extra%s%n", database(), SHAPED ? "   shaped" : ""));
    double[] bareSteps = millisPerJourney(rounds.stream().map(Round::bareNanos).toList());
    double[] journeySteps = millisPerJourney(rounds.stream().map(Round::journeyNanos).toList());
    double[] shapedSteps = millisPerJourney(rounds.stream().map(Round::shapedNanos).toList());
    for (int step = 0; step <= STEPS.size(); step++) {
      // the last line: all steps
      double bareMillis = step < STEPS.size() ? bareSteps[step] : Arrays.stream(bareSteps).sum();
      double journeyMillis = step < STEPS.size() ? journeySteps[step] : Arrays.stream(journeySteps).sum();
      double shapedMillis = step < STEPS.size() ? shapedSteps[step] : Arrays.stream(shapedSteps).sum();
      table.append(String.format(Locale.ROOT, "%-12s  %7.2f  %7.2f  %+7.2f%s%n", step < STEPS.size() ? STEPS.get(step) : "all",
          bareMillis, journeyMillis, journeyMillis - bareMillis, SHAPED ? String.format(Locale.ROOT, "  %7.2f", shapedMillis) : ""));
    }
    System.out.println();
    System.out.print(table);
    System.out.println();
    Files.createDirectories(RESULTS.getParent());
    Files.writeString(RESULTS, "# " + Instant.now() + "\n" + table + "\n", StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static double[] millisPerJourney(List<long[]> stepNanosPerRound) {
    double[] millis = new double[STEPS.size()];
    for (long[] stepNanos : stepNanosPerRound) {
      for (int step = 0; step < STEPS.size(); step++) {
        millis[step] += stepNanos[step] / 1e6 / ((double) PER_ROUND * stepNanosPerRound.size());
      }
    }
    return millis;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  private static String rounded(List<Double> values, String format) {
    return values.stream().map(value -> String.format(Locale.ROOT, format, value)).toList().toString();
  }
}
