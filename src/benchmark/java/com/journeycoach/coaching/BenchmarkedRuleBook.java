package com.journeycoach.coaching;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.kie.api.KieBase;

/**
 * The rule book as the benchmarks time and compare it: the decision steps {@link RuleBook} keeps to
 * its package, opened to the benchmark package. It lives in that package but in the benchmark
 * source folder, so neither the application nor the default build sees it.
 */
public final class BenchmarkedRuleBook {

  /** The global the readiness rules add a ready prospect to. */
  public static final String READY_TO_PRESENT = RuleBook.READY_TO_PRESENT;

  /** What one decision decided, as the rules and the plain-Java coach both answer it. */
  public record Decisions(List<NudgeDecision> nudges, Set<String> readyToPresent) {
  }

  private final RuleBook book;

  /** A rule book of its own, built as the application builds it. */
  public BenchmarkedRuleBook(RulesProperties properties) {
    this(new RuleBook(properties));
  }

  /** The application's rule book (the bean). */
  public BenchmarkedRuleBook(RuleBook book) {
    this.book = book;
  }

  /** As {@code RuleBook.decide}: the nudges that survived the caps, most important first. */
  public List<NudgeDecision> decide(Collection<?> facts) {
    return book.decide(facts);
  }

  /** As {@code RuleBook.decideAll}: the nudges and who is ready to present to. */
  public Decisions decideAll(Collection<?> facts) {
    RuleBook.Decisions decisions = book.decideAll(facts);
    return new Decisions(decisions.nudges(), decisions.readyToPresent());
  }

  /** What a decision on these facts inserts into a session of the running rules. */
  public List<Object> factsFor(Collection<?> facts) {
    return book.factsFor(facts);
  }

  /** The rules now running: their base and their session pool. */
  public RuleBook.Loaded current() {
    return book.current();
  }

  /** Whether a rule base declares this global (a rule set without readiness rules declares no readyToPresent). */
  public static boolean declares(KieBase base, String global) {
    return RuleBook.declares(base, global);
  }
}
