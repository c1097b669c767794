package com.journeycoach.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.journeycoach.Http;
import com.journeycoach.JourneyCoachTest;
import com.journeycoach.TestUsers;
import com.journeycoach.content.NextAsset;
import com.journeycoach.content.SampleCatalog;
import com.journeycoach.content.Share;
import com.journeycoach.content.Shares;
import com.journeycoach.people.Audience;
import com.journeycoach.people.Distributors;
import com.journeycoach.people.Prospect;
import com.journeycoach.people.Prospects;
import com.journeycoach.system.InvalidInputException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Each quick outcome from each task of a prospect's journey, submitted as Tasklist submits a form
 * ({@code /engine-rest/task/{id}/submit-form}, the distributor's own login), with the real steps behind it: it
 * ends or moves the journey as the matching touchpoint does, or, where it does not fit the task, is refused with
 * 400 naming {@code quickOutcome} and the task stays open.
 */
@JourneyCoachTest
class QuickOutcomesTest {

  @LocalServerPort
  int port;
  @Autowired
  Distributors distributors;
  @Autowired
  Prospects prospects;
  @Autowired
  Shares shares;
  @Autowired
  NextAsset nextAsset;
  @Autowired
  Touchpoints touchpoints;
  @Autowired
  FollowUpAnswers followUpAnswers;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  HistoryService history;
  @Autowired
  SampleCatalog sampleCatalog;
  Http http;
  String distributor;
  String login;
  Prospect prospect;
  String journeyId;

  @BeforeEach
  void setUp() {
    http = new Http(port);
    sampleCatalog.loadIfEmpty();
    distributor = "quick-dist-" + UUID.randomUUID().toString().substring(0, 8);
    TestUsers.ensureDistributor(distributors, distributor, null);
    login = Http.basic(distributor, TestUsers.PASSWORD);
    prospect = prospects.add(new Prospects.NewProspect(distributor, "Quinn", "Quick", null, null, Audience.PRODUCT_CUSTOMER));
    journeyId = runtime.createProcessInstanceQuery().processDefinitionKey(ProspectDevelopment.KEY)
        .processInstanceBusinessKey(prospect.id()).singleResult().getId();
  }

  // the prospect's decision, from each task

  @ParameterizedTest(name = "{1} at {0}")
  @CsvSource({
      "Task_ShareAsset, NOT_INTERESTED, LOST, LOST",
      "Task_ShareAsset, ALREADY_BOUGHT, WON, PURCHASED",
      "Task_AskFollowUp, NOT_INTERESTED, LOST, LOST",
      "Task_AskFollowUp, ALREADY_BOUGHT, WON, PURCHASED",
      "Task_RecordMeetingOutcome, NOT_INTERESTED, LOST, LOST",
      "Task_RecordMeetingOutcome, ALREADY_BOUGHT, WON, PURCHASED"})
  void theProspectsDecisionEndsTheJourneyAsItsTouchpointDoes(String step, String quickOutcome, Prospect.Status status,
                                                              Touchpoint.Kind kind) {
    Task task = waitingAt(step);
    List<Touchpoint.Kind> before = kinds();
    int answers = followUpAnswers.ofProspect(prospect.id()).size();

    assertThat(submit(task, quickOutcome).statusCode()).isEqualTo(204);

    assertThat(runtime.createProcessInstanceQuery().processInstanceId(journeyId).count()).as("the journey ended").isZero();
    assertThat(prospects.get(prospect.id()).status()).isEqualTo(status);
    List<Touchpoint> after = touchpoints.ofProspect(prospect.id());
    // only the decision is recorded: no meeting held, no share sent, no follow-up answered
    assertThat(after).hasSize(before.size() + 1);
    Touchpoint decision = after.get(after.size() - 1);
    assertThat(decision.kind()).isEqualTo(kind);
    assertThat(decision.source()).isEqualTo("quick-outcome");
    assertThat(decision.effect()).isEqualTo(Touchpoint.Effect.JOURNEY_ENDED);
    assertThat(followUpAnswers.ofProspect(prospect.id())).hasSize(answers);
    String endEvent = status == Prospect.Status.LOST ? ProspectDevelopment.END_PROSPECT_LOST : ProspectDevelopment.END_CUSTOMER_WON;
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(journeyId).activityId(endEvent).count()).isOne();
    // the quick outcome is the step's alone: no variable of that name is left (in a journey that ended, in its history)
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(journeyId)
        .variableName(ProspectDevelopment.QUICK_OUTCOME).list()).allSatisfy(v -> assertThat(v.getState()).isEqualTo("DELETED"));
  }

  @Test
  void viewedInPersonAtTheShareCountsTheViewAndAsksTheFollowUp() {
    Task share = waitingAt(ProspectDevelopment.TASK_SHARE_ASSET);
    String shareId = shareId();

    assertThat(submit(share, "VIEWED_IN_PERSON").statusCode()).isEqualTo(204);

    assertThat(openTask().getTaskDefinitionKey()).isEqualTo(ProspectDevelopment.TASK_ASK_FOLLOW_UP);
    Share shared = shares.get(shareId);
    assertThat(shared.channel()).isEqualTo("IN_PERSON");
    assertThat(shared.viewCount()).isOne();
    // as the share form's channel "in person": the same touchpoints, the view under the tracked link's key
    assertThat(kinds()).containsExactly(Touchpoint.Kind.SHARED, Touchpoint.Kind.VIEWED);
    assertThat(touchpoints.findByKey("share:" + shareId + ":viewed")).hasValueSatisfying(v -> assertThat(v.source()).isEqualTo("in-person"));
    assertThat(runtime.getVariable(journeyId, ProspectDevelopment.QUICK_OUTCOME)).isNull();
  }

  @ParameterizedTest(name = "at {0}")
  @CsvSource({"Task_ShareAsset", "Task_AskFollowUp"})
  void skippingTheAssetMarksTheShareSkippedAndSharesTheNextEligibleOne(String step) {
    Task task = waitingAt(step);
    String shareId = shareId();
    String skippedAsset = shares.get(shareId).assetId();
    List<Touchpoint.Kind> before = kinds();

    assertThat(submit(task, "SKIP_ASSET").statusCode()).isEqualTo(204);

    Task next = openTask();
    assertThat(next.getTaskDefinitionKey()).isEqualTo(ProspectDevelopment.TASK_SHARE_ASSET);
    assertThat(shares.skippedAt(shareId)).isPresent();
    String nextShare = shareId();
    assertThat(nextShare).isNotEqualTo(shareId);
    assertThat(shares.get(nextShare).assetId()).isNotEqualTo(skippedAsset);
    // skipped, the asset is not offered to this prospect again; nothing else was recorded
    assertThat(nextAsset.eligibleFor(prospect.id(), Audience.PRODUCT_CUSTOMER)).extracting(a -> a.id()).doesNotContain(skippedAsset);
    assertThat(kinds()).isEqualTo(before);
    assertThat(followUpAnswers.ofProspect(prospect.id())).isEmpty();
    assertThat(prospects.get(prospect.id()).status()).isEqualTo(Prospect.Status.ACTIVE);
    assertThat(runtime.getVariable(journeyId, ProspectDevelopment.QUICK_OUTCOME)).isNull();
  }

  // what does not fit the task: 400 naming the field, and the task stays open

  @ParameterizedTest(name = "{1} at {0}")
  @CsvSource({
      "Task_AskFollowUp, VIEWED_IN_PERSON, 'quickOutcome: must be one of NOT_INTERESTED, ALREADY_BOUGHT, SKIP_ASSET'",
      "Task_RecordMeetingOutcome, VIEWED_IN_PERSON, 'quickOutcome: must be one of NOT_INTERESTED, ALREADY_BOUGHT'",
      "Task_RecordMeetingOutcome, SKIP_ASSET, 'quickOutcome: must be one of NOT_INTERESTED, ALREADY_BOUGHT'",
      "Task_ShareAsset, MAYBE_LATER, 'quickOutcome: must be one of VIEWED_IN_PERSON, NOT_INTERESTED, ALREADY_BOUGHT, SKIP_ASSET'"})
  void aQuickOutcomeThatDoesNotFitTheTaskIsRefusedAndTheTaskStays(String step, String quickOutcome, String error) {
    Task task = waitingAt(step);
    List<Touchpoint.Kind> before = kinds();

    HttpResponse<String> refused = submit(task, quickOutcome);

    assertRefused(refused, error, task);
    assertThat(kinds()).isEqualTo(before);
    assertThat(prospects.get(prospect.id()).status()).isEqualTo(Prospect.Status.ACTIVE);
  }

  /** The forms offer only what fits; the steps refuse the rest themselves, also to a call of the application's own. */
  @ParameterizedTest(name = "{1} at {0}")
  @CsvSource({
      "Task_AskFollowUp, VIEWED_IN_PERSON, 'quickOutcome: VIEWED_IN_PERSON does not fit this task'",
      "Task_RecordMeetingOutcome, VIEWED_IN_PERSON, 'quickOutcome: VIEWED_IN_PERSON does not fit this task'",
      "Task_RecordMeetingOutcome, SKIP_ASSET, 'quickOutcome: SKIP_ASSET does not fit this task'",
      "Task_ShareAsset, maybe, 'quickOutcome: must be one of VIEWED_IN_PERSON'"})
  void theStepsRefuseWhatDoesNotFitWhoeverCompletes(String step, String quickOutcome, String error) {
    Task task = waitingAt(step);

    assertThatThrownBy(() -> tasks.complete(task.getId(), Map.of(ProspectDevelopment.QUICK_OUTCOME, quickOutcome)))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors()).anySatisfy(m -> assertThat(m).startsWith(error)));
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).isOne();
  }

  @Test
  void anotherAssetAndAQuickOutcomeTogetherAreRefused() {
    Task share = waitingAt(ProspectDevelopment.TASK_SHARE_ASSET);
    String other = nextAsset.eligibleFor(prospect.id(), Audience.PRODUCT_CUSTOMER).get(1).id();

    HttpResponse<String> refused = http.post("/engine-rest/task/" + share.getId() + "/submit-form", login,
        "{\"variables\":{\"quickOutcome\":{\"value\":\"SKIP_ASSET\"},\"otherAssetId\":{\"value\":\"" + other + "\"}}}");

    assertRefused(refused, "otherAssetId: not with a quick outcome", share);
    assertThat(shares.skippedAt(shareId())).isEmpty();
  }

  /**
   * The questions a quick outcome hides stay required without one: the form hides them only while quickOutcome has a
   * value, and the server decides that condition on the submission. Answers of an earlier follow-up, still in the
   * journey's variables, do not stand in for this one's.
   */
  @Test
  void withoutAQuickOutcomeTheTasksQuestionsStayRequired() {
    Task followUp = waitingAt(ProspectDevelopment.TASK_ASK_FOLLOW_UP);
    // not ready: the journey shares the next asset, and the prospect views it
    tasks.complete(followUp.getId(), Map.of("interestChange", "0", "purchaseIntent", "NONE", "closeEstimate", 0));
    Share next = shares.get(shareId());
    tasks.complete(openTask().getId(), Map.of("shareChannel", "SMS"));
    touchpoints.viewThroughLink(next.token()).orElseThrow();
    Task secondFollowUp = openTask();
    assertThat(secondFollowUp.getTaskDefinitionKey()).isEqualTo(ProspectDevelopment.TASK_ASK_FOLLOW_UP);

    HttpResponse<String> refused = http.post("/engine-rest/task/" + secondFollowUp.getId() + "/submit-form", login,
        "{\"variables\":{}}");

    assertRefused(refused, "interestChange: required", secondFollowUp);
    assertThat(refused.body()).contains("purchaseIntent: required", "closeEstimate: required");
    assertThat(followUpAnswers.ofProspect(prospect.id())).hasSize(1);
  }

  @Test
  void aMeetingWithoutOutcomeOrQuickOutcomeIsRefused() {
    Task meeting = waitingAt(ProspectDevelopment.TASK_RECORD_MEETING_OUTCOME);

    assertRefused(http.post("/engine-rest/task/" + meeting.getId() + "/submit-form", login, "{\"variables\":{\"meetingNotes\":"
        + "{\"value\":\"went well\"}}}"), "outcome: required", meeting);
    assertThat(prospects.get(prospect.id()).status()).isEqualTo(Prospect.Status.ACTIVE);
  }

  private Task waitingAt(String step) {
    switch (step) {
      case ProspectDevelopment.TASK_SHARE_ASSET -> { }
      case ProspectDevelopment.TASK_ASK_FOLLOW_UP -> {
        Share share = shares.get(shareId());
        tasks.complete(openTask().getId(), Map.of("shareChannel", "SMS"));
        touchpoints.viewThroughLink(share.token()).orElseThrow();
      }
      case ProspectDevelopment.TASK_RECORD_MEETING_OUTCOME -> {
        Share share = shares.get(shareId());
        tasks.complete(openTask().getId(), Map.of("shareChannel", "SMS"));
        touchpoints.viewThroughLink(share.token()).orElseThrow();
        // ready to present: very likely to buy
        tasks.complete(openTask().getId(), Map.of("interestChange", "2", "purchaseIntent", "HIGH", "closeEstimate", 90));
      }
      default -> throw new IllegalArgumentException(step);
    }
    Task task = openTask();
    assertThat(task.getTaskDefinitionKey()).isEqualTo(step);
    return task;
  }

  private Task openTask() {
    return tasks.createTaskQuery().processInstanceId(journeyId).singleResult();
  }

  private String shareId() {
    return (String) runtime.getVariable(journeyId, ProspectDevelopment.SHARE_ID);
  }

  private List<Touchpoint.Kind> kinds() {
    return touchpoints.ofProspect(prospect.id()).stream().map(Touchpoint::kind).toList();
  }

  private HttpResponse<String> submit(Task task, String quickOutcome) {
    return http.post("/engine-rest/task/" + task.getId() + "/submit-form", login,
        "{\"variables\":{\"quickOutcome\":{\"value\":\"" + quickOutcome + "\"}}}");
  }

  private void assertRefused(HttpResponse<String> response, String error, Task task) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    assertThat(response.body()).contains(error).doesNotContain("\tat ", "com.journeycoach", "org.camunda", "java.", "SQL");
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).as("the task stays open").isOne();
  }
}
