package com.journeycoach.journey;

import static com.journeycoach.journey.ProspectDevelopment.ASSET_LEFT;
import static com.journeycoach.journey.ProspectDevelopment.ASSET_OUTCOME;
import static com.journeycoach.journey.ProspectDevelopment.ASSET_SUMMARY;
import static com.journeycoach.journey.ProspectDevelopment.CHOSEN_ASSET_ID;
import static com.journeycoach.journey.ProspectDevelopment.MAILTO_LINK;
import static com.journeycoach.journey.ProspectDevelopment.OTHER_ASSET_CHOICES;
import static com.journeycoach.journey.ProspectDevelopment.OTHER_ASSET_CHOSEN;
import static com.journeycoach.journey.ProspectDevelopment.OTHER_ASSET_ID;
import static com.journeycoach.journey.ProspectDevelopment.PROSPECT_SHORT_NAME;
import static com.journeycoach.journey.ProspectDevelopment.SHARE_MESSAGE;
import static com.journeycoach.journey.ProspectDevelopment.SMS_LINK;
import static com.journeycoach.journey.ProspectDevelopment.TASK_SHARE_ASSET;
import static com.journeycoach.journey.ProspectDevelopment.ASSET_TITLE;
import static com.journeycoach.journey.ProspectDevelopment.CLOSE_ESTIMATE;
import static com.journeycoach.journey.ProspectDevelopment.DISTRIBUTOR_ID;
import static com.journeycoach.journey.ProspectDevelopment.FOLLOW_UP_NOTES;
import static com.journeycoach.journey.ProspectDevelopment.INTEREST_CHANGE;
import static com.journeycoach.journey.ProspectDevelopment.NEW_PROSPECT;
import static com.journeycoach.journey.ProspectDevelopment.OUTCOME;
import static com.journeycoach.journey.ProspectDevelopment.PROSPECT_AUDIENCE;
import static com.journeycoach.journey.ProspectDevelopment.PROSPECT_EMAIL;
import static com.journeycoach.journey.ProspectDevelopment.PROSPECT_FIRST_NAME;
import static com.journeycoach.journey.ProspectDevelopment.PROSPECT_ID;
import static com.journeycoach.journey.ProspectDevelopment.PROSPECT_LAST_NAME;
import static com.journeycoach.journey.ProspectDevelopment.PROSPECT_NAME;
import static com.journeycoach.journey.ProspectDevelopment.PROSPECT_PHONE;
import static com.journeycoach.journey.ProspectDevelopment.PURCHASE_INTENT;
import static com.journeycoach.journey.ProspectDevelopment.READY_TO_PRESENT;
import static com.journeycoach.journey.ProspectDevelopment.SHARE_CHANNEL;
import static com.journeycoach.journey.ProspectDevelopment.SHARE_ID;
import static com.journeycoach.journey.ProspectDevelopment.SHARE_LINK;
import static com.journeycoach.journey.ProspectDevelopment.VIEWED;
import static com.journeycoach.journey.ProspectDevelopment.ASSET_SKIPPED;
import static com.journeycoach.journey.ProspectDevelopment.GATEWAY_QUICK_OUTCOME_AT_FOLLOW_UP;
import static com.journeycoach.journey.ProspectDevelopment.GATEWAY_QUICK_OUTCOME_AT_SHARE;
import static com.journeycoach.journey.ProspectDevelopment.PROSPECT_DECIDED;
import static com.journeycoach.journey.ProspectDevelopment.QUICK_OUTCOME;

import com.journeycoach.coaching.Coach;
import com.journeycoach.coaching.LatestAnswer;
import com.journeycoach.coaching.Occasion;
import com.journeycoach.content.Asset;
import com.journeycoach.content.Catalog;
import com.journeycoach.content.ShareMessages;
import com.journeycoach.experiment.Experiments;
import com.journeycoach.messaging.SentMessages;
import com.journeycoach.people.Distributors;
import com.journeycoach.people.Audience;
import com.journeycoach.content.NextAsset;
import com.journeycoach.content.Share;
import com.journeycoach.content.Shares;
import com.journeycoach.people.PhoneNumbers;
import com.journeycoach.people.Prospect;
import com.journeycoach.people.Prospects;
import com.journeycoach.system.EngineText;
import com.journeycoach.system.FormSubmissions;
import com.journeycoach.system.InvalidInputException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.StringValue;
import org.springframework.stereotype.Component;

/**
 * The steps of {@code prospect-development}: service tasks called as {@code ${journeySteps.xxx(execution)}},
 * and the steps that record a form, run by {@link FormStepDelegates} when its task ends. Each reads the
 * variables it needs, calls one service, and writes the variables the diagram reads.
 */
@Component("journeySteps")
public class JourneySteps {

  /** The share form's channel for an asset shown in person, which counts as the view at once. */
  static final String IN_PERSON = "IN_PERSON";

  private final Prospects prospects;
  private final NextAsset nextAsset;
  private final Shares shares;
  private final Touchpoints touchpoints;
  private final FollowUpAnswers followUps;
  private final CoachingFacts coachingFacts;
  private final Coach coach;
  private final Catalog catalog;
  private final Distributors distributors;
  private final SentMessages sentMessages;
  private final Experiments experiments;

  public JourneySteps(Prospects prospects, NextAsset nextAsset, Shares shares, Touchpoints touchpoints,
                      FollowUpAnswers followUps, CoachingFacts coachingFacts, Coach coach, Catalog catalog,
                      Distributors distributors, SentMessages sentMessages, Experiments experiments) {
    this.experiments = experiments;
    this.catalog = catalog;
    this.distributors = distributors;
    this.sentMessages = sentMessages;
    this.prospects = prospects;
    this.nextAsset = nextAsset;
    this.shares = shares;
    this.touchpoints = touchpoints;
    this.followUps = followUps;
    this.coachingFacts = coachingFacts;
    this.coach = coach;
  }

  /**
   * "Register prospect": a journey started from Tasklist's start form creates its prospect here; one
   * started by {@link JourneyStarter} brings what this step would read, so it has nothing to do.
   */
  public void registerProspect(DelegateExecution execution) {
    Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (user != null) {
      // Started by a person (Tasklist's start form, or /engine-rest): the prospect is a new one of theirs, from
      // the form. What the application passes for a prospect it added is not taken from a person: with it,
      // a distributor could start a journey about another distributor's prospect or give one their tasks.
      List<String> given = Stream.of(PROSPECT_ID, DISTRIBUTOR_ID, PROSPECT_AUDIENCE, NEW_PROSPECT)
          .filter(name -> execution.getVariable(name) != null).toList();
      if (!given.isEmpty()) {
        throw new InvalidInputException("A journey started from Tasklist registers a new prospect of the distributor who starts it;"
            + " it cannot be given " + String.join(", ", given), given.stream().map(name -> name + ": cannot be given").toList());
      }
      // and only what the start form declares, within its rules
      FormSubmissions.checkStart(execution);
    } else if (execution.getVariable(PROSPECT_AUDIENCE) != null) {
      // started by the application for a prospect it has just added: nothing to read
      return;
    }
    String prospectId = user == null ? (String) execution.getVariable(PROSPECT_ID) : null;
    Prospect prospect;
    if (prospectId == null) {
      // started from Tasklist's start form: the distributor is the user who submitted it
      String distributorId = user == null ? null : user.getUserId();
      if (distributorId == null) {
        throw new InvalidInputException("A journey needs a prospectId, or a distributor who starts it from Tasklist");
      }
      Object audience = execution.getVariable(ProspectDevelopment.AUDIENCE);
      // a wrong number is refused naming the form's field (the prospect's own record calls it phone)
      PhoneNumbers.normalise(PROSPECT_PHONE, text(execution, PROSPECT_PHONE));
      prospect = prospects.addFromRunningJourney(new Prospects.NewProspect(distributorId,
          text(execution, PROSPECT_FIRST_NAME), text(execution, PROSPECT_LAST_NAME), text(execution, PROSPECT_EMAIL),
          text(execution, PROSPECT_PHONE), audience == null ? null : Audience.valueOf(audience.toString())));
      execution.setVariable(PROSPECT_ID, prospect.id());
      execution.setVariable(NEW_PROSPECT, Variables.booleanValue(true, true));
      execution.setProcessBusinessKey(prospect.id());
    } else {
      prospect = prospects.get(prospectId);
    }
    // each variable is written to history too: set only what the diagram and forms read
    if (!prospect.distributorId().equals(execution.getVariable(DISTRIBUTOR_ID))) {
      execution.setVariable(DISTRIBUTOR_ID, prospect.distributorId());
    }
    execution.setVariable(PROSPECT_NAME, EngineText.storable(prospect.fullName()));
    execution.setVariable(PROSPECT_AUDIENCE, passedOn(prospect.audience()));
  }

  /**
   * "Choose next asset": prepares the tracked link of the next eligible asset, if any is left (or of the one the
   * distributor chose instead at the share step, checked there), and what the tasks and the share form show.
   */
  public void chooseNextAsset(DelegateExecution execution) {
    String prospectId = prospectId(execution);
    Prospect prospect = prospects.get(prospectId);
    Object passed = execution.getVariable(PROSPECT_AUDIENCE);
    Audience audience = passed == null ? prospect.audience() : Audience.valueOf(passed.toString());
    Object chosen = execution.getVariable(CHOSEN_ASSET_ID);
    String suggested = chosen == null ? null : shares.get((String) execution.getVariable(SHARE_ID)).assetId();
    Optional<Asset> next;
    List<Asset> eligible = null;
    Optional<Experiments.Suggestion> suggestion = Optional.empty();
    if (chosen != null) {
      next = Optional.of(catalog.get(chosen.toString()));
      // the experiment's suggestion (if it was one) was overridden: recorded, and not learned from
      experiments.recordOverride((String) execution.getVariable(SHARE_ID), chosen.toString());
    } else {
      eligible = Boolean.TRUE.equals(execution.getVariable(NEW_PROSPECT)) ? nextAsset.eligibleForNewProspect(audience)
          : nextAsset.eligibleFor(prospectId, audience);
      suggestion = experiments.suggest(prospect, eligible);
      next = suggestion.map(Experiments.Suggestion::asset).or(eligible.stream()::findFirst);
    }
    execution.removeVariable(NEW_PROSPECT);
    List<Asset> eligibleNow = eligible;
    Optional<Experiments.Suggestion> made = suggestion;
    // gateway decisions are transient: read by the next gateway in the same transaction, never stored
    execution.setVariable(ASSET_LEFT, Variables.booleanValue(next.isPresent(), true));
    setIfChanged(execution, PROSPECT_SHORT_NAME, EngineText.storable(Worklist.shortName(prospect.firstName(), prospect.lastName())));
    next.ifPresent(asset -> {
      Share share = shares.create(prospectId, asset.id(), prospect.distributorId(), suggested);
      made.ifPresent(pull -> experiments.recordPull(pull, share.id(), prospectId));
      String link = shares.linkOf(share);
      execution.setVariable(ASSET_TITLE, EngineText.storable(asset.title()));
      execution.setVariable(SHARE_ID, share.id());
      execution.setVariable(SHARE_LINK, link);
      execution.setVariable(ASSET_SUMMARY, EngineText.storable(asset.subject()));
      execution.setVariable(ASSET_OUTCOME, EngineText.storable(asset.expectedOutcome()));
      String distributorName = distributors.find(prospect.distributorId()).map(d -> d.firstName()).orElse(null);
      // the links carry the whole name percent-encoded (ASCII, so an emoji survives); the text shown is a storable copy.
      // The suggestion offered first, and what the form offered, are recorded with the share.
      ShareMessages.Suggested message = sentMessages.offer(share.id(), asset, prospect.firstName(), prospect.phone(),
          prospect.email(), distributorName, link);
      execution.setVariable(SHARE_MESSAGE, EngineText.storable(message.text()));
      execution.setVariable(SMS_LINK, EngineText.storable(message.smsHref()));
      execution.setVariable(MAILTO_LINK, EngineText.storable(message.mailtoHref()));
      List<Asset> choices = eligibleNow != null ? eligibleNow : nextAsset.eligibleFor(prospectId, audience);
      execution.setVariable(OTHER_ASSET_CHOICES, EngineText.storable(choices.stream()
          .filter(other -> !other.id().equals(asset.id()))
          .map(other -> other.id() + "|" + other.title().replaceAll("\\s+", " ").strip())
          .collect(Collectors.joining("\n"))));
    });
  }

  /**
   * "Record share": the distributor sent the link (the prospect may have opened it already), or showed the
   * asset in person, which counts as the view at once; or chose another eligible asset instead, which the
   * journey prepares next (the choice is recorded with its share). A quick outcome takes the place of the form's
   * answers: viewed in person is the channel "in person", skip and the prospect's decision go their own ways.
   */
  public void recordShare(DelegateExecution execution) {
    String shareId = (String) execution.getVariable(SHARE_ID);
    Optional<QuickOutcome> quick = takeQuickOutcome(execution, GATEWAY_QUICK_OUTCOME_AT_SHARE);
    String other = text(execution, OTHER_ASSET_ID);
    if (other != null) {
      // the choice is the step's alone: the next share form starts without one
      execution.removeVariable(OTHER_ASSET_ID);
    }
    Share share = shares.get(shareId);
    if (quick.isPresent()) {
      if (other != null) {
        throw new InvalidInputException("Choose another asset or a quick outcome, not both",
            List.of(OTHER_ASSET_ID + ": not with a quick outcome"));
      }
      execution.setVariable(OTHER_ASSET_CHOSEN, Variables.booleanValue(false, true));
      if (quick.get() == QuickOutcome.SKIP_ASSET) {
        skipAsset(execution, shareId);
        return;
      }
      if (quick.get().closes()) {
        close(execution, quick.get(), shareId);
        return;
      }
    }
    if (other != null && !other.equals(share.assetId())) {
      chooseOtherAsset(execution, other);
      return;
    }
    execution.setVariable(OTHER_ASSET_CHOSEN, Variables.booleanValue(false, true));
    // viewed in person is the share form's channel "in person", whatever channel came with it
    String channel = quick.isPresent() ? IN_PERSON : text(execution, SHARE_CHANNEL);
    if (channel == null) {
      throw new InvalidInputException("Say how you shared the link", List.of(SHARE_CHANNEL + ": required"));
    }
    boolean viewed = shares.markShared(shareId, channel);
    // which suggestion went out, as offered, edited or replaced: decided here from the text, against what was offered
    sentMessages.recordSent(shareId, channel, quick.isPresent() ? null : text(execution, SHARE_MESSAGE));
    // without an asset id, the touchpoint takes the share's
    touchpoints.recordByJourney("share:" + shareId + ":shared", Touchpoint.Kind.SHARED, prospectId(execution), null, shareId);
    if (!viewed && IN_PERSON.equals(channel)) {
      viewed = touchpoints.viewInPerson(share);
    }
    execution.setVariable(VIEWED, Variables.booleanValue(viewed, true));
  }

  /** The distributor chose another asset than the suggested one: it must be one the prospect may be sent now. */
  private void chooseOtherAsset(DelegateExecution execution, String assetId) {
    if (!TASK_SHARE_ASSET.equals(execution.getCurrentActivityId())) {
      // a journey on an earlier diagram records the share in a service task and cannot go back to choose
      throw new InvalidInputException("This journey runs on an earlier version: share the suggested asset",
          List.of(OTHER_ASSET_ID + ": not available in this journey"));
    }
    String prospectId = prospectId(execution);
    boolean eligible = nextAsset.eligibleFor(prospectId, prospects.get(prospectId).audience()).stream()
        .anyMatch(asset -> asset.id().equals(assetId));
    if (!eligible) {
      throw new InvalidInputException("That asset cannot be sent to this prospect now",
          List.of(OTHER_ASSET_ID + ": not an active asset this prospect may be sent now (its prerequisites come first)"));
    }
    execution.setVariable(CHOSEN_ASSET_ID, Variables.stringValue(assetId, true));
    execution.setVariable(OTHER_ASSET_CHOSEN, Variables.booleanValue(true, true));
  }

  /**
   * "Record follow-up answers": stores the answers and decides whether the prospect is ready to present to. A quick
   * outcome takes their place: skip this asset, or the prospect's decision (the view happened already).
   */
  public void recordFollowUp(DelegateExecution execution) {
    Optional<QuickOutcome> quick = takeQuickOutcome(execution, GATEWAY_QUICK_OUTCOME_AT_FOLLOW_UP);
    if (quick.isPresent()) {
      execution.setVariable(READY_TO_PRESENT, Variables.booleanValue(false, true));
      String shareId = (String) execution.getVariable(SHARE_ID);
      switch (quick.get()) {
        case VIEWED_IN_PERSON -> throw notFitting(quick.get(), "the prospect has viewed this asset already");
        case SKIP_ASSET -> skipAsset(execution, shareId);
        default -> close(execution, quick.get(), shareId);
      }
      return;
    }
    FollowUpAnswer answer = FollowUpAnswer.fromForm(execution.getVariable(INTEREST_CHANGE), execution.getVariable(PURCHASE_INTENT),
        execution.getVariable(CLOSE_ESTIMATE), execution.getVariable(FOLLOW_UP_NOTES));
    String prospectId = prospectId(execution);
    String shareId = (String) execution.getVariable(SHARE_ID);
    String distributorId = prospects.get(prospectId).distributorId();
    followUps.record(shareId, prospectId, distributorId, answer);
    touchpoints.recordByJourney("share:" + shareId + ":follow-up", Touchpoint.Kind.FOLLOW_UP_ANSWERED, prospectId, null, shareId);
    List<Object> facts = coachingFacts.forDistributor(Occasion.followUpRecorded(prospectId), distributorId);
    // the readiness rules decide from this answer and the prospect's journey (the sum of its interest changes)
    facts.add(new LatestAnswer(prospectId, answer.purchaseIntent().name(), answer.closeEstimate()));
    Coach.Coached coached = coach.coachAndJudge(facts, execution.getProcessInstanceId());
    execution.setVariable(READY_TO_PRESENT, Variables.booleanValue(coached.readyToPresent().contains(prospectId), true));
  }

  /**
   * "Record outcome": the meeting was held; its outcome closes the journey or sends the prospect to nurture. The quick
   * outcomes "not interested" and "already bought" close it without a meeting held.
   */
  public void recordOutcome(DelegateExecution execution) {
    Optional<QuickOutcome> quick = takeQuickOutcome(execution, null);
    if (quick.isPresent()) {
      switch (quick.get()) {
        case VIEWED_IN_PERSON -> throw notFitting(quick.get(), "no asset waits for a view at the meeting");
        case SKIP_ASSET -> throw notFitting(quick.get(), "no asset is being shared at the meeting; choose nurture to try"
            + " again later");
        default -> close(execution, quick.get(), null);
      }
      return;
    }
    Object raw = execution.getVariable(OUTCOME);
    String outcome = raw == null ? "" : raw.toString().strip().toUpperCase(Locale.ROOT);
    String prospectId = prospectId(execution);
    String meeting = "journey:" + execution.getProcessInstanceId() + ":meeting:" + execution.getActivityInstanceId();
    Prospect.Status status = switch (outcome) {
      case "WON" -> Prospect.Status.WON;
      case "ENROLLED" -> Prospect.Status.ENROLLED;
      case "LOST" -> Prospect.Status.LOST;
      case "NURTURE" -> Prospect.Status.NURTURE;
      default -> throw new InvalidInputException("The meeting outcome must be one of WON, ENROLLED, NURTURE, LOST",
          List.of("outcome: must be one of WON, ENROLLED, NURTURE, LOST"));
    };
    touchpoints.recordByJourney(meeting, Touchpoint.Kind.MEETING_HELD, prospectId, null, null);
    switch (status) {
      case WON -> touchpoints.recordByJourney(meeting + ":won", Touchpoint.Kind.PURCHASED, prospectId, null, null);
      case ENROLLED -> touchpoints.recordByJourney(meeting + ":enrolled", Touchpoint.Kind.ENROLLED, prospectId, null, null);
      case LOST -> touchpoints.recordByJourney(meeting + ":lost", Touchpoint.Kind.LOST, prospectId, null, null);
      default -> {
        // nurture: no touchpoint of its own; the prospect's status says it
      }
    }
    prospects.changeStatus(prospectId, status);
    // the gateway reads the normalised outcome; writing it again unchanged would only add history
    if (!outcome.equals(raw)) {
      execution.setVariable(OUTCOME, outcome);
    }
  }

  /**
   * Reads the task's quick outcome, if any, and removes it (the next task's form starts without one); the gateway
   * after the task ("Quick outcome?") reads the transient decisions, false unless a step sets them. A journey on an
   * earlier diagram, without that gateway, cannot take one.
   */
  private static Optional<QuickOutcome> takeQuickOutcome(DelegateExecution execution, String gatewayId) {
    Object submitted = execution.getVariable(QUICK_OUTCOME);
    if (execution.hasVariable(QUICK_OUTCOME)) {
      execution.removeVariable(QUICK_OUTCOME);
    }
    execution.setVariable(PROSPECT_DECIDED, Variables.booleanValue(false, true));
    execution.setVariable(ASSET_SKIPPED, Variables.booleanValue(false, true));
    Optional<QuickOutcome> quick = QuickOutcome.parse(submitted);
    if (quick.isPresent() && gatewayId != null && execution.getBpmnModelInstance().getModelElementById(gatewayId) == null) {
      throw new InvalidInputException("This journey runs on an earlier version: answer the task's own questions",
          List.of(QUICK_OUTCOME + ": not available in this journey"));
    }
    return quick;
  }

  private static InvalidInputException notFitting(QuickOutcome quick, String why) {
    return new InvalidInputException("The quick outcome " + quick + " does not fit this task: " + why,
        List.of(QUICK_OUTCOME + ": " + quick + " does not fit this task (" + why + ")"));
  }

  /** "Skip this asset": the share is marked skipped, and the journey prepares the next eligible asset. */
  private void skipAsset(DelegateExecution execution, String shareId) {
    shares.markSkipped(shareId);
    execution.setVariable(ASSET_SKIPPED, Variables.booleanValue(true, true));
  }

  /**
   * "Not interested" or "already bought": the LOST or PURCHASED touchpoint an integrator would report, the prospect's
   * status, and the journey ends through "Outcome?" as it would after a meeting (without a meeting held).
   */
  private void close(DelegateExecution execution, QuickOutcome quick, String shareId) {
    String prospectId = prospectId(execution);
    boolean lost = quick == QuickOutcome.NOT_INTERESTED;
    touchpoints.recordQuickOutcome("journey:" + execution.getProcessInstanceId() + ":quick:" + execution.getActivityInstanceId(),
        lost ? Touchpoint.Kind.LOST : Touchpoint.Kind.PURCHASED, prospectId, shareId);
    prospects.changeStatus(prospectId, lost ? Prospect.Status.LOST : Prospect.Status.WON);
    execution.setVariable(OUTCOME, lost ? "LOST" : "WON");
    execution.setVariable(PROSPECT_DECIDED, Variables.booleanValue(true, true));
  }

  /** "Resume journey": the nurture period is over. */
  public void resumeJourney(DelegateExecution execution) {
    prospects.changeStatus(prospectId(execution), Prospect.Status.ACTIVE);
  }

  /** The prospect's audience as a transient variable: never stored, gone at the next wait state. */
  static StringValue passedOn(Audience audience) {
    return Variables.stringValue(audience.name(), true);
  }

  /**
   * The journey's prospect: its business key, which the application sets when the journey starts and
   * nobody changes later, never a variable (a task completion through {@code /engine-rest} may carry any).
   */
  private static String prospectId(DelegateExecution execution) {
    return execution.getProcessBusinessKey();
  }

  /** Writes a variable only when its value changes: each write is a row of history. */
  private static void setIfChanged(DelegateExecution execution, String name, Object value) {
    if (!Objects.equals(execution.getVariable(name), value)) {
      execution.setVariable(name, value);
    }
  }

  private static String text(DelegateExecution execution, String name) {
    Object value = execution.getVariable(name);
    return value == null || value.toString().isBlank() ? null : value.toString().strip();
  }
}
