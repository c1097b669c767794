package com.journeycoach.journey;

import static com.journeycoach.journey.DistributorOnboarding.DISTRIBUTOR_NAME;
import static com.journeycoach.journey.DistributorOnboarding.EXPERIENCED;
import static com.journeycoach.journey.DistributorOnboarding.PRODUCT;
import static com.journeycoach.journey.DistributorOnboarding.PRODUCT_TRAINING_DONE;
import static com.journeycoach.journey.DistributorOnboarding.REVIEWER_ID;
import static com.journeycoach.journey.DistributorOnboarding.SKIP_TRAINING;
import static com.journeycoach.journey.DistributorOnboarding.SPONSOR_ID;
import static com.journeycoach.journey.DistributorOnboarding.TASK_SEND_WELCOME;
import static com.journeycoach.journey.DistributorOnboarding.TASK_TELL_SPONSOR_OF_FIRST_SALE;
import static com.journeycoach.journey.DistributorOnboarding.TRAINING_DONE;
import static com.journeycoach.journey.DistributorOnboarding.TRAINING_LIST;
import static com.journeycoach.journey.DistributorOnboarding.TRAINING_SKIPPED;

import com.journeycoach.coaching.Coach;
import com.journeycoach.coaching.Nudge;
import com.journeycoach.coaching.Nudges;
import com.journeycoach.coaching.Occasion;
import com.journeycoach.content.Asset;
import com.journeycoach.content.Catalog;
import com.journeycoach.content.Phase;
import com.journeycoach.people.Distributor;
import com.journeycoach.people.Distributors;
import com.journeycoach.people.PasswordLinks;
import com.journeycoach.settings.Thresholds;
import com.journeycoach.system.EngineText;
import com.journeycoach.system.InvalidInputException;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The service tasks of {@code distributor-onboarding}: {@code ${onboardingSteps.xxx(execution)}}; the two
 * after a form, "Record training" and "Record product training", run as the delegates of {@link FormStepDelegates}.
 */
@Component("onboardingSteps")
public class OnboardingSteps {

  private final Distributors distributors;
  private final Catalog catalog;
  private final Nudges nudges;
  private final Coach coach;
  private final CoachingFacts facts;
  private final PasswordLinks passwordLinks;
  private final EnrolleeActivity activity;
  private final Thresholds thresholds;

  public OnboardingSteps(Distributors distributors, Catalog catalog, Nudges nudges, Coach coach, CoachingFacts facts,
                         PasswordLinks passwordLinks, EnrolleeActivity activity, Thresholds thresholds) {
    this.passwordLinks = passwordLinks;
    this.activity = activity;
    this.thresholds = thresholds;
    this.distributors = distributors;
    this.catalog = catalog;
    this.nudges = nudges;
    this.coach = coach;
    this.facts = facts;
  }

  /**
   * "Send welcome": a welcome nudge (delivered like a reminder) and the variables the forms show. A
   * distributor without a password (enrolled from a prospect) gets a link to set one with it.
   */
  public void sendWelcome(DelegateExecution execution) {
    Distributor distributor = distributors.get(distributorId(execution));
    execution.setVariable(DISTRIBUTOR_NAME, EngineText.storable(distributor.firstName()));
    execution.setVariable(SPONSOR_ID, distributor.sponsorId());
    execution.setVariable(REVIEWER_ID, distributor.sponsorId());
    execution.setVariable(EXPERIENCED, distributor.experienced());
    List<Asset> training = catalog.activeInSequence().stream()
        .filter(asset -> asset.phase() == Phase.ONBOARDING || asset.phase() == Phase.PRODUCT_KNOWLEDGE)
        .toList();
    execution.setVariable(TRAINING_LIST, EngineText.storable(training.stream()
        .map(asset -> "- [" + asset.title() + "](" + asset.url() + ")").collect(Collectors.joining("\n"))));
    String messageKey = passwordLinks.needsPassword(distributor.id()) ? "coaching.welcome.set-password" : "coaching.welcome";
    nudges.record(distributor.id(), Nudge.Audience.DISTRIBUTOR, "WELCOME", null, execution.getProcessInstanceId(),
        messageKey, 1, DistributorOnboarding.step(TASK_SEND_WELCOME));
  }

  /** "Record training": done, or skipped by an experienced enrollee; completed product training counts. */
  public void recordTraining(DelegateExecution execution) {
    boolean skipped = Boolean.TRUE.equals(execution.getVariable(SKIP_TRAINING));
    boolean done = Boolean.TRUE.equals(execution.getVariable(TRAINING_DONE));
    // from the distributor's profile, not the variable the form shows: a submission could carry any value for it
    boolean experienced = distributors.get(distributorId(execution)).experienced();
    if (skipped && !experienced) {
      throw new InvalidInputException("Only an experienced distributor may skip the training",
          List.of("skipTraining: only for experienced distributors"));
    }
    if (!skipped && !done) {
      throw new InvalidInputException("Confirm the training is done, or skip it if you are experienced",
          List.of("trainingDone: required unless skipped"));
    }
    execution.setVariable(TRAINING_SKIPPED, skipped);
    if (done) {
      distributors.addTrainedProducts(distributorId(execution), catalog.activeInSequence().stream()
          .filter(asset -> asset.phase() == Phase.PRODUCT_KNOWLEDGE).map(Asset::product).filter(Objects::nonNull).toList());
    }
  }

  /** "Review first prospects" on day 1, 3 and 7: the rules decide who hears what. */
  public void reviewFirstProspects(DelegateExecution execution) {
    review(execution);
  }

  /**
   * "Review enrollee", every {@code pace.distributor-onboarding.enrollee-review} for the rest of the
   * onboarding: the same review, so a stall after the first prospects reaches the sponsor too.
   */
  public void reviewEnrollee(DelegateExecution execution) {
    review(execution);
  }

  private void review(DelegateExecution execution) {
    coach.coach(facts.forDistributor(Occasion.dailyReview(), distributorId(execution)), execution.getProcessInstanceId());
  }

  /** "Record product training": the distributor took the training their prospects' interest pointed to. */
  public void recordProductTraining(DelegateExecution execution) {
    if (!Boolean.TRUE.equals(execution.getVariable(PRODUCT_TRAINING_DONE))) {
      throw new InvalidInputException("Confirm the training is done", List.of("productTrainingDone: required"));
    }
    distributors.addTrainedProducts(distributorId(execution), List.of((String) execution.getVariable(PRODUCT)));
  }

  /**
   * "Product training suggested" keeps the product the message brought in its own scope: the message sets it
   * for the whole onboarding, where a second suggestion would overwrite the first's while its training is open.
   */
  public void keepSuggestedProduct(DelegateExecution execution) {
    execution.setVariableLocal(DistributorOnboarding.PRODUCT, execution.getVariable(DistributorOnboarding.PRODUCT));
  }

  /** "Take product training" links the product's own training: its active product-knowledge assets, as Markdown. */
  public void linkProductTraining(DelegateExecution execution) {
    Object product = execution.getVariable(DistributorOnboarding.PRODUCT);
    List<Asset> training = catalog.activeInSequence().stream()
        .filter(asset -> asset.phase() == Phase.PRODUCT_KNOWLEDGE && Objects.equals(asset.product(), product))
        .toList();
    execution.setVariableLocal(DistributorOnboarding.PRODUCT_TRAINING, EngineText.storable(training.isEmpty()
        ? "Find it in the catalog under Product knowledge."
        : training.stream().map(asset -> "- [" + asset.title() + "](" + asset.url() + ")").collect(Collectors.joining("\n"))));
  }

  /** "Tell sponsor of first sale": the sponsor hears it, with the enrollee's name. */
  public void alertSponsorOfFirstSale(DelegateExecution execution) {
    String sponsorId = distributors.get(distributorId(execution)).sponsorId();
    if (sponsorId != null) {
      nudges.record(sponsorId, Nudge.Audience.SPONSOR, "ENROLLEE_FIRST_SALE", null, distributorId(execution),
          execution.getProcessInstanceId(), "coaching.sponsor.enrollee-first-sale", 2,
          DistributorOnboarding.step(TASK_TELL_SPONSOR_OF_FIRST_SALE));
    }
  }

  /**
   * "Enrollee stalled" keeps, in its own scope, the enrollee's full name and what they did in the last
   * {@code sponsor.enrollee-stalled-days}, for the sponsor's check-in task.
   */
  public void gatherRecentActivity(DelegateExecution execution) {
    Distributor enrollee = distributors.get(distributorId(execution));
    long days = thresholds.number("sponsor.enrollee-stalled-days").longValue();
    execution.setVariableLocal(DistributorOnboarding.ENROLLEE_NAME, EngineText.storable(enrollee.fullName()));
    execution.setVariableLocal(DistributorOnboarding.RECENT_ACTIVITY, activity.ofLast(enrollee.id(), days).text());
  }

  /** The onboarding's distributor: its business key, set by the application at the start, never a variable. */
  private static String distributorId(DelegateExecution execution) {
    return execution.getProcessBusinessKey();
  }
}
