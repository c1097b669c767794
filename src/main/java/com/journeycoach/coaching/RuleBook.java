package com.journeycoach.coaching;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.conf.EqualityBehaviorOption;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.StatelessKieSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The coaching rules: every {@code .drl} of the rules folder compiled into one KieBase. A compile
 * error stops start-up with file, line and message; a reload compiles the new set beside the
 * running one and swaps it in atomically, keeping the running one when the new set has errors.
 * Other modules decide through {@link Coach}; the decision steps here are the package's own (the
 * benchmarks reach them through {@code BenchmarkedRuleBook}, in this package under src/benchmark/java).
 */
@Component
public class RuleBook {

  /**
   * The rules now running: their files, the compiled base, a pool of sessions of that base, and the
   * string literals of the files (the threshold names the rules can match).
   * Each decision takes a stateless session from the pool: the pooled session is reset, not built
   * again, when the decision is done (building one costs more than most decisions).
   */
  public record Loaded(Map<String, String> files, KieBase base, KieSessionsPool sessions, Set<String> literals, long version,
                       boolean judgesReadiness) {

    Loaded(Map<String, String> files, KieBase base) {
      this(files, base, base.newKieSessionsPool(POOLED_SESSIONS), literalsOf(files), VERSIONS.incrementAndGet(),
          declares(base, READY_TO_PRESENT));
    }

    /** Whether any rule can match this threshold: its name is written in one of the files. */
    boolean mentions(ThresholdValue threshold) {
      return literals.contains(threshold.name());
    }
  }

  private static final Logger log = LoggerFactory.getLogger(RuleBook.class);
  private static final AtomicLong VERSIONS = new AtomicLong();
  /** The global the readiness rules add a prospect to when it is ready for a presentation or meeting. */
  static final String READY_TO_PRESENT = "readyToPresent";
  private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
  /** Sessions made ready at load; the pool grows when more decisions run at once. */
  private static final int POOLED_SESSIONS = 2;

  private final RulesProperties properties;
  private final AtomicReference<Loaded> current = new AtomicReference<>();
  private volatile ReloadListener reloadListener = (loaded, by) -> { };

  public RuleBook(RulesProperties properties) {
    this.properties = properties;
    Map<String, String> files = readRuleFiles();
    current.set(new Loaded(files, compile(files)));
    log.info("Coaching rules loaded from {}: {}", source(), files.keySet());
  }

  /**
   * One decision: a stateless session over the facts and, per product, how many of the journeys
   * among them are interested in it ({@link ProductInterest}); returns what survived the caps, most
   * important first. Thresholds whose names no rule file mentions are left out: no rule could match
   * them, and inserting a fact costs about as much as a small rule (a rule names the thresholds it
   * reads, as in {@code ThresholdValue(name == "coaching.cap.nudges-per-day")}).
   */
  List<NudgeDecision> decide(Collection<?> facts) {
    return decideAll(facts).nudges();
  }

  /** What one decision decided: the nudges that survived the caps, most important first, and who is ready to present to. */
  record Decisions(List<NudgeDecision> nudges, Set<String> readyToPresent) {
  }

  /** As {@link #decide}, with the prospects the readiness rules found ready for a presentation or meeting. */
  Decisions decideAll(Collection<?> facts) {
    Loaded rules = current.get();
    StatelessKieSession session = rules.sessions().newStatelessKieSession();
    Decisions decisions = new Decisions(new ArrayList<>(), new HashSet<>());
    session.setGlobal("decisions", decisions.nudges());
    if (rules.judgesReadiness()) {
      session.setGlobal(READY_TO_PRESENT, decisions.readyToPresent());
    }
    session.execute(factsFor(rules, facts));
    decisions.nudges().sort(NudgeDecision.MOST_IMPORTANT_FIRST);
    return decisions;
  }

  /** Whether a rule base declares this global (a rule set without readiness rules declares no readyToPresent). */
  static boolean declares(KieBase base, String global) {
    return base.getKiePackages().stream().flatMap(kiePackage -> kiePackage.getGlobalVariables().stream())
        .anyMatch(declared -> declared.getName().equals(global));
  }

  /** What a decision on these facts inserts into the session of the running rules. */
  List<Object> factsFor(Collection<?> facts) {
    return factsFor(current.get(), facts);
  }

  private static List<Object> factsFor(Loaded rules, Collection<?> facts) {
    List<ProductInterest> interests = ProductInterest.countedFrom(facts);
    List<Object> all = new ArrayList<>(facts.size() + interests.size());
    for (Object fact : facts) {
      if (!(fact instanceof ThresholdValue threshold) || rules.mentions(threshold)) {
        all.add(fact);
      }
    }
    all.addAll(interests);
    return all;
  }

  /** Told of every successful reload, with who reloaded (the rules versions shared by every node). */
  interface ReloadListener {
    void reloaded(Loaded loaded, String by);
  }

  /** Reads the rules folder again; on error the running rules stay and the errors are thrown. */
  public Loaded reload() {
    return reload("unknown");
  }

  /** As {@link #reload()}, telling the reload listener who reloaded. */
  public synchronized Loaded reload(String by) {
    Map<String, String> files = readRuleFiles();
    Loaded loaded = use(files);
    log.info("Coaching rules reloaded from {} by {}: {}", source(), by, files.keySet());
    reloadListener.reloaded(loaded, by);
    return loaded;
  }

  /**
   * Compiles these rule files and swaps them in; on error the running rules stay and the errors are
   * thrown. Decisions already running finish on the old pool; it is left to the garbage collector,
   * not shut down, as shutting it down would dispose of sessions still in use.
   */
  synchronized Loaded use(Map<String, String> files) {
    Loaded loaded = new Loaded(new TreeMap<>(files), compile(files));
    current.set(loaded);
    return loaded;
  }

  void listenToReloads(ReloadListener listener) {
    reloadListener = listener;
  }

  public Loaded current() {
    return current.get();
  }

  /** Every string literal of the rule files: among them, the names of the thresholds the rules read. */
  static Set<String> literalsOf(Map<String, String> files) {
    Set<String> literals = new HashSet<>();
    for (String text : files.values()) {
      Matcher literal = STRING_LITERAL.matcher(text);
      while (literal.find()) {
        literals.add(literal.group(1));
      }
    }
    return Set.copyOf(literals);
  }

  /** Compiles DRL files (name to text) into a KieBase, or fails with every error found. */
  public static KieBase compile(Map<String, String> files) {
    if (files.isEmpty()) {
      throw new RuleCompilationException(List.of("no .drl files found"));
    }
    KieServices kie = KieServices.Factory.get();
    KieFileSystem fileSystem = kie.newKieFileSystem();
    // a release id of its own per compilation, so a reload never touches the running module
    ReleaseId releaseId = kie.newReleaseId("com.journeycoach", "coaching-rules", "1.0." + VERSIONS.incrementAndGet());
    fileSystem.generateAndWritePomXML(releaseId);
    files.forEach((name, text) -> fileSystem.write("src/main/resources/rules/" + name, text));
    KieBuilder builder = kie.newKieBuilder(fileSystem).buildAll();
    List<String> errors = builder.getResults().getMessages(Message.Level.ERROR).stream()
        .map(message -> fileName(message.getPath()) + ":" + message.getLine() + ": " + message.getText().strip())
        .toList();
    if (!errors.isEmpty()) {
      throw new RuleCompilationException(errors);
    }
    // equality: a rule that makes the same decision twice (once per matching journey) inserts it once
    KieBaseConfiguration configuration = kie.newKieBaseConfiguration();
    configuration.setOption(EqualityBehaviorOption.EQUALITY);
    return kie.newKieContainer(releaseId).newKieBase(configuration);
  }

  private static String fileName(String path) {
    return path == null ? "?" : path.substring(path.lastIndexOf('/') + 1);
  }

  private String source() {
    return blank(properties.folder()) ? "the packaged rules/" : properties.folder();
  }

  private Map<String, String> readRuleFiles() {
    Map<String, String> files = new TreeMap<>();
    try {
      if (blank(properties.folder())) {
        for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:rules/*.drl")) {
          files.put(resource.getFilename(), resource.getContentAsString(StandardCharsets.UTF_8));
        }
      } else {
        try (Stream<Path> paths = Files.list(Path.of(properties.folder()))) {
          for (Path path : paths.filter(p -> p.toString().endsWith(".drl")).toList()) {
            files.put(path.getFileName().toString(), Files.readString(path));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the coaching rules from " + source(), e);
    }
    return files;
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
