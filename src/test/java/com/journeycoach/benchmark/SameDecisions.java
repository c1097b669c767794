package com.journeycoach.benchmark;

import com.journeycoach.coaching.NudgeDecision;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Whether the rules and the plain Java decided the same, compared as sets of whole decisions. */
final class SameDecisions {

  private SameDecisions() {
  }

  /** What differs, or {@code null} when both decided exactly the same set (each decision once). */
  static String difference(List<NudgeDecision> rules, List<NudgeDecision> java) {
    return difference(rules, java, false);
  }

  /**
   * As {@link #difference(List, List)}, but where the daily cap cut through decisions of equal
   * priority, a recipient may keep different ones of that priority in each, if the same number of
   * each priority survives.
   */
  static String difference(List<NudgeDecision> rules, List<NudgeDecision> java, boolean tiesAtTheCap) {
    Set<NudgeDecision> byRules = new HashSet<>(rules);
    Set<NudgeDecision> byJava = new HashSet<>(java);
    if (byRules.size() != rules.size() || byJava.size() != java.size()) {
      return "a decision made twice: rules " + rules + ", plain Java " + java;
    }
    if (byRules.equals(byJava)) {
      return null;
    }
    if (!tiesAtTheCap) {
      return describe(byRules, byJava);
    }
    Set<String> recipients = new LinkedHashSet<>();
    rules.forEach(d -> recipients.add(d.recipientId()));
    java.forEach(d -> recipients.add(d.recipientId()));
    for (String recipient : recipients) {
      List<NudgeDecision> rulesFor = of(rules, recipient);
      List<NudgeDecision> javaFor = of(java, recipient);
      if (new HashSet<>(rulesFor).equals(new HashSet<>(javaFor))) {
        continue;
      }
      int least = rulesFor.stream().mapToInt(NudgeDecision::priority).max().orElse(0);
      boolean sameCounts = priorities(rulesFor).equals(priorities(javaFor));
      boolean onlyTheLeastImportantDiffer = rulesFor.stream().filter(d -> !javaFor.contains(d)).allMatch(d -> d.priority() == least)
          && javaFor.stream().filter(d -> !rulesFor.contains(d)).allMatch(d -> d.priority() == least);
      if (!sameCounts || !onlyTheLeastImportantDiffer) {
        return "for " + recipient + ": " + describe(new HashSet<>(rulesFor), new HashSet<>(javaFor));
      }
    }
    return null;
  }

  private static List<NudgeDecision> of(List<NudgeDecision> decisions, String recipient) {
    return decisions.stream().filter(d -> Objects.equals(d.recipientId(), recipient)).toList();
  }

  private static List<Integer> priorities(List<NudgeDecision> decisions) {
    return decisions.stream().map(NudgeDecision::priority).sorted().toList();
  }

  private static String describe(Set<NudgeDecision> byRules, Set<NudgeDecision> byJava) {
    List<NudgeDecision> onlyRules = new ArrayList<>(byRules);
    onlyRules.removeAll(byJava);
    List<NudgeDecision> onlyJava = new ArrayList<>(byJava);
    onlyJava.removeAll(byRules);
    return "only the rules decided " + onlyRules + "; only the plain Java decided " + onlyJava;
  }
}
