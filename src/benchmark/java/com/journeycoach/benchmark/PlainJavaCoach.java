package com.journeycoach.benchmark;

import com.journeycoach.coaching.BenchmarkedRuleBook;
import com.journeycoach.coaching.DistributorProfile;
import com.journeycoach.coaching.ForecastRecord;
import com.journeycoach.coaching.LatestAnswer;
import com.journeycoach.coaching.Nudge;
import com.journeycoach.coaching.NudgeDecision;
import com.journeycoach.coaching.Occasion;
import com.journeycoach.coaching.ProspectJourney;
import com.journeycoach.coaching.RecentNudge;
import com.journeycoach.coaching.ThresholdValue;
import com.journeycoach.people.Personality;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The decision of {@code rules/*.drl} written by hand in plain Java, over the same facts, for the
 * rules benchmark to compare against (and {@link PlainJavaCoachEquivalenceTest} to hold to the rules).
 *
 * <p>It keeps the rules' meaning where the facts allow more than one reading:
 * <ul>
 *   <li>the rules' KieBase is in equality mode, so equal facts count once: journeys and recent
 *       nudges are kept distinct here because the training and cap rules count them, and equal
 *       decisions are one decision;</li>
 *   <li>{@code ==} in the rules is null-safe equality ({@code Objects.equals});</li>
 *   <li>a threshold given twice under one name matches if any of its values matches, as a pattern
 *       matches any fact; a missing threshold means its rule cannot fire;</li>
 *   <li>the rules run in salience order: proposals (salience 0), same decision once (-10), no repeat
 *       within the window (-20), daily cap (-30); nothing after a proposal makes a new proposal.</li>
 * </ul>
 * Of decisions alike in recipient, kind, prospect and message, and at the daily cap, the one that
 * gives way is the less important in {@link NudgeDecision#MOST_IMPORTANT_FIRST}, as in the rules.
 */
public final class PlainJavaCoach {

  private static final double DAY_HOURS = 24;

  /** One decision: the decisions that survive the caps, most important first (as {@code RuleBook.decide}). */
  public List<NudgeDecision> decide(Collection<?> facts) {
    return decideAll(facts).nudges();
  }

  /** The same, with the prospects found ready to present to (as {@code RuleBook.decideAll}). */
  public BenchmarkedRuleBook.Decisions decideAll(Collection<?> facts) {
    List<Occasion> occasions = new ArrayList<>(2);
    List<LatestAnswer> answers = new ArrayList<>(2);
    Set<String> ready = new HashSet<>(4);
    List<DistributorProfile> distributors = new ArrayList<>(2);
    List<ProspectJourney> journeys = new ArrayList<>(16);
    List<ForecastRecord> forecasts = new ArrayList<>(2);
    List<RecentNudge> recent = new ArrayList<>(16);
    List<NudgeDecision> proposed = new ArrayList<>(8);
    Map<String, double[]> thresholds = new HashMap<>(32);
    for (Object fact : facts) {
      if (fact instanceof ProspectJourney journey) {
        addDistinct(journeys, journey);
      } else if (fact instanceof ThresholdValue threshold) {
        thresholds.merge(threshold.name(), new double[] {threshold.value()}, PlainJavaCoach::concat);
      } else if (fact instanceof RecentNudge nudge) {
        addDistinct(recent, nudge);
      } else if (fact instanceof Occasion occasion) {
        occasions.add(occasion);
      } else if (fact instanceof DistributorProfile distributor) {
        distributors.add(distributor);
      } else if (fact instanceof ForecastRecord forecast) {
        forecasts.add(forecast);
      } else if (fact instanceof LatestAnswer answer) {
        answers.add(answer);
      } else if (fact instanceof NudgeDecision decision) {
        // a decision given as a fact is a proposal like any other
        addDistinct(proposed, decision);
      }
    }

    for (Occasion occasion : occasions) {
      pace(occasion, journeys, thresholds, proposed);
      sponsorOnPaceTimer(occasion, journeys, distributors, proposed);
      if (occasion.kind() != Occasion.Kind.PACE_TIMER) {
        forecast(forecasts, thresholds, proposed);
      }
      if (occasion.kind() == Occasion.Kind.FOLLOW_UP_RECORDED) {
        personality(occasion, journeys, distributors, proposed);
        readiness(occasion, answers, journeys, thresholds, ready);
      }
      if (occasion.kind() == Occasion.Kind.DAILY_REVIEW) {
        onboarding(distributors, thresholds, proposed);
        enrolleeStalled(distributors, thresholds, proposed);
      }
    }
    training(journeys, distributors, thresholds, proposed);

    List<NudgeDecision> decisions = sameDecisionOnce(proposed);
    noRepeatWithinWindow(decisions, recent, thresholds.get("coaching.repeat-window-hours"));
    dailyCap(decisions, recent, thresholds.get("coaching.cap.nudges-per-day"));
    decisions.sort(NudgeDecision.MOST_IMPORTANT_FIRST);
    return new BenchmarkedRuleBook.Decisions(decisions, ready);
  }

  // readiness.drl

  private static void readiness(Occasion occasion, List<LatestAnswer> answers, List<ProspectJourney> journeys,
                                Map<String, double[]> thresholds, Set<String> ready) {
    String prospectId = occasion.prospectId();
    for (LatestAnswer answer : answers) {
      if (Objects.equals(answer.prospectId(), prospectId)
          && ("HIGH".equals(answer.purchaseIntent()) || atLeastAny(thresholds.get("readiness.close-estimate"), answer.closeEstimate()))) {
        ready.add(prospectId);
      }
    }
    for (ProspectJourney journey : journeys) {
      if (Objects.equals(journey.prospectId(), prospectId)
          && atLeastAny(thresholds.get("readiness.interest-total"), journey.interestTotal())) {
        ready.add(prospectId);
      }
    }
  }

  // pace.drl

  private static void pace(Occasion occasion, List<ProspectJourney> journeys, Map<String, double[]> thresholds,
                           List<NudgeDecision> proposed) {
    String prospectId = occasion.prospectId();
    for (ProspectJourney journey : journeys) {
      if (!Objects.equals(journey.prospectId(), prospectId)) {
        continue;
      }
      if (occasion.kind() == Occasion.Kind.PACE_TIMER) {
        String step = occasion.step();
        if ("share".equals(step) && "share".equals(journey.step())) {
          propose(proposed, journey.distributorId(), Nudge.Audience.DISTRIBUTOR, "SHARE_NOW", prospectId, "coaching.share-now", 2,
              "Share overdue");
        } else if ("view".equals(step) && "view".equals(journey.step())) {
          propose(proposed, journey.distributorId(), Nudge.Audience.DISTRIBUTOR, "CHECK_IN_ON_VIEW", prospectId,
              "coaching.check-in-on-view", 2, "View overdue");
        } else if ("follow-up".equals(step) && "follow-up".equals(journey.step())) {
          propose(proposed, journey.distributorId(), Nudge.Audience.DISTRIBUTOR, "FOLLOW_UP_NOW", prospectId,
              "coaching.follow-up-now", 1, "Follow-up overdue");
        }
      }
      if (!"meeting".equals(journey.step()) && !"nurture".equals(journey.step())
          && behindPace(journey.hoursInJourney(), thresholds)) {
        propose(proposed, journey.distributorId(), Nudge.Audience.DISTRIBUTOR, "SEQUENCE_BEHIND_PACE", prospectId,
            "coaching.sequence-behind-pace", 2, "Sequence behind pace");
      }
    }
  }

  private static boolean behindPace(double hoursInJourney, Map<String, double[]> thresholds) {
    double[] paces = thresholds.get("pace.prospect-development.journey");
    double[] fractions = thresholds.get("coaching.behind-pace-fraction");
    if (paces == null || fractions == null) {
      return false;
    }
    for (double pace : paces) {
      for (double fraction : fractions) {
        if (hoursInJourney >= pace * fraction) {
          return true;
        }
      }
    }
    return false;
  }

  // sponsor.drl

  private static void sponsorOnPaceTimer(Occasion occasion, List<ProspectJourney> journeys, List<DistributorProfile> distributors,
                                         List<NudgeDecision> proposed) {
    if (occasion.kind() != Occasion.Kind.PACE_TIMER || !"journey".equals(occasion.step())) {
      return;
    }
    String prospectId = occasion.prospectId();
    boolean journeyKnown = false;
    for (ProspectJourney journey : journeys) {
      if (Objects.equals(journey.prospectId(), prospectId)) {
        journeyKnown = true;
        break;
      }
    }
    if (!journeyKnown) {
      return;
    }
    for (DistributorProfile distributor : distributors) {
      if (distributor.sponsorId() != null) {
        propose(proposed, distributor.sponsorId(), Nudge.Audience.SPONSOR, "JOURNEY_STALLED", prospectId,
            "coaching.sponsor.journey-stalled", 1, "Journey overdue: alert sponsor");
      } else {
        propose(proposed, "managers", Nudge.Audience.MANAGER, "JOURNEY_STALLED", prospectId, "coaching.manager.journey-stalled", 2,
            "Journey overdue: alert managers");
      }
    }
  }

  private static void enrolleeStalled(List<DistributorProfile> distributors, Map<String, double[]> thresholds,
                                      List<NudgeDecision> proposed) {
    for (DistributorProfile distributor : distributors) {
      if (distributor.sponsorId() != null
          && atMostAny(thresholds.get("onboarding.period-days"), distributor.daysSinceEnrollment())
          && atLeastAny(thresholds.get("sponsor.enrollee-stalled-days"), distributor.daysSinceActivity())) {
        propose(proposed, distributor.sponsorId(), Nudge.Audience.SPONSOR, "ENROLLEE_STALLED", null,
            "coaching.sponsor.enrollee-stalled", 1, "Enrollee stalled");
      }
    }
  }

  // onboarding.drl

  private static void onboarding(List<DistributorProfile> distributors, Map<String, double[]> thresholds,
                                 List<NudgeDecision> proposed) {
    for (DistributorProfile distributor : distributors) {
      long days = distributor.daysSinceEnrollment();
      if (atLeastAny(thresholds.get("onboarding.first-prospects-after-days"), days)
          && atMostAny(thresholds.get("onboarding.period-days"), days)
          && belowAny(thresholds.get("onboarding.first-prospects-minimum"), distributor.prospectCount())) {
        propose(proposed, distributor.distributorId(), Nudge.Audience.DISTRIBUTOR, "ADD_FIRST_PROSPECTS", null,
            "coaching.add-first-prospects", 1, "First prospects not yet added");
      }
    }
  }

  // forecast.drl

  private static void forecast(List<ForecastRecord> forecasts, Map<String, double[]> thresholds, List<NudgeDecision> proposed) {
    for (ForecastRecord forecast : forecasts) {
      if (atLeastAny(thresholds.get("coaching.forecast.min-closed-journeys"), forecast.closedJourneys())
          && atLeastAny(thresholds.get("coaching.forecast.gap-points"), forecast.overEstimatePoints())) {
        propose(proposed, forecast.distributorId(), Nudge.Audience.DISTRIBUTOR, "OVER_ESTIMATING", null, "coaching.over-estimating", 3,
            "Over-estimated close chances");
        propose(proposed, "managers", Nudge.Audience.MANAGER, "DISTRIBUTOR_OVER_ESTIMATING", null,
            "coaching.manager.over-estimating." + forecast.distributorId(), 3, "Over-estimated close chances: tell the manager");
      }
    }
  }

  // personality.drl

  private static void personality(Occasion occasion, List<ProspectJourney> journeys, List<DistributorProfile> distributors,
                                  List<NudgeDecision> proposed) {
    String prospectId = occasion.prospectId();
    for (DistributorProfile distributor : distributors) {
      for (ProspectJourney journey : journeys) {
        if (!Objects.equals(journey.prospectId(), prospectId)) {
          continue;
        }
        if (distributor.personality() == Personality.INTROVERT && journey.prospectPersonality() == Personality.EXTROVERT) {
          propose(proposed, distributor.distributorId(), Nudge.Audience.DISTRIBUTOR, "PAIRING_TIP", prospectId,
              "coaching.pairing.introvert-with-extrovert", 3, "Introvert pairing tip");
        } else if (distributor.personality() == Personality.EXTROVERT && journey.prospectPersonality() == Personality.INTROVERT) {
          propose(proposed, distributor.distributorId(), Nudge.Audience.DISTRIBUTOR, "PAIRING_TIP", prospectId,
              "coaching.pairing.extrovert-with-introvert", 3, "Extrovert pairing tip");
        }
      }
    }
  }

  // training.drl: needs no occasion

  private static void training(List<ProspectJourney> journeys, List<DistributorProfile> distributors,
                               Map<String, double[]> thresholds, List<NudgeDecision> proposed) {
    double[] minimums = thresholds.get("coaching.training.interested-prospects");
    if (distributors.isEmpty() || minimums == null) {
      return;
    }
    List<String> counted = new ArrayList<>(8);
    for (ProspectJourney journey : journeys) {
      for (String product : journey.productInterests()) {
        if (counted.contains(product)) {
          continue;
        }
        counted.add(product);
        int interested = 0;
        for (ProspectJourney other : journeys) {
          if (other.isInterestedIn(product)) {
            interested++;
          }
        }
        if (!atLeastAny(minimums, interested)) {
          continue;
        }
        for (DistributorProfile distributor : distributors) {
          if (!distributor.isTrainedOn(product)) {
            propose(proposed, distributor.distributorId(), Nudge.Audience.DISTRIBUTOR, "TAKE_PRODUCT_TRAINING", null,
                "coaching.product-training." + product, 2, "Product training gap");
          }
        }
      }
    }
  }

  // caps.drl

  /** Of decisions alike in recipient, kind, prospect and message, the most important stays. */
  private static List<NudgeDecision> sameDecisionOnce(List<NudgeDecision> proposed) {
    List<NudgeDecision> once = new ArrayList<>(proposed.size());
    for (NudgeDecision decision : proposed) {
      int alike = -1;
      for (int i = 0; i < once.size() && alike < 0; i++) {
        NudgeDecision kept = once.get(i);
        if (Objects.equals(kept.recipientId(), decision.recipientId()) && Objects.equals(kept.kind(), decision.kind())
            && Objects.equals(kept.prospectId(), decision.prospectId()) && Objects.equals(kept.messageKey(), decision.messageKey())) {
          alike = i;
        }
      }
      if (alike < 0) {
        once.add(decision);
      } else if (once.get(alike).lessImportantThan(decision)) {
        once.set(alike, decision);
      }
    }
    return once;
  }

  private static void noRepeatWithinWindow(List<NudgeDecision> decisions, List<RecentNudge> recent, double[] windows) {
    if (windows == null) {
      return;
    }
    decisions.removeIf(decision -> {
      for (RecentNudge nudge : recent) {
        if (Objects.equals(nudge.recipientId(), decision.recipientId()) && Objects.equals(nudge.kind(), decision.kind())
            && Objects.equals(nudge.prospectId(), decision.prospectId())) {
          for (double window : windows) {
            if (nudge.hoursAgo() < window) {
              return true;
            }
          }
        }
      }
      return false;
    });
  }

  /** Per recipient: while nudges of the last 24 h plus decisions exceed the cap, drop the least important decision. */
  private static void dailyCap(List<NudgeDecision> decisions, List<RecentNudge> recent, double[] caps) {
    if (caps == null || decisions.isEmpty()) {
      return;
    }
    double cap = caps[0];
    for (double value : caps) {
      cap = Math.min(cap, value);
    }
    List<String> recipients = new ArrayList<>(4);
    for (NudgeDecision decision : decisions) {
      if (!recipients.contains(decision.recipientId())) {
        recipients.add(decision.recipientId());
      }
    }
    for (String recipient : recipients) {
      int sent = 0;
      for (RecentNudge nudge : recent) {
        if (Objects.equals(nudge.recipientId(), recipient) && nudge.hoursAgo() < DAY_HOURS) {
          sent++;
        }
      }
      int pending = 0;
      for (NudgeDecision decision : decisions) {
        if (Objects.equals(decision.recipientId(), recipient)) {
          pending++;
        }
      }
      while (pending > 0 && sent + pending > cap) {
        NudgeDecision leastImportant = null;
        for (NudgeDecision decision : decisions) {
          if (Objects.equals(decision.recipientId(), recipient)
              && (leastImportant == null || decision.lessImportantThan(leastImportant))) {
            leastImportant = decision;
          }
        }
        decisions.remove(leastImportant);
        pending--;
      }
    }
  }

  // helpers

  private static void propose(List<NudgeDecision> proposed, String recipientId, Nudge.Audience audience, String kind,
                              String prospectId, String messageKey, int priority, String rule) {
    addDistinct(proposed, new NudgeDecision(recipientId, audience, kind, prospectId, messageKey, priority, rule));
  }

  private static <T> void addDistinct(List<T> facts, T fact) {
    if (!facts.contains(fact)) {
      facts.add(fact);
    }
  }

  /** Whether {@code x >= value} for any of the values (as a pattern matches any threshold fact of that name). */
  private static boolean atLeastAny(double[] values, double x) {
    if (values == null) {
      return false;
    }
    for (double value : values) {
      if (x >= value) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code x <= value} for any of the values. */
  private static boolean atMostAny(double[] values, double x) {
    if (values == null) {
      return false;
    }
    for (double value : values) {
      if (x <= value) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code x < value} for any of the values. */
  private static boolean belowAny(double[] values, double x) {
    if (values == null) {
      return false;
    }
    for (double value : values) {
      if (x < value) {
        return true;
      }
    }
    return false;
  }

  private static double[] concat(double[] a, double[] b) {
    double[] both = new double[a.length + b.length];
    System.arraycopy(a, 0, both, 0, a.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}
