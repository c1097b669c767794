package com.journeycoach.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.journeycoach.EngineWithMocks;
import com.journeycoach.settings.Pace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.stubbing.Answer;

/**
 * The paths of {@code prospect-development} with its beans replaced, so a broken diagram shows apart
 * from a broken service. The mocks do to the execution what the real steps do, which is the contract
 * between diagram and beans:
 * <ul>
 *   <li>{@code ${registerProspect}} (start event, "end" listener): sets {@code distributorId}</li>
 *   <li>{@code ${journeySteps.chooseNextAsset(execution)}}: sets the transient {@code assetLeft}, {@code prospectShortName}
 *       and, when an asset is left, {@code shareId} (the view message is {@code AssetViewed-<shareId>}) and {@code assetTitle}
 *       (the task names read them)</li>
 *   <li>{@code ${recordShare}} ("end" listener of "Share next asset"): sets the transient {@code otherAssetChosen},
 *       {@code prospectDecided} and {@code assetSkipped} and, unless the distributor chose another asset, {@code viewed}</li>
 *   <li>{@code ${recordFollowUp}} ("end" listener of "Ask follow-up questions"): sets the transient {@code readyToPresent},
 *       {@code prospectDecided} and {@code assetSkipped}</li>
 *   <li>{@code ${recordOutcome}} ("end" listener of "Record meeting outcome"): the gateway reads the submitted {@code outcome}</li>
 *   <li>a quick outcome ({@code quickOutcome}, submitted with any of the three): "not interested" and "already bought" set
 *       {@code prospectDecided} and {@code outcome} (LOST, WON), "skip this asset" sets {@code assetSkipped}, "viewed in
 *       person" (share only) sets {@code viewed}</li>
 *   <li>{@code ${journeySteps.resumeJourney(execution)}}, {@code ${paceNudges.record(execution, step)}}</li>
 *   <li>{@code ${pace.of('prospect-development', step)}}: each timer's duration</li>
 *   <li>{@code ${worklist.due(...)}}, {@code ${worklist.priority(kind)}}, {@code ${worklist.overdue(execution)}}: the real
 *       {@link Worklist} on the mocked paces</li>
 * </ul>
 */
@Deployment(resources = {"processes/prospect-development.bpmn", "forms/add-prospect.form", "forms/share-asset.form",
    "forms/follow-up.form", "forms/meeting-outcome.form"})
class ProspectDevelopmentPathsTest {

  private static final String PROCESS = "prospect-development";
  private static final String PROSPECT = "prospect-1";
  private static final String DISTRIBUTOR = "distributor-1";

  @RegisterExtension
  static ProcessEngineExtension engine = EngineWithMocks.extension(ProspectDevelopmentPathsTest.class);

  private final JourneySteps journeySteps = mock(JourneySteps.class);
  private final PaceNudges paceNudges = mock(PaceNudges.class);
  private final Pace pace = mock(Pace.class);
  private final JavaDelegate registerProspect = mock(JavaDelegate.class);
  private final JavaDelegate recordShare = mock(JavaDelegate.class);
  private final JavaDelegate recordFollowUp = mock(JavaDelegate.class);
  private final JavaDelegate recordOutcome = mock(JavaDelegate.class);

  /** What the next "Choose next asset" finds, "Record share" learns and "Record follow-up" decides. */
  private boolean assetLeft = true;
  private boolean viewed = false;
  private boolean readyToPresent = false;
  private boolean otherAssetChosen = false;
  private int shares = 0;
  /** Where each pace nudge was recorded: "activity id: step". */
  private final List<String> nudges = new ArrayList<>();
  /** The form steps that ran while their task was cancelled rather than completed. */
  private final List<String> cancelledFormSteps = new ArrayList<>();

  @BeforeEach
  void registerBeans() throws Exception {
    EngineWithMocks.beforeEach(engine);
    when(pace.of(eq(PROCESS), anyString())).thenAnswer(invocation -> pace(invocation.getArgument(1)).toString());

    doAnswer(EngineWithMocks.onExecution(execution -> execution.setVariable("distributorId", DISTRIBUTOR)))
        .when(registerProspect).execute(any());
    doAnswer(EngineWithMocks.onExecution(execution -> {
      execution.setVariable("assetLeft", Variables.booleanValue(assetLeft, true));
      execution.setVariable("prospectShortName", "Ana R.");
      if (assetLeft) {
        execution.setVariable("shareId", "share-" + ++shares);
        execution.setVariable("assetTitle", "Asset " + shares);
      }
    })).when(journeySteps).chooseNextAsset(any());
    doAnswer(formStep("recordShare", execution -> {
      String quick = quickOutcome(execution);
      execution.setVariable("otherAssetChosen", Variables.booleanValue(otherAssetChosen, true));
      if (!otherAssetChosen) {
        execution.setVariable("viewed", Variables.booleanValue(viewed || "VIEWED_IN_PERSON".equals(quick), true));
      }
    })).when(recordShare).execute(any());
    doAnswer(formStep("recordFollowUp", execution -> {
      quickOutcome(execution);
      execution.setVariable("readyToPresent", Variables.booleanValue(readyToPresent, true));
    })).when(recordFollowUp).execute(any());
    doAnswer(formStep("recordOutcome", execution -> quickOutcome(execution))).when(recordOutcome).execute(any());
    doAnswer(invocation -> {
      DelegateExecution execution = invocation.getArgument(0);
      nudges.add(execution.getCurrentActivityId() + ": " + invocation.getArgument(1));
      return null;
    }).when(paceNudges).record(any(), anyString());

    Mocks.register("journeySteps", journeySteps);
    Mocks.register("paceNudges", paceNudges);
    Mocks.register("pace", pace);
    Mocks.register("registerProspect", registerProspect);
    Mocks.register("recordShare", recordShare);
    Mocks.register("recordFollowUp", recordFollowUp);
    Mocks.register("recordOutcome", recordOutcome);
    Mocks.register("worklist", new Worklist(pace));
  }

  @AfterEach
  void resetClockAndMocks() {
    EngineWithMocks.afterEach();
  }

  @AfterAll
  static void closeEngine() {
    EngineWithMocks.afterAll(engine);
  }

  @Test
  void addedProspectGetsTheNextAssetShared() throws Exception {
    ProcessInstance journey = startJourney();

    assertThat(journey).hasPassed("StartEvent_ProspectAdded", "Task_ChooseNextAsset").isWaitingAt("Task_ShareAsset");
    assertThat(task(journey)).isAssignedTo(DISTRIBUTOR);
    assertThat(engine.getFormService().getDeployedTaskForm(task(journey).getId())).isNotNull();
    verify(registerProspect).execute(any());
    verify(journeySteps).chooseNextAsset(any());
  }

  @Test
  void startFormIsDeployed() {
    String definition = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(PROCESS)
        .singleResult().getId();

    assertThat(engine.getFormService().getDeployedStartForm(definition)).isNotNull();
  }

  @Test
  void noAssetLeftGoesStraightToTheMeeting() {
    assetLeft = false;

    ProcessInstance journey = startJourney();

    assertThat(journey).isWaitingAt("Task_RecordMeetingOutcome").hasNotPassed("Task_ShareAsset");
    assertThat(task(journey)).isAssignedTo(DISTRIBUTOR);
    assertThat(engine.getFormService().getDeployedTaskForm(task(journey).getId())).isNotNull();
  }

  @Test
  void sharedAssetWaitsForItsViewMessage() throws Exception {
    ProcessInstance journey = startJourney();

    complete(task(journey), withVariables("shareChannel", "SMS"));

    assertThat(journey).hasPassed("Task_ShareAsset").isWaitingAt("Task_WaitForView");
    verify(recordShare).execute(any());

    // a view of another share does not move this journey
    assertThat(engine.getRuntimeService().createMessageCorrelation("AssetViewed-share-2").correlateAllWithResult()).isEmpty();
    engine.getRuntimeService().createMessageCorrelation("AssetViewed-share-1").correlate();

    assertThat(journey).hasPassed("Task_WaitForView").isWaitingAt("Task_AskFollowUp");
    assertThat(task(journey)).isAssignedTo(DISTRIBUTOR);
    assertThat(engine.getFormService().getDeployedTaskForm(task(journey).getId())).isNotNull();
  }

  @Test
  void assetViewedBeforeTheShareWasRecordedGoesStraightToFollowUp() {
    viewed = true;
    ProcessInstance journey = startJourney();

    complete(task(journey), withVariables("shareChannel", "SMS"));

    assertThat(journey).isWaitingAt("Task_AskFollowUp").hasNotPassed("Task_WaitForView");
  }

  @Test
  void prospectNotReadyGetsTheNextAsset() throws Exception {
    viewed = true;
    ProcessInstance journey = startJourney();
    complete(task(journey));

    complete(task(journey), withVariables("purchaseIntent", "LOW"));

    assertThat(journey).isWaitingAt("Task_ShareAsset").hasNotPassed("Task_RecordMeetingOutcome");
    verify(recordFollowUp).execute(any());
    verify(journeySteps, times(2)).chooseNextAsset(any());
    assertThat(engine.getRuntimeService().getVariable(journey.getId(), "shareId")).isEqualTo("share-2");
  }

  @Test
  void prospectNotReadyWithNoAssetLeftGoesToTheMeeting() {
    viewed = true;
    ProcessInstance journey = startJourney();
    complete(task(journey));
    assetLeft = false;

    complete(task(journey));

    assertThat(journey).isWaitingAt("Task_RecordMeetingOutcome");
  }

  @Test
  void readyProspectGoesToTheMeeting() {
    ProcessInstance journey = atMeeting();

    assertThat(journey).hasPassed("Gateway_ReadyToPresent").isWaitingAt("Task_RecordMeetingOutcome");
  }

  @ParameterizedTest(name = "{0} ends at {1}")
  @CsvSource({"WON, EndEvent_CustomerWon", "ENROLLED, EndEvent_DistributorEnrolled", "LOST, EndEvent_ProspectLost"})
  void meetingOutcomeEndsTheJourney(String outcome, String endEvent) throws Exception {
    ProcessInstance journey = atMeeting();

    complete(task(journey), withVariables("outcome", outcome));

    assertThat(journey).hasPassed(endEvent).isEnded();
    verify(recordOutcome).execute(any());
    assertThat(cancelledFormSteps).isEmpty();
  }

  @Test
  void nurturedProspectResumesTheJourneyAfterTheNurturePeriod() throws Exception {
    ProcessInstance journey = atMeeting();

    complete(task(journey), withVariables("outcome", "NURTURE"));

    assertThat(journey).isWaitingAt("Timer_NurtureOver");
    assertThat(EngineWithMocks.dueAfterMillis(job("Timer_NurtureOver", journey))).isEqualTo(pace("nurture").toMillis());
    verify(journeySteps, never()).resumeJourney(any());

    execute(job("Timer_NurtureOver", journey));

    assertThat(journey).hasPassed("Task_ResumeJourney").isWaitingAt("Task_ShareAsset");
    verify(journeySteps).resumeJourney(any());
    verify(journeySteps, times(2)).chooseNextAsset(any());
  }

  /** A purchase, enrollment, loss or opt-out ({@code ProspectLost}) reported by the application ends the journey wherever it is. */
  @ParameterizedTest(name = "{0} at {2} ends at {1}")
  @CsvSource({
      "ProspectPurchased, EndEvent_PurchaseWon, Task_ShareAsset",
      "ProspectPurchased, EndEvent_PurchaseWon, Task_WaitForView",
      "ProspectPurchased, EndEvent_PurchaseWon, Task_AskFollowUp",
      "ProspectPurchased, EndEvent_PurchaseWon, Task_RecordMeetingOutcome",
      "ProspectPurchased, EndEvent_PurchaseWon, Timer_NurtureOver",
      "ProspectEnrolled, EndEvent_EnrollmentWon, Task_ShareAsset",
      "ProspectEnrolled, EndEvent_EnrollmentWon, Task_WaitForView",
      "ProspectEnrolled, EndEvent_EnrollmentWon, Task_AskFollowUp",
      "ProspectEnrolled, EndEvent_EnrollmentWon, Task_RecordMeetingOutcome",
      "ProspectEnrolled, EndEvent_EnrollmentWon, Timer_NurtureOver",
      "ProspectLost, EndEvent_LossRecorded, Task_ShareAsset",
      "ProspectLost, EndEvent_LossRecorded, Task_WaitForView",
      "ProspectLost, EndEvent_LossRecorded, Task_AskFollowUp",
      "ProspectLost, EndEvent_LossRecorded, Task_RecordMeetingOutcome",
      "ProspectLost, EndEvent_LossRecorded, Timer_NurtureOver"})
  void reportedEndingEndsTheJourneyFromAnyStep(String message, String endEvent, String step) throws Exception {
    ProcessInstance journey = waitingAt(step);

    engine.getRuntimeService().createMessageCorrelation(message).processInstanceBusinessKey(PROSPECT).correlate();

    assertThat(journey).hasPassed(endEvent).isEnded();
    // a form step's "end" listener runs for the cancelled task too, and must tell it from a completed one
    List<String> expected = switch (step) {
      case "Task_ShareAsset" -> List.of("recordShare");
      case "Task_AskFollowUp" -> List.of("recordFollowUp");
      case "Task_RecordMeetingOutcome" -> List.of("recordOutcome");
      default -> List.of();
    };
    assertThat(cancelledFormSteps).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{1} at {0} nudges about {2}")
  @CsvSource({
      "Task_ShareAsset, Timer_ShareOverdue, share, Task_NudgeToShare, EndEvent_ShareNudged",
      "Task_WaitForView, Timer_ViewOverdue, view, Task_NudgeAboutView, EndEvent_ViewNudged",
      "Task_AskFollowUp, Timer_FollowUpOverdue, follow-up, Task_NudgeToFollowUp, EndEvent_FollowUpNudged"})
  void overdueStepNudgesAndKeepsWaiting(String step, String timer, String pacedStep, String nudgeTask, String endEvent) throws Exception {
    ProcessInstance journey = waitingAt(step);
    // the engine's clock stands still: a timer is due its pace after the step began
    assertThat(EngineWithMocks.dueAfterMillis(job(timer, journey))).isEqualTo(pace(pacedStep).toMillis());

    execute(job(timer, journey));

    assertThat(journey).hasPassed(nudgeTask, endEvent).isWaitingAt(step);
    assertThat(nudges).containsExactly(nudgeTask + ": " + pacedStep);
  }

  @Test
  void overdueJourneyAlertsTheSponsorAndGoesOn() throws Exception {
    ProcessInstance journey = startJourney();
    assertThat(EngineWithMocks.dueAfterMillis(job("Timer_JourneyOverdue", journey))).isEqualTo(pace("journey").toMillis());

    execute(job("Timer_JourneyOverdue", journey));

    assertThat(journey).hasPassed("Task_AlertSponsor", "EndEvent_SponsorAlerted").isWaitingAt("Task_ShareAsset");
    assertThat(nudges).containsExactly("Task_AlertSponsor: journey");
  }

  /** Each task says what to do and for whom, falls due when its pace timer fires, and ranks by its kind. */
  @Test
  void tasksNameProspectAndAssetAndFallDueWithTheirPaceTimers() {
    ProcessInstance journey = startJourney();
    org.camunda.bpm.engine.task.Task share = task(journey);
    assertThat(share.getName()).isEqualTo("Share “Asset 1” with Ana R.");
    assertThat(share.getDueDate()).isEqualTo(job("Timer_ShareOverdue", journey).getDuedate());
    assertThat(share.getPriority()).isEqualTo(50);
    assertThat(share.getDescription()).startsWith("Ana R. is ready for “Asset 1”.");

    viewed = true;
    readyToPresent = true;
    complete(share, withVariables("shareChannel", "SMS"));
    org.camunda.bpm.engine.task.Task followUp = task(journey);
    assertThat(followUp.getName()).isEqualTo("Follow up with Ana R. on “Asset 1”");
    assertThat(followUp.getDueDate()).isEqualTo(job("Timer_FollowUpOverdue", journey).getDuedate());
    assertThat(followUp.getPriority()).isEqualTo(60);

    complete(followUp);
    org.camunda.bpm.engine.task.Task meeting = task(journey);
    assertThat(meeting.getName()).isEqualTo("Meet Ana R. and record the outcome");
    assertThat(meeting.getDueDate().getTime() - EngineWithMocks.NOW.getTime()).isEqualTo(pace("follow-up").toMillis());
    // ready to present ranks above every task on pace
    assertThat(meeting.getPriority()).isEqualTo(80);
  }

  @ParameterizedTest(name = "{1} raises the priority of {0}")
  @CsvSource({"Task_ShareAsset, Timer_ShareOverdue, Timer_JourneyOverdue, 70",
      "Task_AskFollowUp, Timer_FollowUpOverdue, Timer_JourneyOverdue, 80",
      "Task_ShareAsset, Timer_JourneyOverdue, Timer_ShareOverdue, 70"})
  void overdueTaskRanksHigherOnce(String step, String timer, String laterTimer, int raised) throws Exception {
    ProcessInstance journey = waitingAt(step);

    execute(job(timer, journey));
    assertThat(task(journey).getPriority()).isEqualTo(raised);
    // a second timer of the same journey raises nothing more
    execute(job(laterTimer, journey));
    assertThat(task(journey).getPriority()).isEqualTo(raised);
  }

  @Test
  void anotherAssetChosenGoesBackToPrepareIt() throws Exception {
    ProcessInstance journey = startJourney();
    otherAssetChosen = true;

    complete(task(journey), withVariables("otherAssetId", "asset-b"));

    assertThat(journey).hasPassed("Gateway_OtherAssetChosen").hasNotPassed("Gateway_AlreadyViewed").isWaitingAt("Task_ShareAsset");
    verify(journeySteps, times(2)).chooseNextAsset(any());
    assertThat(task(journey).getName()).isEqualTo("Share “Asset 2” with Ana R.");
  }

  /** "Not interested" and "already bought", from the share, the follow-up and the meeting, end the journey as lost or won. */
  @ParameterizedTest(name = "{1} at {0} ends at {2}")
  @CsvSource({
      "Task_ShareAsset, NOT_INTERESTED, EndEvent_ProspectLost, Gateway_QuickOutcomeAtShare",
      "Task_ShareAsset, ALREADY_BOUGHT, EndEvent_CustomerWon, Gateway_QuickOutcomeAtShare",
      "Task_AskFollowUp, NOT_INTERESTED, EndEvent_ProspectLost, Gateway_QuickOutcomeAtFollowUp",
      "Task_AskFollowUp, ALREADY_BOUGHT, EndEvent_CustomerWon, Gateway_QuickOutcomeAtFollowUp",
      "Task_RecordMeetingOutcome, NOT_INTERESTED, EndEvent_ProspectLost, ",
      "Task_RecordMeetingOutcome, ALREADY_BOUGHT, EndEvent_CustomerWon, "})
  void quickOutcomeOfTheProspectsDecisionEndsTheJourney(String step, String quickOutcome, String endEvent, String quickGateway) {
    ProcessInstance journey = waitingAt(step);

    complete(task(journey), withVariables("quickOutcome", quickOutcome));

    // the meeting has no gateway of its own for it: "Outcome?" reads the outcome the step sets
    String[] path = quickGateway == null ? new String[] {step, "Gateway_Outcome", endEvent}
        : new String[] {step, quickGateway, "Gateway_Outcome", endEvent};
    assertThat(journey).hasPassedInOrder(path).isEnded();
    assertThat(journey).hasNotPassed("Timer_NurtureOver");
    if (!step.equals("Task_RecordMeetingOutcome")) {
      assertThat(journey).hasNotPassed("Task_RecordMeetingOutcome");
    }
  }

  @Test
  void skippingTheAssetAtTheShareSharesTheNextOne() {
    ProcessInstance journey = startJourney();

    complete(task(journey), withVariables("quickOutcome", "SKIP_ASSET"));

    assertThat(journey).hasPassed("Gateway_QuickOutcomeAtShare").hasNotPassed("Gateway_OtherAssetChosen", "Task_WaitForView")
        .isWaitingAt("Task_ShareAsset");
    verify(journeySteps, times(2)).chooseNextAsset(any());
    assertThat(task(journey).getName()).isEqualTo("Share “Asset 2” with Ana R.");
  }

  @Test
  void skippingTheAssetAtTheFollowUpSharesTheNextOne() {
    ProcessInstance journey = waitingAt("Task_AskFollowUp");
    readyToPresent = true;

    complete(task(journey), withVariables("quickOutcome", "SKIP_ASSET"));

    // skipped, the follow-up's readiness is not asked: the next asset comes, not the meeting
    assertThat(journey).hasPassed("Gateway_QuickOutcomeAtFollowUp").hasNotPassed("Gateway_ReadyToPresent", "Task_RecordMeetingOutcome")
        .isWaitingAt("Task_ShareAsset");
    assertThat(engine.getRuntimeService().getVariable(journey.getId(), "shareId")).isEqualTo("share-2");
  }

  @Test
  void viewedInPersonAtTheShareGoesStraightToTheFollowUp() {
    ProcessInstance journey = startJourney();

    complete(task(journey), withVariables("quickOutcome", "VIEWED_IN_PERSON"));

    assertThat(journey).hasPassed("Gateway_QuickOutcomeAtShare", "Gateway_AlreadyViewed").hasNotPassed("Task_WaitForView")
        .isWaitingAt("Task_AskFollowUp");
  }

  /** What the real steps do with a submitted quick outcome, as far as the gateways read it. */
  private static String quickOutcome(DelegateExecution execution) {
    String quick = (String) execution.getVariable("quickOutcome");
    boolean decided = "NOT_INTERESTED".equals(quick) || "ALREADY_BOUGHT".equals(quick);
    if (decided) {
      execution.setVariable("outcome", "NOT_INTERESTED".equals(quick) ? "LOST" : "WON");
    }
    execution.setVariable("prospectDecided", Variables.booleanValue(decided, true));
    execution.setVariable("assetSkipped", Variables.booleanValue("SKIP_ASSET".equals(quick), true));
    return quick;
  }

  /** As {@code JourneyStarter} starts it: the prospect is the business key, and the variables come along. */
  private ProcessInstance startJourney() {
    return engine.getRuntimeService().startProcessInstanceByKey(PROCESS, PROSPECT,
        Map.of("prospectId", PROSPECT, "distributorId", DISTRIBUTOR));
  }

  private ProcessInstance atMeeting() {
    viewed = true;
    readyToPresent = true;
    ProcessInstance journey = startJourney();
    complete(task(journey));
    complete(task(journey));
    return journey;
  }

  private ProcessInstance waitingAt(String step) {
    ProcessInstance journey = switch (step) {
      case "Task_ShareAsset" -> startJourney();
      case "Task_WaitForView" -> {
        ProcessInstance started = startJourney();
        complete(task(started));
        yield started;
      }
      case "Task_AskFollowUp" -> {
        viewed = true;
        ProcessInstance started = startJourney();
        complete(task(started));
        yield started;
      }
      case "Task_RecordMeetingOutcome" -> atMeeting();
      case "Timer_NurtureOver" -> {
        ProcessInstance started = atMeeting();
        complete(task(started), withVariables("outcome", "NURTURE"));
        yield started;
      }
      default -> throw new IllegalArgumentException(step);
    };
    assertThat(journey).isWaitingAt(step);
    return journey;
  }

  /** Each step's pace, different from the others so a timer that reads the wrong one shows. */
  private static Duration pace(String step) {
    return switch (step) {
      case "share" -> Duration.ofHours(20);
      case "view" -> Duration.ofHours(30);
      case "follow-up" -> Duration.ofHours(40);
      case "journey" -> Duration.ofDays(21);
      case "nurture" -> Duration.ofDays(60);
      default -> throw new IllegalArgumentException("no pace for " + step);
    };
  }

  /** A form step that runs only when its task was completed, as {@code FormStepDelegates.whenCompleted} does. */
  private Answer<Void> formStep(String name, Consumer<DelegateExecution> step) {
    return EngineWithMocks.onExecution(execution -> {
      if (execution.isCanceled()) {
        cancelledFormSteps.add(name);
      } else {
        step.accept(execution);
      }
    });
  }
}
