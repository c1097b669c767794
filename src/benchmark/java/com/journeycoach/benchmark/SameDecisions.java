package com.journeycoach.benchmark;

import com.journeycoach.coaching.NudgeDecision;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Whether the rules and the plain Java decided the same, compared as sets of whole decisions. */
final class SameDecisions {

  private SameDecisions() {
  }

  /** What differs, or {@code null} when both decided exactly the same set (each decision once). */
  static String difference(List<NudgeDecision> rules, List<NudgeDecision> java) {
    Set<NudgeDecision> byRules = new HashSet<>(rules);
    Set<NudgeDecision> byJava = new HashSet<>(java);
    if (byRules.size() != rules.size() || byJava.size() != java.size()) {
      return "a decision made twice: rules " + rules + ", plain Java " + java;
    }
    return byRules.equals(byJava) ? null : describe(byRules, byJava);
  }

  private static String describe(Set<NudgeDecision> byRules, Set<NudgeDecision> byJava) {
    List<NudgeDecision> onlyRules = new ArrayList<>(byRules);
    onlyRules.removeAll(byJava);
    List<NudgeDecision> onlyJava = new ArrayList<>(byJava);
    onlyJava.removeAll(byRules);
    return "only the rules decided " + onlyRules + "; only the plain Java decided " + onlyJava;
  }
}
