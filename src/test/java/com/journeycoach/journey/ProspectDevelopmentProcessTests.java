package com.journeycoach.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.journeycoach.coaching.DistributorProfile;
import com.journeycoach.coaching.ForecastRecord;
import com.journeycoach.coaching.Nudge;
import com.journeycoach.coaching.Nudges;
import com.journeycoach.coaching.Occasion;
import com.journeycoach.coaching.ProspectJourney;
import com.journeycoach.people.Audience;
import com.journeycoach.content.Catalog;
import com.journeycoach.content.SampleCatalog;
import com.journeycoach.content.Share;
import com.journeycoach.content.Shares;
import com.journeycoach.people.Distributors;
import com.journeycoach.people.Prospect;
import com.journeycoach.people.Prospects;
import com.journeycoach.settings.Thresholds;
import com.journeycoach.system.Groups;
import com.journeycoach.system.InvalidInputException;
import com.journeycoach.system.JourneyHistory;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every path of prospect-development; run on H2 and on MariaDB by the subclasses. */
abstract class ProspectDevelopmentProcessTests {

  static final Map<String, Object> NOT_READY = Map.of("interestChange", "0", "purchaseIntent", "LOW", "closeEstimate", 20);
  static final Map<String, Object> READY = Map.of("interestChange", "2", "purchaseIntent", "HIGH", "closeEstimate", 80,
      "followUpNotes", "Wants the starter kit");

  @Autowired
  ProcessEngine engine;
  @Autowired
  Thresholds thresholds;
  @Autowired
  Distributors distributors;
  @Autowired
  Prospects prospects;
  @Autowired
  Shares shares;
  @Autowired
  Touchpoints touchpoints;
  @Autowired
  Nudges nudges;
  @Autowired
  Catalog catalog;
  @Autowired
  SampleCatalog sampleCatalog;
  @Autowired
  CoachingFacts coachingFacts;
  @Autowired
  FollowUpAnswers answers;

  String distributorId;
  String sponsorId;

  @BeforeEach
  void setUp() throws IOException {
    BpmnAwareTests.init(engine);
    sampleCatalog.loadIfEmpty();
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    sponsorId = "sponsor-" + suffix;
    distributorId = "dist-" + suffix;
    distributors.register(new Distributors.Registration(sponsorId, "Sam", "Sponsor", sponsorId + "@example.com", "+14155550100",
        null, null, true, null, null, null, "Quiet-Harbor-71"));
    distributors.register(new Distributors.Registration(distributorId, "Dana", "Distributor", distributorId + "@example.com",
        "+4915123456789", null, sponsorId, false, null, null, null, "Bright-Meadow-42"));
  }

  private ProcessInstance addProspect(Audience audience) {
    Prospect prospect = prospects.add(new Prospects.NewProspect(distributorId, "Pat", "Prospect", null, null, audience));
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(prospect.id()).singleResult();
  }

  private String var(ProcessInstance journey, String name) {
    return (String) engine.getRuntimeService().getVariable(journey.getId(), name);
  }

  /** The asset of the journey's current share. */
  private String sharedAsset(ProcessInstance journey) {
    return shares.get(var(journey, "shareId")).assetId();
  }

  private Share shareAndView(ProcessInstance journey) {
    Share share = shares.get(var(journey, "shareId"));
    complete(task(journey), withVariables("shareChannel", "SMS"));
    BpmnAwareTests.assertThat(journey).isWaitingAt("Task_WaitForView");
    touchpoints.viewThroughLink(share.token()).orElseThrow();
    return share;
  }

  private void reachMeeting(ProcessInstance journey) {
    shareAndView(journey);
    BpmnAwareTests.assertThat(journey).isWaitingAt("Task_AskFollowUp");
    complete(task(journey), READY);
    BpmnAwareTests.assertThat(journey).isWaitingAt("Task_RecordMeetingOutcome");
  }

  private Prospect.Status statusOf(ProcessInstance journey) {
    return prospects.get(journey.getBusinessKey()).status();
  }

  /** "In person": the distributor showed the asset, so it counts as viewed at once, and a later open of the link adds no second view. */
  @Test
  void sharedInPersonCountsTheViewAtOnceAndOnlyOnce() {
    ProcessInstance journey = addProspect(Audience.PRODUCT_CUSTOMER);
    Share share = shares.get(var(journey, "shareId"));

    complete(task(journey), withVariables("shareChannel", "IN_PERSON"));

    BpmnAwareTests.assertThat(journey).hasPassed("Gateway_AlreadyViewed").hasNotPassed("Task_WaitForView")
        .isWaitingAt("Task_AskFollowUp");
    Share viewed = shares.get(share.id());
    assertThat(viewed.channel()).isEqualTo("IN_PERSON");
    assertThat(viewed.viewCount()).isEqualTo(1);
    assertThat(viewed.firstViewedAt()).isNotNull();
    assertThat(touchpoints.ofProspect(journey.getBusinessKey())).extracting(Touchpoint::kind)
        .containsExactly(Touchpoint.Kind.SHARED, Touchpoint.Kind.VIEWED);
    assertThat(touchpoints.findByKey("share:" + share.id() + ":viewed")).get().extracting(Touchpoint::source).isEqualTo("in-person");

    // the prospect opens the link afterwards: the journey stays where it is, with one VIEWED
    touchpoints.viewThroughLink(share.token()).orElseThrow();
    BpmnAwareTests.assertThat(journey).isWaitingAt("Task_AskFollowUp");
    assertThat(touchpoints.ofProspect(journey.getBusinessKey())).filteredOn(t -> t.kind() == Touchpoint.Kind.VIEWED).hasSize(1);
  }

  /** The distributor chooses another eligible asset: the journey prepares its link instead, and the share records the choice. */
  @Test
  void anotherEligibleAssetChosenIsPreparedAndTheChoiceRecorded() {
    ProcessInstance journey = addProspect(Audience.PRODUCT_CUSTOMER);
    Share suggested = shares.get(var(journey, "shareId"));
    assertThat(suggested.assetId()).isEqualTo("verdant-story");
    assertThat(var(journey, "otherAssetChoices")).contains("cwm-explained|" + catalog.get("cwm-explained").title())
        .doesNotContain("verdant-story").doesNotContain("cwm-results");

    complete(task(journey), withVariables("otherAssetId", "cwm-explained"));

    BpmnAwareTests.assertThat(journey).hasPassed("Gateway_OtherAssetChosen").isWaitingAt("Task_ShareAsset");
    Share chosen = shares.get(var(journey, "shareId"));
    assertThat(chosen.assetId()).isEqualTo("cwm-explained");
    assertThat(shares.suggestedAssetOf(chosen.id())).hasValue("verdant-story");
    assertThat(shares.suggestedAssetOf(suggested.id())).isEmpty();
    // the suggestion was never sent: it stays eligible, and nothing was recorded as shared
    assertThat(shares.get(suggested.id()).sharedAt()).isNull();
    assertThat(touchpoints.ofProspect(journey.getBusinessKey())).isEmpty();
    assertThat(task(journey).getName()).isEqualTo("Share “" + catalog.get("cwm-explained").title() + "” with Pat P.");
    assertThat(engine.getRuntimeService().getVariable(journey.getId(), "otherAssetId")).isNull();

    complete(task(journey), withVariables("shareChannel", "SMS"));
    BpmnAwareTests.assertThat(journey).isWaitingAt("Task_WaitForView");
    assertThat(shares.get(chosen.id()).sharedAt()).isNotNull();
  }

  /**
   * A prospect whose name has an emoji (beyond what Camunda's 3-byte utf8 tables hold on MySQL): the tasks and forms
   * show a storable copy, while the sms: link carries the whole name, percent-encoded.
   */
  @Test
  void aNameWithAnEmojiNamesTheTasksAndTravelsWholeInTheLink() {
    Prospect prospect = prospects.add(new Prospects.NewProspect(distributorId, "Ana\uD83C\uDF38", "\uD83D\uDE00Ruiz", null,
        "+34 612 345 678", Audience.PRODUCT_CUSTOMER));
    ProcessInstance journey = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(prospect.id())
        .singleResult();

    assertThat(task(journey).getName()).isEqualTo("Share “" + catalog.get("verdant-story").title() + "” with Ana\uFFFD \uFFFD.");
    assertThat(var(journey, "smsLink")).startsWith("sms:+34612345678?body=").contains("Ana%F0%9F%8C%B8");
    assertThat(var(journey, "shareMessage")).contains("Ana\uFFFD");
    complete(task(journey), withVariables("shareChannel", "SMS"));
    BpmnAwareTests.assertThat(journey).isWaitingAt("Task_WaitForView");
  }


  @Test
  void addingAProspectStartsTheirJourneyWithTheFirstAssetToShare() throws IOException {
    ProcessInstance journey = addProspect(Audience.PRODUCT_CUSTOMER);

    BpmnAwareTests.assertThat(journey).isWaitingAt("Task_ShareAsset");
    BpmnAwareTests.assertThat(task(journey)).isAssignedTo(distributorId);
    assertThat(sharedAsset(journey)).isEqualTo("verdant-story");
    assertThat(var(journey, "shareLink")).matches("http://localhost:\\d+/s/[A-Za-z0-9_-]{43}");
    assertThat(engine.getTaskService().createTaskQuery().taskId(task(journey).getId()).initializeFormKeys().singleResult()
        .getCamundaFormRef().getKey()).isEqualTo("share-asset");
    try (InputStream form = engine.getFormService().getDeployedTaskForm(task(journey).getId())) {
      assertThat(new String(form.readAllBytes())).contains("\"shareChannel\"");
    }
  }

  @Test
  void customerWonAfterShareViewFollowUpAndMeeting() {
    ProcessInstance journey = addProspect(Audience.PRODUCT_CUSTOMER);
    reachMeeting(journey);

    complete(task(journey), withVariables("outcome", "WON"));

    BpmnAwareTests.assertThat(journey).hasPassedInOrder("Task_ShareAsset", "Gateway_AlreadyViewed", "Task_WaitForView",
        "Task_AskFollowUp", "Gateway_ReadyToPresent", "Task_RecordMeetingOutcome", "Gateway_Outcome", "EndEvent_CustomerWon").isEnded();
    assertThat(statusOf(journey)).isEqualTo(Prospect.Status.WON);
    assertThat(touchpoints.ofProspect(journey.getBusinessKey())).extracting(Touchpoint::kind).containsExactly(
        Touchpoint.Kind.SHARED, Touchpoint.Kind.VIEWED, Touchpoint.Kind.FOLLOW_UP_ANSWERED, Touchpoint.Kind.MEETING_HELD,
        Touchpoint.Kind.PURCHASED);
    // the follow-up's touchpoint names the asset it followed up on, taken from its share
    assertThat(touchpoints.ofProspect(journey.getBusinessKey())).filteredOn(t -> t.kind() == Touchpoint.Kind.FOLLOW_UP_ANSWERED)
        .extracting(Touchpoint::assetId).containsExactly("verdant-story");
  }

  @Test
  void distributorEnrolledEndsTheJourney() {
    ProcessInstance journey = addProspect(Audience.BUSINESS_BUILDER);
    reachMeeting(journey);

    complete(task(journey), withVariables("outcome", "ENROLLED"));

    BpmnAwareTests.assertThat(journey).hasPassed("EndEvent_DistributorEnrolled").isEnded();
    assertThat(statusOf(journey)).isEqualTo(Prospect.Status.ENROLLED);
  }

  @Test
  void lostEndsTheJourney() {
    ProcessInstance journey = addProspect(Audience.PRODUCT_CUSTOMER);
    reachMeeting(journey);

    complete(task(journey), withVariables("outcome", "LOST"));

    BpmnAwareTests.assertThat(journey).hasPassed("EndEvent_ProspectLost").isEnded();
    assertThat(statusOf(journey)).isEqualTo(Prospect.Status.LOST);
  }

  @Test
  void nurtureWaitsThenReturnsIntoTheLoop() {
    ProcessInstance journey = addProspect(Audience.PRODUCT_CUSTOMER);
    reachMeeting(journey);

    complete(task(journey), withVariables("outcome", "NURTURE"));

    BpmnAwareTests.assertThat(journey).isWaitingAt("Timer_NurtureOver");
    assertThat(statusOf(journey)).isEqualTo(Prospect.Status.NURTURE);
    Instant expected = Instant.now().plus(Duration.ofDays(60));
    assertThat(job("Timer_NurtureOver", journey).getDuedate())
        .isBetween(Date.from(expected.minusSeconds(120)), Date.from(expected.plusSeconds(120)));

    execute(job("Timer_NurtureOver", journey));

    BpmnAwareTests.assertThat(journey).hasPassed("Task_ResumeJourney").isWaitingAt("Task_ShareAsset");
    assertThat(statusOf(journey)).isEqualTo(Prospect.Status.ACTIVE);
    assertThat(sharedAsset(journey)).as("the next asset, not the one already shared").isEqualTo("cwm-explained");

    // back in the loop, a second meeting is recorded as a meeting of its own
    reachMeeting(journey);
    complete(task(journey), withVariables("outcome", "WON"));
    assertThat(touchpoints.ofProspect(journey.getBusinessKey())).filteredOn(t -> t.kind() == Touchpoint.Kind.MEETING_HELD)
        .hasSize(2);
    assertThat(statusOf(journey)).isEqualTo(Prospect.Status.WON);
  }

  @Test
  void notReadyLoopsToTheNextAssetRespectingPrerequisitesAndAudience() {
    ProcessInstance journey = addProspect(Audience.BUSINESS_BUILDER);
    shareAndView(journey);
    complete(task(journey), NOT_READY);
    BpmnAwareTests.assertThat(journey).isWaitingAt("Task_ShareAsset");
    assertThat(sharedAsset(journey)).isEqualTo("cwm-explained");

    shareAndView(journey);
    complete(task(journey), NOT_READY);
    assertThat(sharedAsset(journey)).as("cwm-results needs cwm-explained viewed first, which it now is").isEqualTo("cwm-results");

    shareAndView(journey);
    complete(task(journey), NOT_READY);
    assertThat(sharedAsset(journey)).as("the starter kit sheet is for product customers only").isEqualTo("business-opportunity");
  }

  @Test
  void whenNoAssetIsLeftTheDistributorGoesToTheMeeting() {
    ProcessInstance journey = addProspect(Audience.PRODUCT_CUSTOMER);
    for (String expected : new String[] {"verdant-story", "cwm-explained", "cwm-results", "cwm-starter-kit"}) {
      assertThat(sharedAsset(journey)).isEqualTo(expected);
      shareAndView(journey);
      complete(task(journey), NOT_READY);
    }
    BpmnAwareTests.assertThat(journey).isWaitingAt("Task_RecordMeetingOutcome");
  }

  @Test
  void viewBeforeTheShareIsConfirmedSkipsTheWait() {
    ProcessInstance journey = addProspect(Audience.PRODUCT_CUSTOMER);
    Share share = shares.get(var(journey, "shareId"));
    touchpoints.viewThroughLink(share.token()).orElseThrow();

    complete(task(journey), withVariables("shareChannel", "EMAIL"));

    BpmnAwareTests.assertThat(journey).hasNotPassed("Task_WaitForView").isWaitingAt("Task_AskFollowUp");
  }

  @Test
  void shareOverdueNudgesTheDistributorAndKeepsTheTask() {
    ProcessInstance journey = addProspect(Audience.PRODUCT_CUSTOMER);
    Job timer = job("Timer_ShareOverdue", journey);
    Instant expected = Instant.now().plus(Duration.ofDays(2));
    assertThat(timer.getDuedate()).isBetween(Date.from(expected.minusSeconds(120)), Date.from(expected.plusSeconds(120)));

    execute(timer);

    BpmnAwareTests.assertThat(journey).hasPassed("Task_NudgeToShare").isWaitingAt("Task_ShareAsset");
    assertThat(nudges.ofJourney(journey.getId())).singleElement().satisfies(nudge -> {
      assertThat(nudge.recipientId()).isEqualTo(distributorId);
      assertThat(nudge.audience()).isEqualTo(Nudge.Audience.DISTRIBUTOR);
      assertThat(nudge.reason()).as("the rule that decided it").isEqualTo("Share overdue");
    });
  }

  @Test
  void viewOverdueRemindsTheDistributor() {
    ProcessInstance journey = addProspect(Audience.PRODUCT_CUSTOMER);
    complete(task(journey), withVariables("shareChannel", "SMS"));

    execute(job("Timer_ViewOverdue", journey));

    BpmnAwareTests.assertThat(journey).hasPassed("Task_NudgeAboutView").isWaitingAt("Task_WaitForView");
    assertThat(nudges.ofJourney(journey.getId())).singleElement().satisfies(nudge -> {
      assertThat(nudge.recipientId()).isEqualTo(distributorId);
      assertThat(nudge.messageKey()).isEqualTo("coaching.check-in-on-view");
      assertThat(nudge.reason()).isEqualTo("View overdue");
    });
  }

  @Test
  void followUpOverdueRemindsTheDistributor() {
    ProcessInstance journey = addProspect(Audience.PRODUCT_CUSTOMER);
    shareAndView(journey);

    execute(job("Timer_FollowUpOverdue", journey));

    BpmnAwareTests.assertThat(journey).hasPassed("Task_NudgeToFollowUp").isWaitingAt("Task_AskFollowUp");
    assertThat(nudges.ofJourney(journey.getId())).singleElement()
        .satisfies(nudge -> assertThat(nudge.reason()).isEqualTo("Follow-up overdue"));
  }

  @Test
  void wholeJourneyOverdueAlertsTheSponsor() {
    ProcessInstance journey = addProspect(Audience.PRODUCT_CUSTOMER);
    Job timer = job("Timer_JourneyOverdue", journey);
    Instant expected = Instant.now().plus(Duration.ofDays(30));
    assertThat(timer.getDuedate()).isBetween(Date.from(expected.minusSeconds(120)), Date.from(expected.plusSeconds(120)));

    execute(timer);

    BpmnAwareTests.assertThat(journey).hasPassed("Task_AlertSponsor").isWaitingAt("Task_ShareAsset");
    assertThat(nudges.ofJourney(journey.getId())).singleElement().satisfies(nudge -> {
      assertThat(nudge.recipientId()).isEqualTo(sponsorId);
      assertThat(nudge.audience()).isEqualTo(Nudge.Audience.SPONSOR);
      assertThat(nudge.reason()).isEqualTo("Journey overdue: alert sponsor");
    });
  }

  @Test
  void theForecastRecordHoldsEachClosedJourneysLastEstimateAgainstItsOutcome() {
    assertThat(forecast()).isEqualTo(new ForecastRecord(distributorId, 0, 0, 0));

    ProcessInstance won = addProspect(Audience.PRODUCT_CUSTOMER);
    shareAndView(won);
    complete(task(won), NOT_READY); // estimate 20, then the next asset
    BpmnAwareTests.assertThat(won).isWaitingAt("Task_ShareAsset");
    shareAndView(won);
    complete(task(won), READY); // estimate 80: the last one counts
    BpmnAwareTests.assertThat(won).isWaitingAt("Task_RecordMeetingOutcome");
    complete(task(won), withVariables("outcome", "WON"));
    assertThat(statusOf(won)).isEqualTo(Prospect.Status.WON);

    ProcessInstance lost = addProspect(Audience.PRODUCT_CUSTOMER);
    reachMeeting(lost);
    assertThat(forecast()).as("an open journey is not in the record yet").isEqualTo(new ForecastRecord(distributorId, 1, 80, 100));
    complete(task(lost), withVariables("outcome", "LOST"));

    // closed without a follow-up answer: no estimate to hold against it
    ProcessInstance bought = addProspect(Audience.PRODUCT_CUSTOMER);
    touchpoints.report(new Touchpoints.Event("shop-order-" + UUID.randomUUID(), Touchpoint.Kind.PURCHASED, bought.getBusinessKey(),
        null, null, "shop"));
    BpmnAwareTests.assertThat(bought).isEnded();

    assertThat(forecast()).isEqualTo(new ForecastRecord(distributorId, 2, 80, 50));

    // a closed journey whose outcome is corrected counts once, with its new outcome
    prospects.changeStatus(lost.getBusinessKey(), Prospect.Status.WON);
    assertThat(forecast()).isEqualTo(new ForecastRecord(distributorId, 2, 80, 100));
  }

  @Test
  void interestThatGrowsOverSeveralFollowUpsMakesTheProspectReady() {
    ProcessInstance journey = addProspect(Audience.PRODUCT_CUSTOMER);
    shareAndView(journey);
    complete(task(journey), Map.of("interestChange", "2", "purchaseIntent", "LOW", "closeEstimate", 20));
    BpmnAwareTests.assertThat(journey).as("interest 2 of the 3 needed").isWaitingAt("Task_ShareAsset");
    shareAndView(journey);
    complete(task(journey), Map.of("interestChange", "1", "purchaseIntent", "LOW", "closeEstimate", 20));
    BpmnAwareTests.assertThat(journey).as("interest 3 over two answers").isWaitingAt("Task_RecordMeetingOutcome");
  }

  @Test
  void theCoachingFactsDescribeEachOpenJourney() {
    ProcessInstance answered = addProspect(Audience.PRODUCT_CUSTOMER);
    shareAndView(answered); // verdant-story: no product
    complete(task(answered), NOT_READY);
    shareAndView(answered); // cwm-explained: product CWM
    complete(task(answered), READY); // interest +2, high intent
    BpmnAwareTests.assertThat(answered).isWaitingAt("Task_RecordMeetingOutcome");
    nudges.record(distributorId, Nudge.Audience.DISTRIBUTOR, "FOLLOW_UP_NOW", answered.getBusinessKey(), answered.getId(),
        "coaching.follow-up-now", 1, "test");
    ProcessInstance fresh = addProspect(Audience.PRODUCT_CUSTOMER);

    List<Object> facts = coachingFacts.forDistributor(Occasion.dailyReview(), distributorId);
    Map<String, ProspectJourney> journeys = facts.stream()
        .filter(ProspectJourney.class::isInstance).map(ProspectJourney.class::cast)
        .collect(java.util.stream.Collectors.toMap(ProspectJourney::prospectId, journey -> journey));

    // the prospects the distributor has added, as counted on their row
    assertThat(facts).filteredOn(DistributorProfile.class::isInstance).singleElement()
        .extracting(fact -> ((DistributorProfile) fact).prospectCount()).isEqualTo(prospects.ofDistributor(distributorId).size())
        .isEqualTo(2);

    assertThat(journeys).containsOnlyKeys(answered.getBusinessKey(), fresh.getBusinessKey());
    assertThat(journeys.get(answered.getBusinessKey())).satisfies(journey -> {
      assertThat(journey.step()).isEqualTo("meeting");
      assertThat(journey.interestTotal()).isEqualTo(2);
      assertThat(journey.productInterests()).containsExactly("CWM");
      // the one recorded here, and any the rules gave the distributor about this prospect
      assertThat(journey.remindersSent()).isEqualTo(nudges.ofJourney(answered.getId()).stream()
          .filter(nudge -> nudge.recipientId().equals(distributorId)).count()).isPositive();
    });
    assertThat(journeys.get(fresh.getBusinessKey())).satisfies(journey -> {
      assertThat(journey.step()).isEqualTo("share");
      assertThat(journey.interestTotal()).isZero();
      assertThat(journey.productInterests()).isEmpty();
      assertThat(journey.remindersSent()).isZero();
    });
  }

  @Test
  void answersGivenWithinOneSecondKeepTheOrderTheyWereGivenIn() {
    ProcessInstance journey = addProspect(Audience.PRODUCT_CUSTOMER);
    String shareId = var(journey, "shareId");
    // MariaDB through mysql-connector-j stores whole seconds: these share a timestamp there
    for (int estimate = 10; estimate <= 50; estimate += 10) {
      answers.record(shareId, journey.getBusinessKey(), distributorId, new FollowUpAnswer(0, FollowUpAnswer.Intent.LOW, estimate, null));
    }

    assertThat(answers.ofProspect(journey.getBusinessKey())).extracting(FollowUpAnswer::closeEstimate).containsExactly(10, 20, 30, 40, 50);
  }

  private ForecastRecord forecast() {
    return coachingFacts.forDistributor(Occasion.dailyReview(), distributorId).stream().filter(ForecastRecord.class::isInstance)
        .map(ForecastRecord.class::cast).findFirst().orElseThrow();
  }

  @Test
  void aPurchaseReportedAtAnyStepEndsTheJourney() {
    ProcessInstance journey = addProspect(Audience.PRODUCT_CUSTOMER);
    complete(task(journey), withVariables("shareChannel", "SMS"));
    BpmnAwareTests.assertThat(journey).isWaitingAt("Task_WaitForView");

    Touchpoints.Recorded recorded = touchpoints.report(new Touchpoints.Event("shop-order-" + UUID.randomUUID(),
        Touchpoint.Kind.PURCHASED, journey.getBusinessKey(), null, null, "shop"));

    assertThat(recorded.touchpoint().effect()).isEqualTo(Touchpoint.Effect.JOURNEY_ENDED);
    BpmnAwareTests.assertThat(journey).hasPassed("EndEvent_PurchaseWon").isEnded();
    assertThat(statusOf(journey)).isEqualTo(Prospect.Status.WON);
  }

  /**
   * Journeys running when this version is deployed stay on the diagram they started with, where the form
   * steps are service tasks of their own (test resource: the diagram before the listeners, under another
   * process id so that it never becomes the latest prospect-development). They run on with the same beans.
   */
  @Test
  void aJourneyOfTheDiagramWithRecordServiceTasksRunsToItsEnd() throws IOException {
    String key = "prospect-development-before-listeners";
    String diagram;
    try (InputStream legacy = getClass().getResourceAsStream("/legacy/" + key + ".bpmn")) {
      diagram = new String(legacy.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
          .replace("\"prospect-development\"", "\"" + key + "\"")
          .replace("camunda:isStartableInTasklist=\"true\"", "camunda:isStartableInTasklist=\"false\"");
    }
    assertThat(diagram).contains("id=\"" + key + "\"", "camunda:isStartableInTasklist=\"false\"");
    engine.getRepositoryService().createDeployment().name(key).enableDuplicateFiltering(true)
        .addString(key + ".bpmn", diagram).deploy();
    Prospect prospect = prospects.addFromRunningJourney(new Prospects.NewProspect(distributorId, "Lee", "Legacy", null, null,
        Audience.PRODUCT_CUSTOMER));
    ProcessInstance journey = engine.getRuntimeService().startProcessInstanceByKey(key, prospect.id(),
        Map.of("prospectId", prospect.id(), "distributorId", distributorId));

    BpmnAwareTests.assertThat(journey).isWaitingAt("Task_ShareAsset");
    reachMeeting(journey);
    complete(task(journey), withVariables("outcome", "WON"));

    BpmnAwareTests.assertThat(journey).hasPassedInOrder("Task_RegisterProspect", "Task_ShareAsset", "Task_RecordShare",
        "Task_AskFollowUp", "Task_RecordFollowUp", "Task_RecordMeetingOutcome", "Task_RecordOutcome", "EndEvent_CustomerWon")
        .isEnded();
    assertThat(touchpoints.ofProspect(prospect.id())).extracting(Touchpoint::kind).containsExactly(Touchpoint.Kind.SHARED,
        Touchpoint.Kind.VIEWED, Touchpoint.Kind.FOLLOW_UP_ANSWERED, Touchpoint.Kind.MEETING_HELD, Touchpoint.Kind.PURCHASED);
    assertThat(prospects.get(prospect.id()).status()).isEqualTo(Prospect.Status.WON);
  }

  @Test
  void theFormsCopiesOfNameTitleAndLinkAreShownButKeptOutOfTheHistory() {
    ProcessInstance journey = addProspect(Audience.PRODUCT_CUSTOMER);
    assertThat(engine.getRuntimeService().getVariables(journey.getId())).containsKeys("prospectName", "assetTitle", "shareLink");
    reachMeeting(journey);
    complete(task(journey), withVariables("outcome", "WON"));

    List<String> historic = engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(journey.getId())
        .list().stream().map(HistoricVariableInstance::getName).toList();
    assertThat(historic).contains("prospectId", "distributorId", "shareId", "shareChannel", "purchaseIntent", "outcome")
        .doesNotContainAnyElementsOf(JourneyHistory.DISPLAY_COPIES);
    assertThat(engine.getHistoryService().createHistoricDetailQuery().processInstanceId(journey.getId()).variableUpdates().list())
        .extracting(detail -> ((HistoricVariableUpdate) detail).getVariableName())
        .contains("shareId", "outcome").doesNotContainAnyElementsOf(JourneyHistory.DISPLAY_COPIES);
  }

  /**
   * The steps that record a form run when its task ends; a task ended by a purchase or a loss reported
   * from outside was never submitted, so nothing of it is recorded.
   */
  @Test
  void aTaskEndedByAReportedPurchaseOrLossRecordsNothingOfItsForm() {
    ProcessInstance atShare = addProspect(Audience.PRODUCT_CUSTOMER);
    ProcessInstance atFollowUp = addProspect(Audience.PRODUCT_CUSTOMER);
    shareAndView(atFollowUp);
    ProcessInstance atMeeting = addProspect(Audience.PRODUCT_CUSTOMER);
    reachMeeting(atMeeting);
    String unshared = var(atShare, "shareId");

    for (ProcessInstance journey : List.of(atShare, atFollowUp)) {
      touchpoints.report(new Touchpoints.Event("shop-order-" + UUID.randomUUID(), Touchpoint.Kind.PURCHASED,
          journey.getBusinessKey(), null, null, "shop"));
    }
    touchpoints.report(new Touchpoints.Event("crm-" + UUID.randomUUID(), Touchpoint.Kind.LOST, atMeeting.getBusinessKey(), null, null,
        "crm"));

    BpmnAwareTests.assertThat(atShare).hasPassed("EndEvent_PurchaseWon").isEnded();
    assertThat(touchpoints.ofProspect(atShare.getBusinessKey())).extracting(Touchpoint::kind)
        .containsExactly(Touchpoint.Kind.PURCHASED);
    assertThat(shares.get(unshared).sharedAt()).isNull();
    BpmnAwareTests.assertThat(atFollowUp).hasPassed("EndEvent_PurchaseWon").isEnded();
    assertThat(touchpoints.ofProspect(atFollowUp.getBusinessKey())).extracting(Touchpoint::kind)
        .containsExactly(Touchpoint.Kind.SHARED, Touchpoint.Kind.VIEWED, Touchpoint.Kind.PURCHASED);
    BpmnAwareTests.assertThat(atMeeting).hasPassed("EndEvent_LossRecorded").isEnded();
    assertThat(touchpoints.ofProspect(atMeeting.getBusinessKey())).extracting(Touchpoint::kind).containsExactly(
        Touchpoint.Kind.SHARED, Touchpoint.Kind.VIEWED, Touchpoint.Kind.FOLLOW_UP_ANSWERED, Touchpoint.Kind.LOST);
    assertThat(statusOf(atMeeting)).isEqualTo(Prospect.Status.LOST);
  }

  @Test
  void aJourneyCancelledInCockpitRecordsNothingOfTheOpenForm() {
    ProcessInstance journey = addProspect(Audience.PRODUCT_CUSTOMER);
    shareAndView(journey);

    // what Cockpit's "cancel" does: delete the instance, running the listeners
    engine.getRuntimeService().deleteProcessInstance(journey.getId(), "cancelled in Cockpit");

    BpmnAwareTests.assertThat(journey).isEnded();
    assertThat(touchpoints.ofProspect(journey.getBusinessKey())).extracting(Touchpoint::kind)
        .containsExactly(Touchpoint.Kind.SHARED, Touchpoint.Kind.VIEWED);
    assertThat(answers.ofProspect(journey.getBusinessKey())).isEmpty();
  }

  @Test
  void enrollmentAndLossReportedFromOutsideEndTheJourney() {
    ProcessInstance enrolled = addProspect(Audience.BUSINESS_BUILDER);
    ProcessInstance lost = addProspect(Audience.PRODUCT_CUSTOMER);

    touchpoints.report(new Touchpoints.Event("crm-" + UUID.randomUUID(), Touchpoint.Kind.ENROLLED, enrolled.getBusinessKey(), null, null, "crm"));
    touchpoints.report(new Touchpoints.Event("crm-" + UUID.randomUUID(), Touchpoint.Kind.LOST, lost.getBusinessKey(), null, null, "crm"));

    BpmnAwareTests.assertThat(enrolled).hasPassed("EndEvent_EnrollmentWon").isEnded();
    BpmnAwareTests.assertThat(lost).hasPassed("EndEvent_LossRecorded").isEnded();
  }

  @Test
  void aDistributorStartsAJourneyFromTasklistsStartForm() {
    engine.getIdentityService().setAuthentication(distributorId, List.of(Groups.DISTRIBUTORS));
    ProcessInstance journey;
    try {
      journey = engine.getFormService().submitStartForm(
          engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("prospect-development")
              .latestVersion().singleResult().getId(),
          Map.of("prospectFirstName", "Tess", "prospectPhone", "+1 415 555 0199", "audience", "PRODUCT_CUSTOMER"));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }

    String prospectId = var(journey, "prospectId");
    Prospect prospect = prospects.get(prospectId);
    assertThat(prospect.distributorId()).isEqualTo(distributorId);
    assertThat(prospect.phone()).isEqualTo("+14155550199");
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(journey.getId()).singleResult()
        .getBusinessKey()).isEqualTo(prospectId);
    BpmnAwareTests.assertThat(task(journey)).isAssignedTo(distributorId);
  }

  @Test
  void invalidFollowUpAnswersAreRefusedAndTheTaskStays() {
    ProcessInstance journey = addProspect(Audience.PRODUCT_CUSTOMER);
    shareAndView(journey);
    String taskId = task(journey).getId();

    assertThatThrownBy(() -> engine.getTaskService().complete(taskId,
        Map.of("interestChange", "7", "purchaseIntent", "MAYBE", "closeEstimate", 150)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("follow-up answers");

    BpmnAwareTests.assertThat(journey).isWaitingAt("Task_AskFollowUp");
    assertThat(engine.getTaskService().createTaskQuery().taskId(taskId).count()).isOne();
  }

  @Test
  void changedPaceAppliesToTheNextJourneyButNotToATimerAlreadyScheduled() {
    ProcessInstance before = addProspect(Audience.PRODUCT_CUSTOMER);
    Date scheduledBefore = job("Timer_ShareOverdue", before).getDuedate();

    thresholds.change("pace.prospect-development.share", "PT6H", "test: faster sharing", "test");
    try {
      ProcessInstance after = addProspect(Audience.PRODUCT_CUSTOMER);
      Instant expected = Instant.now().plus(Duration.ofHours(6));
      assertThat(job("Timer_ShareOverdue", after).getDuedate())
          .isBetween(Date.from(expected.minusSeconds(60)), Date.from(expected.plusSeconds(60)));
      assertThat(job("Timer_ShareOverdue", before).getDuedate()).isEqualTo(scheduledBefore);
    } finally {
      thresholds.change("pace.prospect-development.share", "P2D", "test: restore default", "test");
    }
  }
}
