package com.journeycoach.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeycoach.coaching.BenchmarkedRuleBook;
import com.journeycoach.coaching.NudgeDecision;
import com.journeycoach.coaching.RecentNudge;
import com.journeycoach.coaching.RulesProperties;
import com.journeycoach.coaching.ThresholdValue;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;
import org.kie.api.conf.EqualityBehaviorOption;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.StatelessKieSession;
import org.kie.internal.utils.KieHelper;

/**
 * Coaching decisions per second: the rules in {@code rules/*.drl} through {@code RuleBook.decide}
 * against the same decision written by hand ({@link PlainJavaCoach}), on a realistic fact set: one
 * distributor with ten prospects, her forecast record, ten recent nudges and every threshold; the
 * occasions are a follow-up recorded and a follow-up pace timer, alternating.
 *
 * <p>First both must decide the same on every case of {@link CoachingFactSets#cases()}; then rules
 * and plain Java take turns in rounds of a fixed time (the order alternating), after a warm-up, and
 * the median rate of each is printed with the ratio (rules cost = plain Java rate / rules rate) and
 * appended to {@code target/benchmark-results.txt}. Rates are measured by the clock and, as a check
 * on a busy machine, by the benchmark thread's CPU time. Nothing about time is asserted. In the
 * same rounds a floor is timed: the same facts into a rule book of one rule that only collects
 * decisions, which is what any rule set costs before its rules do anything.
 *
 * <p>With {@code -Drules.benchmark.variants=true}, to show where the rules' time goes, variants of
 * the rules path are then timed the same way on the same facts: a session built per decision
 * instead of pooled (checked to decide as the shipped rules do), and rule files or facts left out
 * (only to attribute cost), down to Drools' own cost whatever the rules: the same facts into a
 * session of no rules at all, by equality and by identity, folded into as few facts as the fact
 * types allow, and nothing inserted. Nothing under {@code src/main} or {@code rules/} is changed by this.
 *
 * <p>Run: {@code mvn -B -Pbenchmark verify -Dtest=RulesBenchmark -Dsurefire.failIfNoSpecifiedTests=false};
 * {@code -Drules.benchmark.rounds=7} and {@code -Drules.benchmark.round-millis=300} are the defaults;
 * add {@code -Drules.benchmark.variants=true} for the variants (a minute or two more).
 */
@Tag("benchmark")
class RulesBenchmark {

  static final int ROUNDS = Integer.getInteger("rules.benchmark.rounds", 7);
  static final long ROUND_MILLIS = Long.getLong("rules.benchmark.round-millis", 300);
  /** The first warm-up, of the shipped rules and the plain Java, before anything is measured. */
  static final long WARM_UP_MILLIS = Long.getLong("rules.benchmark.warm-up-millis", 5000);
  /** The least warm-up before each table; it goes on until the rates settle. */
  static final long SETTLE_MILLIS = 1000;
  static final long MAX_WARM_UP_MILLIS = Long.getLong("rules.benchmark.max-warm-up-millis", 60000);
  static final long MAX_SETTLE_MILLIS = 30000;
  static final long SLICE_MILLIS = 250;
  static final boolean VARIANTS = Boolean.getBoolean("rules.benchmark.variants");
  static final Path RESULTS = Path.of("target", "benchmark-results.txt");
  static final Path RULES_FOLDER = Path.of("rules");

  /** The sizes of every decision made, summed and printed, so the JIT cannot drop a path whose result goes unused. */
  static long blackhole;

  /** A way to decide. */
  interface Decider {
    List<NudgeDecision> decide(List<Object> facts);
  }

  record Contestant(String name, Decider decider) {
  }

  /** Median decisions per second of a contestant over the rounds, by the clock and by thread CPU time. */
  record Rate(double wall, double cpu) {
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  @Test
  void rulesAgainstPlainJava() throws IOException {
    BenchmarkedRuleBook rules = new BenchmarkedRuleBook(new RulesProperties(RULES_FOLDER.toString()));
    PlainJavaCoach java = new PlainJavaCoach();

    // no figures unless both decide the same
    for (Map.Entry<String, List<Object>> entry : CoachingFactSets.cases().entrySet()) {
      assertThat(SameDecisions.difference(rules.decide(entry.getValue()), java.decide(entry.getValue())))
          .as("rules and plain Java decide differently on: %s", entry.getKey()).isNull();
    }

    // both decide nudges and readiness; the readiness is counted so that neither can skip it
    Contestant drools = new Contestant("rules (Drools)", facts -> counted(rules.decideAll(facts)));
    Contestant plain = new Contestant("plain Java", facts -> counted(java.decideAll(facts)));
    // what any rule set pays before its rules do anything: the facts the rule book inserts, into a pooled session of one rule
    KieSessionsPool collectOnly = ruleBook(Map.of("collect.drl", COLLECT_ONLY)).current().sessions();
    Contestant floor = new Contestant("floor", facts -> execute(collectOnly.newStatelessKieSession(), rules.factsFor(facts)));
    List<List<Object>> mix = List.of(CoachingFactSets.FOLLOW_UP_RECORDED, CoachingFactSets.PACE_TIMER);
    StringBuilder report = new StringBuilder();
    long started = System.nanoTime();
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

    String warmUp = warmUp(List.of(drools, plain, floor), mix, WARM_UP_MILLIS, MAX_WARM_UP_MILLIS);
    Measured all = measure(List.of(drools, plain, floor), mix);
    Rate rulesRate = all.rates().get(drools.name());
    Rate javaRate = all.rates().get(plain.name());
    Rate floorRate = all.rates().get(floor.name());
    double ratio = javaRate.wall() / rulesRate.wall();
    report.append(String.format(Locale.ROOT, "%n%s  %s, %d processors, load average %.1f, warm-up %s%n",
        Instant.now().truncatedTo(ChronoUnit.SECONDS), RulesBenchmark.class.getSimpleName(),
        Runtime.getRuntime().availableProcessors(), loadBefore, warmUp));
    report.append(String.format(Locale.ROOT,
        "coaching decisions/s (median of %d rounds of %d ms, 1 distributor, 10 prospects, 10 recent nudges, %d thresholds;%n"
            + "occasions: follow-up recorded and follow-up pace timer, alternating)%n", ROUNDS, ROUND_MILLIS,
        CoachingFactSets.THRESHOLDS.size()));
    report.append(String.format(Locale.ROOT, "%-16s %10.0f%n", "rules (Drools)", rulesRate.wall()));
    report.append(String.format(Locale.ROOT, "%-16s %10.0f%n", "plain Java", javaRate.wall()));
    report.append(String.format(Locale.ROOT, "%-16s %10.1f  (rules cost %.1fx plain Java; aim: at most 3x)%n", "ratio", ratio, ratio));
    report.append(String.format(Locale.ROOT, "by thread CPU time: rules %.0f/s, plain Java %.0f/s, ratio %.1f%n", rulesRate.cpu(),
        javaRate.cpu(), javaRate.cpu() / rulesRate.cpu()));
    report.append(String.format(Locale.ROOT, "floor: the facts the rule book inserts, into a pooled session of one rule: %.0f/s,"
        + " %.1fx plain Java%n", floorRate.wall(), javaRate.wall() / floorRate.wall()));

    report.append(String.format(Locale.ROOT, "%nper occasion                  rules (Drools)   plain Java    ratio%n"));
    Map<String, List<Object>> occasions = new LinkedHashMap<>();
    occasions.put("follow-up recorded (p05)", CoachingFactSets.FOLLOW_UP_RECORDED);
    occasions.put("follow-up pace timer (p06)", CoachingFactSets.PACE_TIMER);
    for (Map.Entry<String, List<Object>> occasion : occasions.entrySet()) {
      Map<String, Rate> rates = measure(List.of(drools, plain), List.of(occasion.getValue())).rates();
      report.append(String.format(Locale.ROOT, "%-28s %14.0f %12.0f %8.1f%n", occasion.getKey(), rates.get(drools.name()).wall(),
          rates.get(plain.name()).wall(), rates.get(plain.name()).wall() / rates.get(drools.name()).wall()));
    }
    System.out.print(report);

    if (VARIANTS) {
      String variants = variants(rules, drools, plain, mix);
      System.out.print(variants);
      report.append(variants);
    }
    String end = String.format(Locale.ROOT, "(%.0f s, load average %.1f at the end; checksum %d)%n", (System.nanoTime() - started) / 1e9,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), blackhole);
    System.out.print(end);
    report.append(end);
    Files.createDirectories(RESULTS.getParent());
    Files.writeString(RESULTS, report, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  // variants of the rules path, to see where the time goes

  /** A variant of the rules path: a proposal (must decide as the shipped rules) or only there to attribute cost. */
  record Variant(Contestant contestant, String note, boolean proposal) {
  }

  private String variants(BenchmarkedRuleBook rules, Contestant shipped, Contestant plain, List<List<Object>> mix) throws IOException {
    Map<String, String> files = ruleFiles();
    List<Variant> variants = new ArrayList<>();
    variants.add(new Variant(shipped, "RuleBook.decide: a stateless session from the pool, interest counts added", true));

    KieBase base = rules.current().base();
    proposal(variants, "a new session each", "as shipped, but a session built per decision instead of taken from the pool",
        facts -> execute(base.newStatelessKieSession(), rules.factsFor(facts)));

    for (String left : List.of("training.drl", "pace.drl", "caps.drl")) {
      Map<String, String> without = with(files, left, null);
      if (left.equals("caps.drl")) {
        without.put("collect.drl", COLLECT_ONLY);
      }
      BenchmarkedRuleBook book = ruleBook(without);
      attribution(variants, "without " + left, left.equals("caps.drl") ? "decisions collected, not capped" : "the other rules",
          book::decide);
    }
    KieSessionsPool collectOnly = ruleBook(Map.of("collect.drl", COLLECT_ONLY)).current().sessions();
    attribution(variants, "collect rule only", "floor: insert the facts the rule book inserts, fire one rule",
        facts -> execute(collectOnly.newStatelessKieSession(), rules.factsFor(facts)));
    attribution(variants, "collect, no thresholds", "floor without the thresholds: what inserting them costs",
        facts -> execute(collectOnly.newStatelessKieSession(), rules.factsFor(facts).stream()
            .filter(f -> !(f instanceof ThresholdValue)).toList()));
    List<Object> noFacts = List.of();
    attribution(variants, "no facts", "floor: a pooled session of the shipped rules, nothing inserted", facts -> rules.decide(noFacts));
    // Drools' own cost, whatever the rules: a rule base without a single rule
    KieSessionsPool noRules = ruleBook(Map.of("none.drl", NO_RULES)).current().sessions();
    attribution(variants, "no rules", "Drools alone: the facts the rule book inserts, into a pooled session of no rules",
        facts -> execute(noRules.newStatelessKieSession(), rules.factsFor(facts)));
    KieSessionsPool noRulesByIdentity = new KieHelper().addContent(NO_RULES, ResourceType.DRL)
        .build(EqualityBehaviorOption.IDENTITY).newKieSessionsPool(2);
    attribution(variants, "no rules, identity", "the same, facts told apart by identity instead of equality (no hashing)",
        facts -> execute(noRulesByIdentity.newStatelessKieSession(), rules.factsFor(facts)));
    attribution(variants, "no rules, folded facts", "the same with the thresholds and the recent nudges each folded into one fact",
        facts -> execute(noRulesByIdentity.newStatelessKieSession(), folded(rules.factsFor(facts))));
    attribution(variants, "no rules, no facts", "a pooled session of no rules, nothing inserted: the least a decision costs",
        facts -> execute(noRulesByIdentity.newStatelessKieSession(), noFacts));
    variants.add(new Variant(plain, "PlainJavaCoach", true));

    Measured measured = measure(variants.stream().map(Variant::contestant).toList(), mix);
    StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
        "%nwhere the rules' time goes: the same facts and occasions, decisions/s (median of %d interleaved rounds, warm-up %s)%n"
            + "%-24s %11s %10s %10s %9s  %-15s %s%n", ROUNDS, measured.warmUp(), "variant", "decisions/s", "per CPU-s", "vs shipped",
        "Java cost", "same decisions", "what"));
    double shippedRate = measured.rates().get(shipped.name()).wall();
    double javaRate = measured.rates().get(plain.name()).wall();
    for (Variant variant : variants) {
      Rate rate = measured.rates().get(variant.contestant().name());
      table.append(String.format(Locale.ROOT, "%-24s %11.0f %10.0f %9.2fx %8.1fx  %-15s %s%n", variant.contestant().name(), rate.wall(),
          rate.cpu(), rate.wall() / shippedRate, javaRate / rate.wall(), variant.proposal() ? sameAsShipped(rules, variant.contestant()) : "-",
          variant.note()));
    }
    return table.toString();
  }

  private static void proposal(List<Variant> variants, String name, String note, Decider decider) {
    variants.add(new Variant(new Contestant(name, decider), note, true));
  }

  private static void attribution(List<Variant> variants, String name, String note, Decider decider) {
    variants.add(new Variant(new Contestant(name, decider), note, false));
  }

  /** Whether a variant decides as the shipped rules on every named case; else the first case where it does not. */
  private static String sameAsShipped(BenchmarkedRuleBook rules, Contestant contestant) {
    for (Map.Entry<String, List<Object>> entry : CoachingFactSets.cases().entrySet()) {
      if (SameDecisions.difference(rules.decide(entry.getValue()), contestant.decider().decide(entry.getValue())) != null) {
        return "NO (" + entry.getKey().replaceAll(":.*", "") + ")";
      }
    }
    return "yes";
  }

  /** A rule book, as the application builds it, over other rule files (written to a folder of their own). */
  static BenchmarkedRuleBook ruleBook(Map<String, String> files) throws IOException {
    Path folder = Files.createTempDirectory("rules-variant");
    for (Map.Entry<String, String> file : files.entrySet()) {
      Files.writeString(folder.resolve(file.getKey()), file.getValue());
    }
    return new BenchmarkedRuleBook(new RulesProperties(folder.toString()));
  }

  private static List<NudgeDecision> counted(BenchmarkedRuleBook.Decisions decisions) {
    blackhole += decisions.readyToPresent().size();
    return decisions.nudges();
  }

  /** As {@code RuleBook.decide}, on a given session. */
  private static List<NudgeDecision> execute(StatelessKieSession session, List<Object> facts) {
    List<NudgeDecision> decisions = new ArrayList<>();
    session.setGlobal("decisions", decisions);
    if (BenchmarkedRuleBook.declares(session.getKieBase(), BenchmarkedRuleBook.READY_TO_PRESENT)) {
      session.setGlobal(BenchmarkedRuleBook.READY_TO_PRESENT, new HashSet<String>());
    }
    session.execute(facts);
    decisions.sort(NudgeDecision.MOST_IMPORTANT_FIRST);
    return decisions;
  }

  // measuring

  /** The median rates, and how the warm-up went. */
  record Measured(Map<String, Rate> rates, String warmUp) {
  }

  /**
   * Each contestant decides on the workload's fact sets in turn: first a {@link #warmUp} of at least
   * {@link #SETTLE_MILLIS}, then {@link #ROUNDS} rounds of {@link #ROUND_MILLIS} each, the order of
   * the contestants rotating from round to round; answers the median rate of each.
   */
  static Measured measure(List<Contestant> contestants, List<List<Object>> workload) {
    String warmUp = warmUp(contestants, workload, SETTLE_MILLIS, MAX_SETTLE_MILLIS);
    Map<String, double[]> wall = new LinkedHashMap<>();
    Map<String, double[]> cpu = new LinkedHashMap<>();
    contestants.forEach(c -> {
      wall.put(c.name(), new double[ROUNDS]);
      cpu.put(c.name(), new double[ROUNDS]);
    });
    for (int round = 0; round < ROUNDS; round++) {
      for (int turn = 0; turn < contestants.size(); turn++) {
        Contestant contestant = contestants.get((round + turn) % contestants.size());
        double[] rates = run(contestant, workload, ROUND_MILLIS);
        wall.get(contestant.name())[round] = rates[0];
        cpu.get(contestant.name())[round] = rates[1];
      }
    }
    Map<String, Rate> medians = new LinkedHashMap<>();
    contestants.forEach(c -> medians.put(c.name(), new Rate(median(wall.get(c.name())), median(cpu.get(c.name())))));
    return new Measured(medians, warmUp);
  }

  /**
   * Runs the contestants in turn, in slices of {@link #SLICE_MILLIS}, for at least {@code minMillis}
   * and until the JIT is done with them: it compiled for less than 2% of the last two turns, and
   * none of them gets faster any more (the mean rate per CPU-second of its last three slices within
   * 5% of the three before); at most {@code maxMillis}, as on a busy machine the JIT compiles the
   * rules path slowly. Answers how long it took.
   */
  static String warmUp(List<Contestant> contestants, List<List<Object>> workload, long minMillis, long maxMillis) {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    long start = System.nanoTime();
    Map<String, List<Double>> slices = new LinkedHashMap<>();
    contestants.forEach(c -> slices.put(c.name(), new ArrayList<>()));
    boolean settled = false;
    boolean jitWasQuiet = false;
    while (true) {
      long turnStart = System.nanoTime();
      long compiledBefore = jit.getTotalCompilationTime();
      for (Contestant contestant : contestants) {
        slices.get(contestant.name()).add(run(contestant, workload, SLICE_MILLIS)[1]);
      }
      boolean jitQuiet = (jit.getTotalCompilationTime() - compiledBefore) < 0.02 * (System.nanoTime() - turnStart) / 1e6;
      long elapsed = (System.nanoTime() - start) / 1_000_000;
      settled = jitQuiet && jitWasQuiet && slices.values().stream().allMatch(RulesBenchmark::notRisingAnyMore);
      jitWasQuiet = jitQuiet;
      if ((settled && elapsed >= minMillis) || elapsed >= Math.max(minMillis, maxMillis)) {
        break;
      }
    }
    return String.format(Locale.ROOT, "%.1f s%s", (System.nanoTime() - start) / 1e9, settled ? "" : ", NOT settled");
  }

  private static boolean notRisingAnyMore(List<Double> rates) {
    int n = rates.size();
    if (n < 6) {
      return false;
    }
    double last = (rates.get(n - 1) + rates.get(n - 2) + rates.get(n - 3)) / 3;
    double before = (rates.get(n - 4) + rates.get(n - 5) + rates.get(n - 6)) / 3;
    return last <= before * 1.05;
  }

  /** Decides for about {@code millis}; answers decisions per second by the clock and by this thread's CPU time. */
  private static double[] run(Contestant contestant, List<List<Object>> workload, long millis) {
    Decider decider = contestant.decider();
    int kinds = workload.size();
    long decisions = 0;
    long sink = 0;
    long cpuStart = THREADS.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    long end = start + millis * 1_000_000;
    long now;
    do {
      for (int i = 0; i < 8; i++) {
        sink += decider.decide(workload.get((int) (decisions++ % kinds))).size();
      }
      now = System.nanoTime();
    } while (now < end);
    long cpuNanos = Math.max(1, THREADS.getCurrentThreadCpuTime() - cpuStart);
    blackhole += sink;
    return new double[] {decisions / ((now - start) / 1e9), decisions / (cpuNanos / 1e9)};
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  // rule files

  private static Map<String, String> ruleFiles() throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> paths = Files.list(RULES_FOLDER)) {
      for (Path path : paths.filter(p -> p.toString().endsWith(".drl")).toList()) {
        files.put(path.getFileName().toString(), Files.readString(path));
      }
    }
    return files;
  }

  private static Map<String, String> with(Map<String, String> files, String name, String text) {
    Map<String, String> changed = new TreeMap<>(files);
    if (text == null) {
      changed.remove(name);
    } else {
      changed.put(name, text);
    }
    return changed;
  }

  /**
   * The fewest facts a decision could insert with the fact types the rules use: every threshold in
   * one map and every recent nudge in one list instead of a fact each (the rules would then read them
   * through methods of those two facts).
   */
  private static List<Object> folded(List<Object> facts) {
    List<Object> folded = new ArrayList<>();
    Map<String, Double> thresholds = new TreeMap<>();
    List<RecentNudge> recent = new ArrayList<>();
    for (Object fact : facts) {
      if (fact instanceof ThresholdValue threshold) {
        thresholds.put(threshold.name(), threshold.value());
      } else if (fact instanceof RecentNudge nudge) {
        recent.add(nudge);
      } else {
        folded.add(fact);
      }
    }
    folded.add(thresholds);
    folded.add(recent);
    return folded;
  }

  static final String NO_RULES = """
      package com.journeycoach.rules;
      global java.util.List decisions;
      """;

  static final String COLLECT_ONLY = """
      package com.journeycoach.rules;
      import com.journeycoach.coaching.*;
      global java.util.List decisions;
      rule "Collect decisions"
          salience -100
      when
          $decision : NudgeDecision()
      then
          decisions.add($decision);
      end
      """;
}
