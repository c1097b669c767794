package com.journeycoach.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.journeycoach.JourneyCoachTest;
import com.journeycoach.coaching.Nudge;
import com.journeycoach.coaching.Nudges;
import com.journeycoach.people.Audience;
import com.journeycoach.content.Shares;
import com.journeycoach.people.Distributor;
import com.journeycoach.people.Distributors;
import com.journeycoach.people.Prospect;
import com.journeycoach.people.Prospects;
import com.journeycoach.system.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every path of distributor-onboarding. */
@JourneyCoachTest
class OnboardingProcessTest {

  @Autowired
  ProcessEngine engine;
  @Autowired
  Distributors distributors;
  @Autowired
  Prospects prospects;
  @Autowired
  Nudges nudges;
  @Autowired
  Shares shares;
  @Autowired
  Touchpoints touchpoints;

  String sponsorId;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    sponsorId = register(null, true);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  private String register(String sponsor, boolean experienced) {
    String id = "onb-" + UUID.randomUUID().toString().substring(0, 8);
    distributors.register(new Distributors.Registration(id, "Nia", "Newcomer", id + "@example.com", "+4915123456789",
        null, sponsor, experienced, null, null, null, "Bright-Meadow-42"));
    return id;
  }

  private ProcessInstance onboardingOf(String distributorId) {
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("distributor-onboarding")
        .processInstanceBusinessKey(distributorId).singleResult();
  }

  private Task task(ProcessInstance onboarding, String key) {
    return engine.getTaskService().createTaskQuery().processInstanceId(onboarding.getId()).taskDefinitionKey(key).singleResult();
  }

  private Job job(ProcessInstance onboarding, String activityId) {
    return engine.getManagementService().createJobQuery().processInstanceId(onboarding.getId()).activityId(activityId).singleResult();
  }

  private List<String> reasonsFor(String recipientId) {
    return nudges.ofRecipient(recipientId).stream().map(Nudge::reason).toList();
  }

  @Test
  void aNewcomerDoesAllTheTrainingWhileFirstProspectsAndTheSponsorCheckInRun() {
    String newcomer = register(sponsorId, false);
    ProcessInstance onboarding = onboardingOf(newcomer);

    BpmnAwareTests.assertThat(onboarding).hasPassed("Task_SendWelcome")
        .isWaitingAt("Task_CompleteTraining", "Task_WaitForFirstProspects", "Task_SponsorCheckIn");
    assertThat(task(onboarding, "Task_CompleteTraining").getAssignee()).isEqualTo(newcomer);
    assertThat(task(onboarding, "Task_SponsorCheckIn").getAssignee()).isEqualTo(sponsorId);
    assertThat((String) engine.getRuntimeService().getVariable(onboarding.getId(), "trainingList")).contains("CWM product training");
    assertThat(nudges.ofRecipient(newcomer)).extracting(Nudge::messageKey).contains("coaching.welcome");

    String trainingTask = task(onboarding, "Task_CompleteTraining").getId();
    assertThatThrownBy(() -> engine.getTaskService().complete(trainingTask, Map.of("skipTraining", true)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("experienced");
    engine.getTaskService().complete(trainingTask, Map.of("trainingDone", true));

    BpmnAwareTests.assertThat(onboarding).hasPassed("Task_RecordTraining");
    assertThat(distributors.get(newcomer).trainedProducts()).contains("CWM", "HYDRATION");
  }

  @Test
  void anExperiencedEnrolleeSkipsTheTraining() {
    String experienced = register(sponsorId, true);
    ProcessInstance onboarding = onboardingOf(experienced);

    engine.getTaskService().complete(task(onboarding, "Task_CompleteTraining").getId(), Map.of("skipTraining", true));

    BpmnAwareTests.assertThat(onboarding).hasPassed("Task_RecordTraining");
    assertThat(engine.getRuntimeService().getVariable(onboarding.getId(), "trainingSkipped")).isEqualTo(true);
    assertThat(distributors.get(experienced).trainedProducts()).isEmpty();
  }

  @Test
  void firstProspectsAddedOnDayOneEndTheChecks() {
    String newcomer = register(sponsorId, false);
    ProcessInstance onboarding = onboardingOf(newcomer);

    for (int i = 0; i < 3; i++) {
      prospects.add(new Prospects.NewProspect(newcomer, "Pat" + i, null, null, null, Audience.PRODUCT_CUSTOMER));
    }

    BpmnAwareTests.assertThat(onboarding).hasPassed("Task_WaitForFirstProspects");
    assertThat(job(onboarding, "Timer_FirstProspectsDay1")).as("no checks left").isNull();
  }

  @Test
  void aWeeklyReviewAfterTheFirstProspectsTellsTheSponsorOfAStalledEnrollee() {
    String newcomer = register(sponsorId, false);
    ProcessInstance onboarding = onboardingOf(newcomer);
    Instant enrolled = Instant.now();
    for (int i = 0; i < 3; i++) {
      prospects.add(new Prospects.NewProspect(newcomer, "Pat" + i, null, null, null, Audience.PRODUCT_CUSTOMER));
    }
    assertThat(job(onboarding, "Timer_FirstProspectsDay1")).as("the first-prospect checks are over").isNull();
    Job review = job(onboarding, "Timer_EnrolleeReview");
    assertThat(review.getDuedate()).isBetween(Date.from(enrolled.plus(Duration.ofDays(7)).minusSeconds(60)),
        Date.from(enrolled.plus(Duration.ofDays(7)).plusSeconds(60)));

    // three quiet days: not stalled yet (near miss)
    ClockUtil.setCurrentTime(Date.from(enrolled.plus(Duration.ofDays(3))));
    engine.getManagementService().executeJob(review.getId());
    assertThat(reasonsFor(sponsorId)).doesNotContain("Enrollee stalled");

    // the next review, eight quiet days after the first prospects
    ClockUtil.setCurrentTime(Date.from(enrolled.plus(Duration.ofDays(8))));
    engine.getManagementService().executeJob(job(onboarding, "Timer_EnrolleeReview").getId());
    assertThat(reasonsFor(sponsorId)).contains("Enrollee stalled");
    BpmnAwareTests.assertThat(onboarding).hasPassed("Task_ReviewEnrollee").isNotEnded();
  }

  @Test
  void noFirstProspectsByDay3And7NudgeTheDistributorThenAlertTheSponsor() {
    String newcomer = register(sponsorId, false);
    ProcessInstance onboarding = onboardingOf(newcomer);
    Instant enrolled = Instant.now();
    assertThat(job(onboarding, "Timer_FirstProspectsDay1").getDuedate())
        .isCloseTo(Date.from(enrolled.plus(Duration.ofDays(1))), 120_000);

    ClockUtil.setCurrentTime(Date.from(enrolled.plus(Duration.ofDays(1)).plusSeconds(60)));
    engine.getManagementService().executeJob(job(onboarding, "Timer_FirstProspectsDay1").getId());
    ClockUtil.setCurrentTime(Date.from(enrolled.plus(Duration.ofDays(3)).plusSeconds(60)));
    engine.getManagementService().executeJob(job(onboarding, "Timer_FirstProspectsDay3").getId());

    assertThat(reasonsFor(newcomer)).filteredOn("First prospects not yet added"::equals).hasSize(2);
    assertThat(reasonsFor(sponsorId)).doesNotContain("Enrollee stalled");

    ClockUtil.setCurrentTime(Date.from(enrolled.plus(Duration.ofDays(7)).plusSeconds(60)));
    engine.getManagementService().executeJob(job(onboarding, "Timer_FirstProspectsDay7").getId());

    assertThat(reasonsFor(sponsorId)).contains("Enrollee stalled");
    BpmnAwareTests.assertThat(onboarding).isWaitingAt("Task_WaitForFirstProspects");
  }

  @Test
  void prospectsInterestInAProductTheDistributorHasNotTrainedOnOffersItsTraining() {
    String newcomer = register(sponsorId, false);
    ProcessInstance onboarding = onboardingOf(newcomer);
    for (int i = 0; i < 2; i++) {
      Prospect prospect = prospects.add(new Prospects.NewProspect(newcomer, "Pat" + i, null, null, null, Audience.PRODUCT_CUSTOMER));
      String journeyId = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(prospect.id())
          .processDefinitionKey("prospect-development").singleResult().getId();
      answerFollowUp(journeyId, Map.of("interestChange", "0", "purchaseIntent", "LOW", "closeEstimate", 10)); // verdant-story
      answerFollowUp(journeyId, Map.of("interestChange", "1", "purchaseIntent", "MEDIUM", "closeEstimate", 30)); // cwm-explained
    }

    Task training = task(onboarding, "Task_TakeProductTraining");
    assertThat(training).as("the product training task").isNotNull();
    assertThat(training.getAssignee()).isEqualTo(newcomer);
    assertThat(engine.getTaskService().getVariable(training.getId(), "product")).isEqualTo("CWM");

    engine.getTaskService().complete(training.getId(), Map.of("productTrainingDone", true));
    assertThat(distributors.get(newcomer).trainedProducts()).contains("CWM");
  }

  private void answerFollowUp(String journeyId, Map<String, Object> answers) {
    Task share = engine.getTaskService().createTaskQuery().processInstanceId(journeyId).taskDefinitionKey("Task_ShareAsset").singleResult();
    String shareId = (String) engine.getRuntimeService().getVariable(journeyId, "shareId");
    engine.getTaskService().complete(share.getId(), Map.of("shareChannel", "SMS"));
    touchpoints.viewThroughLink(shares.get(shareId).token()).orElseThrow();
    Task followUp = engine.getTaskService().createTaskQuery().processInstanceId(journeyId).taskDefinitionKey("Task_AskFollowUp").singleResult();
    engine.getTaskService().complete(followUp.getId(), answers);
  }

  @Test
  void theFirstSaleEndsOnboardingAndTheSponsorHearsOfIt() {
    String newcomer = register(sponsorId, false);
    ProcessInstance onboarding = onboardingOf(newcomer);
    Prospect prospect = prospects.add(new Prospects.NewProspect(newcomer, "Pat", null, null, null, Audience.PRODUCT_CUSTOMER));

    touchpoints.report(new Touchpoints.Event("order-" + UUID.randomUUID(), Touchpoint.Kind.PURCHASED, prospect.id(), null, null, "shop"));

    BpmnAwareTests.assertThat(onboarding).hasPassed("Event_FirstSaleDuringOnboarding", "Task_TellSponsorOfFirstSale",
        "EndEvent_FirstSaleMade").isEnded();
    assertThat(nudges.ofRecipient(sponsorId)).extracting(Nudge::kind).contains("ENROLLEE_FIRST_SALE");
  }

  @Test
  void theOnboardingPeriodRunningOutEndsItWithTheSponsorsReview() {
    String newcomer = register(sponsorId, false);
    ProcessInstance onboarding = onboardingOf(newcomer);
    Job period = job(onboarding, "Timer_OnboardingPeriodOver");
    assertThat(period.getDuedate()).isCloseTo(Date.from(Instant.now().plus(Duration.ofDays(90))), 120_000);

    engine.getManagementService().executeJob(period.getId());

    Task review = task(onboarding, "Task_ReviewOnboarding");
    assertThat(review.getAssignee()).isEqualTo(sponsorId);
    engine.getTaskService().complete(review.getId(), Map.of("reviewOutcome", "ON_TRACK"));
    BpmnAwareTests.assertThat(onboarding).hasPassed("EndEvent_OnboardingReviewed").isEnded();
  }

  @Test
  void anEnrollmentFromAProspectJourneyStartsOnboardingWithTheRecruiterAsSponsor() {
    String recruiter = register(sponsorId, true);
    Prospect prospect = prospects.add(new Prospects.NewProspect(recruiter, "Rae", "Recruit", "rae@example.com", "+4915123456780",
        Audience.BUSINESS_BUILDER));

    touchpoints.report(new Touchpoints.Event("crm-" + UUID.randomUUID(), Touchpoint.Kind.ENROLLED, prospect.id(), null, null, "crm"));

    Distributor enrollee = distributors.get("enrollee-" + prospect.id().substring(0, 8));
    assertThat(enrollee.sponsorId()).isEqualTo(recruiter);
    assertThat(enrollee.phone()).isEqualTo("+4915123456780");
    ProcessInstance onboarding = onboardingOf(enrollee.id());
    assertThat(engine.getRuntimeService().getVariable(onboarding.getId(), "sponsorId")).isEqualTo(recruiter);
    assertThat(task(onboarding, "Task_SponsorCheckIn").getAssignee()).isEqualTo(recruiter);
  }

  @Test
  void aStalledEnrolleesSponsorGetsOneCheckInTaskNamingThemWithTheirRecentActivity() {
    String newcomer = register(sponsorId, false);
    ProcessInstance onboarding = onboardingOf(newcomer);
    Instant enrolled = Instant.now();
    for (int i = 0; i < 3; i++) {
      prospects.add(new Prospects.NewProspect(newcomer, "Pat" + i, null, null, null, Audience.PRODUCT_CUSTOMER));
    }
    // three quiet days: no alert, so no check-in (near miss)
    ClockUtil.setCurrentTime(Date.from(enrolled.plus(Duration.ofDays(3))));
    engine.getManagementService().executeJob(job(onboarding, "Timer_EnrolleeReview").getId());
    assertThat(task(onboarding, "Task_CheckInWithEnrollee")).isNull();

    ClockUtil.setCurrentTime(Date.from(enrolled.plus(Duration.ofDays(8))));
    engine.getManagementService().executeJob(job(onboarding, "Timer_EnrolleeReview").getId());

    Nudge alert = nudges.ofRecipient(sponsorId).stream().filter(n -> n.reason().equals("Enrollee stalled")).findFirst().orElseThrow();
    assertThat(alert.distributorId()).as("the alert names the enrollee").isEqualTo(newcomer);
    Task checkIn = task(onboarding, "Task_CheckInWithEnrollee");
    assertThat(checkIn.getAssignee()).isEqualTo(sponsorId);
    assertThat(checkIn.getName()).isEqualTo("Check in with Nia Newcomer");
    assertThat(engine.getTaskService().getVariable(checkIn.getId(), "recentActivity"))
        .isEqualTo("In the last 7 days: 0 prospects added, 0 assets shared, 0 views, 0 sales.");

    // a week later, still quiet: the open check-in stays the only one
    ClockUtil.setCurrentTime(Date.from(enrolled.plus(Duration.ofDays(15))));
    engine.getManagementService().executeJob(job(onboarding, "Timer_EnrolleeReview").getId());
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(onboarding.getId())
        .taskDefinitionKey("Task_CheckInWithEnrollee").count()).isOne();

    engine.getTaskService().complete(checkIn.getId(), Map.of("checkInNotes", "Talked on Sunday"));
    BpmnAwareTests.assertThat(onboarding).hasPassed("EndEvent_EnrolleeCheckedIn").isNotEnded();
  }

  @Test
  void anEnrolleeFromAProspectIsWelcomedWithALinkToSetAPassword() {
    String recruiter = register(sponsorId, true);
    Prospect prospect = prospects.add(new Prospects.NewProspect(recruiter, "Rae", null, "rae@example.com", "+4915123456780",
        Audience.BUSINESS_BUILDER));

    touchpoints.report(new Touchpoints.Event("crm-" + UUID.randomUUID(), Touchpoint.Kind.ENROLLED, prospect.id(), null, null, "crm"));

    String enrollee = "enrollee-" + prospect.id().substring(0, 8);
    assertThat(nudges.ofRecipient(enrollee)).extracting(Nudge::kind, Nudge::messageKey)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("WELCOME", "coaching.welcome.set-password"));
    assertThat(nudges.ofRecipient(recruiter)).as("a registered distributor has a password: the plain welcome")
        .extracting(Nudge::messageKey).contains("coaching.welcome");
  }
}
