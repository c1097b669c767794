package com.journeycoach;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeycoach.content.AssetReviewProcess;
import com.journeycoach.content.AssetStatus;
import com.journeycoach.content.Catalog;
import com.journeycoach.content.SampleCatalog;
import com.journeycoach.journey.DistributorOnboarding;
import com.journeycoach.journey.ProspectDevelopment;
import com.journeycoach.people.Audience;
import com.journeycoach.people.Distributors;
import com.journeycoach.people.Prospect;
import com.journeycoach.people.Prospects;
import com.journeycoach.statistics.ThresholdTuningProcess;
import com.journeycoach.system.Groups;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A bad submission to every form step of every process, through {@code /engine-rest} as the person who
 * works the step: 400 with the field's error, and the step stays open. Where the form accepts an answer
 * that the step refuses, the test submits that answer (the step's own check must answer 400 too, not the
 * form's); where no such answer exists, one outside the form's rules.
 */
@JourneyCoachTest
class FormStepRefusalsTest {

  @LocalServerPort
  int port;
  @Autowired
  Distributors distributors;
  @Autowired
  Prospects prospects;
  @Autowired
  IdentityService identity;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  ManagementService management;
  @Autowired
  SampleCatalog sampleCatalog;
  @Autowired
  Catalog catalog;
  Http http;
  String distributor;
  String sponsor;
  String distributorLogin;
  String sponsorLogin;
  final String managerLogin = Http.basic("steps-manager", TestUsers.PASSWORD);
  final String ownerLogin = Http.basic("steps-owner", TestUsers.PASSWORD);

  @BeforeEach
  void setUp() throws Exception {
    http = new Http(port);
    sampleCatalog.loadIfEmpty();
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    sponsor = "steps-sponsor-" + suffix;
    distributor = "steps-dist-" + suffix;
    TestUsers.ensureDistributor(distributors, sponsor, null);
    TestUsers.ensureDistributor(distributors, distributor, sponsor);
    TestUsers.ensure(identity, "steps-manager", Groups.MANAGERS);
    TestUsers.ensure(identity, "steps-owner", Groups.PROCESS_OWNERS);
    distributorLogin = Http.basic(distributor, TestUsers.PASSWORD);
    sponsorLogin = Http.basic(sponsor, TestUsers.PASSWORD);
  }

  // prospect-development

  @Test
  void theStartFormRefusesAPhoneNumberThatIsNone() {
    HttpResponse<String> refused = http.post("/engine-rest/process-definition/key/" + ProspectDevelopment.KEY + "/start",
        distributorLogin, variables("{\"prospectFirstName\":{\"value\":\"Lee\"},\"audience\":{\"value\":\"PRODUCT_CUSTOMER\"},"
            + "\"prospectPhone\":{\"value\":\"+49 1\"}}"));

    assertProblem(refused, "prospectPhone: not a valid phone number");
    assertThat(prospects.ofDistributor(distributor)).isEmpty();
  }

  @Test
  void shareAssetRefusesAChannelNotOffered() {
    Task share = taskOf(journeyOf(prospectOf(distributor)), ProspectDevelopment.TASK_SHARE_ASSET);

    assertProblem(submit(share, distributorLogin, "{\"shareChannel\":{\"value\":\"PIGEON\"}}"),
        "shareChannel: must be one of SMS, EMAIL, SOCIAL, IN_PERSON");
    assertStillOpen(share);
  }

  /**
   * The share form's fields, each through submit-form and through complete: 400 naming it, and the share stays open.
   * The message may be changed (the distributor's own text is recorded with the share), within the form's length.
   */
  @Test
  void shareAssetRefusesChangesToWhatItShowsForReading() {
    String journeyId = journeyOf(prospectOf(distributor));
    Task share = taskOf(journeyId, ProspectDevelopment.TASK_SHARE_ASSET);
    String message = (String) runtime.getVariable(journeyId, ProspectDevelopment.SHARE_MESSAGE);

    String tooLong = "x".repeat(1001);
    assertProblem(submit(share, distributorLogin, "{\"shareChannel\":{\"value\":\"SMS\"},\"shareMessage\":{\"value\":\"" + tooLong + "\"}}"),
        "shareMessage: at most 1000 characters");
    assertProblem(complete(share, distributorLogin, "{\"shareChannel\":{\"value\":\"SMS\"},\"shareMessage\":{\"value\":\"" + tooLong + "\"}}"),
        "shareMessage: at most 1000 characters");
    assertProblem(complete(share, distributorLogin, "{\"shareChannel\":{\"value\":\"SMS\"},"
        + "\"shareLink\":{\"value\":\"https://evil.example/s/x\"}}"), "shareLink: shown for reading, it cannot be changed");
    // what the form shows is not a field: it cannot be sent either
    assertProblem(complete(share, distributorLogin, "{\"shareChannel\":{\"value\":\"SMS\"},\"smsLink\":{\"value\":\"sms:+1?body=x\"}}"),
        "smsLink: not a field of the form 'share-asset'");
    assertStillOpen(share);
    assertThat(runtime.getVariable(journeyId, ProspectDevelopment.SHARE_MESSAGE)).isEqualTo(message);
  }

  @Test
  void shareAssetRefusesToCompleteWithoutSayingHowItWasShared() {
    Task share = taskOf(journeyOf(prospectOf(distributor)), ProspectDevelopment.TASK_SHARE_ASSET);

    // the channel is hidden while another asset is chosen, so the form cannot require it; the step does
    assertProblem(submit(share, distributorLogin, "{}"), "shareChannel: required");
    assertProblem(complete(share, distributorLogin, "{\"shareChannel\":{\"value\":\"  \"}}"), "shareChannel: required");
    assertStillOpen(share);
  }

  @Test
  void shareAssetRefusesAnotherAssetThatIsNotEligible() {
    String journeyId = journeyOf(prospectOf(distributor));
    Task share = taskOf(journeyId, ProspectDevelopment.TASK_SHARE_ASSET);
    String shareId = (String) runtime.getVariable(journeyId, ProspectDevelopment.SHARE_ID);
    String notEligible = "otherAssetId: not an active asset this prospect may be sent now (its prerequisites come first)";

    // cwm-results needs cwm-explained viewed first; the others are no asset, or not text the engine holds
    assertProblem(submit(share, distributorLogin, "{\"otherAssetId\":{\"value\":\"cwm-results\"}}"), notEligible);
    assertProblem(complete(share, distributorLogin, "{\"otherAssetId\":{\"value\":\"cwm-results\"}}"), notEligible);
    assertProblem(complete(share, distributorLogin, "{\"otherAssetId\":{\"value\":\"no-such-asset\"}}"), notEligible);
    assertProblem(complete(share, distributorLogin, "{\"otherAssetId\":{\"value\":7}}"), notEligible);
    assertProblem(complete(share, distributorLogin, "{\"otherAssetId\":{\"value\":\"cwm-\ud83d\ude00\"}}"),
        "otherAssetId.value: emoji and other characters beyond U+FFFF cannot be stored here");
    assertProblem(complete(share, distributorLogin, "{\"otherAssetId\":{\"value\":\"" + "x".repeat(4001) + "\"}}"),
        "otherAssetId: at most 4000 characters");
    assertStillOpen(share);
    assertThat(runtime.getVariable(journeyId, ProspectDevelopment.SHARE_ID)).isEqualTo(shareId);
    assertThat(runtime.getVariable(journeyId, ProspectDevelopment.OTHER_ASSET_ID)).isNull();
  }

  @Test
  void askFollowUpRefusesACloseEstimateThatIsNotAWholeNumber() {
    String journeyId = journeyOf(prospectOf(distributor));
    tasks.complete(taskOf(journeyId, ProspectDevelopment.TASK_SHARE_ASSET).getId(), Map.of("shareChannel", "SMS"));
    runtime.createMessageCorrelation(ProspectDevelopment.assetViewed((String) runtime.getVariable(journeyId, ProspectDevelopment.SHARE_ID)))
        .correlate();
    Task followUp = taskOf(journeyId, ProspectDevelopment.TASK_ASK_FOLLOW_UP);

    // the form takes any number from 0 to 100; the step only whole ones
    assertProblem(submit(followUp, distributorLogin, "{\"interestChange\":{\"value\":\"1\"},\"purchaseIntent\":{\"value\":\"LOW\"},"
        + "\"closeEstimate\":{\"value\":50.5}}"), "closeEstimate: must be a whole number from 0 to 100");
    assertStillOpen(followUp);
  }

  @Test
  void recordMeetingOutcomeRefusesAnOutcomeNotOffered() {
    String journeyId = journeyOf(prospectOf(distributor));
    runtime.createProcessInstanceModification(journeyId)
        .startBeforeActivity(ProspectDevelopment.TASK_RECORD_MEETING_OUTCOME)
        .cancelAllForActivity(ProspectDevelopment.TASK_SHARE_ASSET)
        .execute();
    Task meeting = taskOf(journeyId, ProspectDevelopment.TASK_RECORD_MEETING_OUTCOME);

    assertProblem(submit(meeting, distributorLogin, "{\"outcome\":{\"value\":\"MAYBE\"}}"),
        "outcome: must be one of WON, ENROLLED, NURTURE, LOST");
    assertStillOpen(meeting);
    assertThat(prospects.get(runtime.createProcessInstanceQuery().processInstanceId(journeyId).singleResult().getBusinessKey()).status())
        .isEqualTo(Prospect.Status.ACTIVE);
  }

  // distributor-onboarding

  @Test
  void completeTrainingRefusesNeitherDoneNorSkipped() {
    Task training = taskOf(onboardingOf(distributor), DistributorOnboarding.TASK_COMPLETE_TRAINING);

    // the form has no required field; the step needs one of them
    assertProblem(submit(training, distributorLogin, "{\"trainingDone\":{\"value\":false}}"), "trainingDone: required unless skipped");
    assertStillOpen(training);
  }

  @Test
  void sponsorCheckInRefusesNotesTooLong() {
    Task checkIn = taskOf(onboardingOf(distributor), DistributorOnboarding.TASK_SPONSOR_CHECK_IN);

    assertProblem(submit(checkIn, sponsorLogin, "{\"checkInNotes\":{\"value\":\"" + "x".repeat(2001) + "\"}}"),
        "checkInNotes: at most 2000 characters");
    assertStillOpen(checkIn);
  }

  @Test
  void takeProductTrainingRefusesTrainingNotDone() {
    String onboardingId = onboardingOf(distributor);
    runtime.createMessageCorrelation(DistributorOnboarding.MESSAGE_PRODUCT_TRAINING_SUGGESTED).processInstanceBusinessKey(distributor)
        .setVariable(DistributorOnboarding.PRODUCT, "CWM").correlateAll();
    Task training = taskOf(onboardingId, DistributorOnboarding.TASK_TAKE_PRODUCT_TRAINING);

    // a checkbox may be false in the form; the step records only a training done
    assertProblem(submit(training, distributorLogin, "{\"productTrainingDone\":{\"value\":false}}"), "productTrainingDone: required");
    assertStillOpen(training);
    assertThat(distributors.get(distributor).trainedProducts()).doesNotContain("CWM");
  }

  @Test
  void reviewOnboardingRefusesAnOutcomeNotOffered() {
    String onboardingId = onboardingOf(distributor);
    management.executeJob(management.createJobQuery().processInstanceId(onboardingId)
        .activityId(DistributorOnboarding.TIMER_ONBOARDING_PERIOD_OVER).singleResult().getId());
    Task review = taskOf(onboardingId, DistributorOnboarding.TASK_REVIEW_ONBOARDING);
    assertThat(review.getAssignee()).isEqualTo(sponsor);

    assertProblem(submit(review, sponsorLogin, "{\"reviewOutcome\":{\"value\":\"GREAT\"}}"),
        "reviewOutcome: must be one of ON_TRACK, NEEDS_SUPPORT, INACTIVE");
    assertStillOpen(review);
  }

  // asset-review

  @Test
  void reviewAssetRefusesToRetireAnAssetActiveAssetsRequire() {
    // cwm-results and cwm-starter-kit require it in the sample catalog
    String required = "cwm-explained";
    ProcessInstance review = runtime.createProcessInstanceByKey(AssetReviewProcess.KEY).businessKey(required)
        .setVariables(Map.of(AssetReviewProcess.ASSET_ID, required, AssetReviewProcess.ASSET_TITLE, "CWM explained",
            AssetReviewProcess.EVIDENCE, "Since 2026-10-01: 900 views, 60 converted"))
        .startBeforeActivity(AssetReviewProcess.TASK_REVIEW_ASSET).execute();
    try {
      Task task = taskOf(review.getId(), AssetReviewProcess.TASK_REVIEW_ASSET);

      assertProblem(submit(task, managerLogin, "{\"reviewDecision\":{\"value\":\"DELETE\"}}"),
          "reviewDecision: must be one of KEEP, RETIRE, REPLACE");
      // the form offers RETIRE; the step refuses it for this asset
      assertProblem(submit(task, managerLogin, "{\"reviewDecision\":{\"value\":\"RETIRE\"}}"),
          "reviewDecision: active assets require this one");
      assertStillOpen(task);
      assertThat(catalog.get(required).status()).isEqualTo(AssetStatus.ACTIVE);
    } finally {
      runtime.deleteProcessInstance(review.getId(), "test over");
    }
  }

  @Test
  void provideReplacementRefusesAnAssetThatDoesNotExist() {
    ProcessInstance review = runtime.createProcessInstanceByKey(AssetReviewProcess.KEY).businessKey("steps-replacement")
        .setVariables(Map.of(AssetReviewProcess.ASSET_ID, "cwm-starter-kit", AssetReviewProcess.ASSET_TITLE, "CWM starter kit",
            AssetReviewProcess.EVIDENCE, "Since 2026-10-01: 900 views, 60 converted", AssetReviewProcess.REVIEW_NOTES, "shorter"))
        .startBeforeActivity(AssetReviewProcess.TASK_PROVIDE_REPLACEMENT).execute();
    try {
      Task task = taskOf(review.getId(), AssetReviewProcess.TASK_PROVIDE_REPLACEMENT);

      // the id has the form's shape; the step finds no such asset
      assertProblem(submit(task, ownerLogin, "{\"replacementAssetId\":{\"value\":\"no-such-asset-here\"}}"),
          "replacementAssetId: no such asset");
      assertStillOpen(task);
    } finally {
      runtime.deleteProcessInstance(review.getId(), "test over");
    }
  }

  // threshold-tuning

  @Test
  void approveThresholdChangesRefusesADecisionNotOffered() {
    ProcessInstance tuning = runtime.createProcessInstanceByKey(ThresholdTuningProcess.KEY)
        .setVariables(Map.of(ThresholdTuningProcess.PROPOSALS, "[]", ThresholdTuningProcess.CHANGES_SUMMARY, "none"))
        .startBeforeActivity(ThresholdTuningProcess.TASK_APPROVE_THRESHOLD_CHANGES).execute();
    try {
      Task task = taskOf(tuning.getId(), ThresholdTuningProcess.TASK_APPROVE_THRESHOLD_CHANGES);

      assertProblem(submit(task, managerLogin, "{\"thresholdDecision\":{\"value\":\"MAYBE\"}}"),
          "thresholdDecision: must be one of APPROVE, REJECT");
      assertStillOpen(task);
    } finally {
      runtime.deleteProcessInstance(tuning.getId(), "test over");
    }
  }

  private Prospect prospectOf(String distributorId) {
    return prospects.add(new Prospects.NewProspect(distributorId, "Pat", "Lee", null, null, Audience.PRODUCT_CUSTOMER));
  }

  private String journeyOf(Prospect prospect) {
    return runtime.createProcessInstanceQuery().processDefinitionKey(ProspectDevelopment.KEY).processInstanceBusinessKey(prospect.id())
        .singleResult().getId();
  }

  private String onboardingOf(String distributorId) {
    return runtime.createProcessInstanceQuery().processDefinitionKey(DistributorOnboarding.KEY).processInstanceBusinessKey(distributorId)
        .singleResult().getId();
  }

  private Task taskOf(String processInstanceId, String activityId) {
    Task task = tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(activityId).singleResult();
    assertThat(task).as(activityId).isNotNull();
    return task;
  }

  private HttpResponse<String> submit(Task task, String login, String variablesJson) {
    return http.post("/engine-rest/task/" + task.getId() + "/submit-form", login, variables(variablesJson));
  }

  private HttpResponse<String> complete(Task task, String login, String variablesJson) {
    return http.post("/engine-rest/task/" + task.getId() + "/complete", login, variables(variablesJson));
  }

  private void assertStillOpen(Task task) {
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).as("the task stays open").isEqualTo(1);
  }

  private static String variables(String json) {
    return "{\"variables\":" + json + "}";
  }

  private static void assertProblem(HttpResponse<String> response, String fieldError) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    assertThat(response.body()).contains(fieldError);
    assertThat(response.body()).doesNotContain("\tat ", "com.journeycoach", "org.camunda", "java.", "SQL");
  }
}
