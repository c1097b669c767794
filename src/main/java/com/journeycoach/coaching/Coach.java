package com.journeycoach.coaching;

import com.journeycoach.settings.Durations;
import com.journeycoach.settings.Threshold;
import com.journeycoach.settings.Thresholds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Asks the rule book for a decision and stores every nudge with the rule that made it. The caller
 * brings the facts about people and journeys; this adds the thresholds and the recent nudges.
 */
@Service
public class Coach {

  /** Recent nudges older than this cannot matter to a cap (a day) or a repeat window (thresholds allow up to a week). */
  private static final Duration RECENT = Duration.ofDays(7);

  private final RuleBook ruleBook;
  private final Clock clock;
  private final Thresholds thresholds;
  private final Nudges nudges;

  public Coach(RuleBook ruleBook, Thresholds thresholds, Nudges nudges, Clock clock) {
    this.clock = clock;
    this.ruleBook = ruleBook;
    this.thresholds = thresholds;
    this.nudges = nudges;
  }

  /** Decides and records; returns the nudges stored. */
  public List<Nudge> coach(Collection<?> facts, String journeyId) {
    return coachAndJudge(facts, journeyId).recorded();
  }

  /** What {@link #coachAndJudge} did: the nudges stored, and the prospects the rules found ready to present to. */
  public record Coached(List<Nudge> recorded, Set<String> readyToPresent) {
  }

  /** Decides and records the nudges, and answers who the readiness rules found ready for a presentation or meeting. */
  public Coached coachAndJudge(Collection<?> facts, String journeyId) {
    RuleBook.Decisions decisions = decideAll(facts);
    List<Nudge> recorded = new ArrayList<>();
    for (NudgeDecision decision : decisions.nudges()) {
      recorded.add(nudges.record(decision.recipientId(), decision.audience(), decision.kind(), decision.prospectId(),
          decision.distributorId(), journeyId, decision.messageKey(), decision.priority(), decision.rule()));
    }
    return new Coached(recorded, decisions.readyToPresent());
  }

  /** Decides without recording. */
  public List<NudgeDecision> decide(Collection<?> facts) {
    return decideAll(facts).nudges();
  }

  private RuleBook.Decisions decideAll(Collection<?> facts) {
    List<Object> all = new ArrayList<>(facts);
    all.addAll(thresholdFacts());
    all.addAll(nudges.recentFor(recipientsOf(facts), clock.instant().minus(RECENT)));
    return ruleBook.decideAll(all);
  }

  public List<ThresholdValue> thresholdFacts() {
    return thresholds.all().stream().map(Coach::asFact).toList();
  }

  static ThresholdValue asFact(Threshold threshold) {
    if (threshold.kind() == Threshold.Kind.NUMBER) {
      return new ThresholdValue(threshold.name(), Double.parseDouble(threshold.value()));
    }
    return new ThresholdValue(threshold.name(), hours(threshold.value()));
  }

  /** A duration threshold in hours, read as the pace tuner reads it (days as a period, months as 30 days). */
  static double hours(String isoDuration) {
    return Durations.parse(isoDuration).toMillis() / 3_600_000.0;
  }

  private static List<String> recipientsOf(Collection<?> facts) {
    List<String> recipients = new ArrayList<>(List.of("managers"));
    for (Object fact : facts) {
      if (fact instanceof DistributorProfile profile) {
        recipients.add(profile.distributorId());
        if (profile.sponsorId() != null) {
          recipients.add(profile.sponsorId());
        }
      }
    }
    return recipients;
  }
}
