package com.journeycoach.journey;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeycoach.Chromium;
import com.journeycoach.JourneyCoachTest;
import com.journeycoach.TestUsers;
import com.journeycoach.people.Audience;
import com.journeycoach.content.Catalog;
import com.journeycoach.content.SampleCatalog;
import com.journeycoach.content.Share;
import com.journeycoach.content.Shares;
import com.journeycoach.messaging.SuggestedMessages;
import com.journeycoach.people.Distributors;
import com.journeycoach.people.Prospect;
import com.journeycoach.people.Prospects;
import java.io.File;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A distributor works the follow-up task the way they would: in Camunda Tasklist, in a real
 * (headless) browser, through the Camunda Form that form-js renders from forms/follow-up.form.
 * The fields are found by the labels the form shows, so a renamed label or key breaks this test.
 */
@Tag("browser")
@JourneyCoachTest
class TasklistBrowserTest {

  @RegisterExtension
  static final Chromium chromium = new Chromium();

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  Distributors distributors;
  @Autowired
  Prospects prospects;
  @Autowired
  Shares shares;
  @Autowired
  Touchpoints touchpoints;
  @Autowired
  FollowUpAnswers followUpAnswers;
  @Autowired
  Catalog catalog;
  @Autowired
  SampleCatalog sampleCatalog;
  @Autowired
  SuggestedMessages suggestedMessages;
  @Autowired
  org.springframework.jdbc.core.simple.JdbcClient jdbc;

  String distributorId;

  @BeforeEach
  void setUp() throws IOException {
    BpmnAwareTests.init(engine);
    // the context is shared: the catalog may or may not be loaded by a test that ran before
    sampleCatalog.loadIfEmpty();
    // a distributor of this test alone, so "My tasks" holds only the tasks made here
    distributorId = "browser-dist-" + UUID.randomUUID().toString().substring(0, 8);
    TestUsers.ensureDistributor(distributors, distributorId, null);
  }

  /** Adds a prospect, shares the first asset and lets the prospect view it: the journey then waits for the follow-up. */
  private ProcessInstance journeyWaitingForFollowUp() {
    Prospect prospect = prospects.add(new Prospects.NewProspect(distributorId, "Pat", "Prospect", null, null,
        Audience.PRODUCT_CUSTOMER));
    ProcessInstance journey = engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(prospect.id()).singleResult();
    Share share = shares.get((String) engine.getRuntimeService().getVariable(journey.getId(), "shareId"));
    engine.getTaskService().complete(openTask(journey).getId(), Map.of("shareChannel", "SMS"));
    touchpoints.viewThroughLink(share.token()).orElseThrow();
    BpmnAwareTests.assertThat(journey).isWaitingAt("Task_AskFollowUp");
    return journey;
  }

  private Task openTask(ProcessInstance journey) {
    return engine.getTaskService().createTaskQuery().processInstanceId(journey.getId()).singleResult();
  }

  @Test
  void distributorAnswersFollowUpInTasklistAndTheJourneyMovesOn() {
    ProcessInstance journey = journeyWaitingForFollowUp();
    String followUpTaskId = openTask(journey).getId();
    WebDriver browser = chromium.driver();
    WebDriverWait wait = chromium.waiting();

    browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/");
    logIn(browser, wait);

    // the "My tasks" filter lists the follow-up task; open it from the list
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[contains(@class,'task-filter')]//a[contains(.,'My tasks')]")))
        .click();
    WebElement listed = wait.until(ExpectedConditions.elementToBeClickable(
        By.cssSelector("ol.tasks-list a[href$='task=" + followUpTaskId + "']")));
    assertThat(listed.getText()).isEqualTo("Follow up with Pat P. on “" + catalog.get("verdant-story").title() + "”");
    listed.click();

    // form-js rendered the Camunda Form with the journey's variables
    WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("form.fjs-form")));
    wait.until(ExpectedConditions.textToBePresentInElement(form, "Follow up with Pat Prospect"));

    // form-js takes typed text into its state after a short debounce, or at once when the field loses
    // focus: type the text fields first and leave each with TAB, then click the others
    WebElement notes = input(browser, "What did they say? (optional)");
    notes.sendKeys("Wants the starter kit", Keys.TAB);
    wait.until(ExpectedConditions.textToBePresentInElementValue(notes, "Wants the starter kit"));
    input(browser, "Your estimate of the chance to close (percent)").sendKeys("80", Keys.TAB);
    chooseFromSelect(browser, wait, "Is the prospect more or less interested than before?", "Much more (+2)");
    field(browser, "How likely are they to buy or enroll?")
        .findElement(By.xpath(".//label[normalize-space(.)='Very']")).click();

    click(browser, wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[normalize-space(.)='Complete']"))));

    // a high purchase intent makes the prospect ready: the meeting task replaces the follow-up in the list
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//ol[contains(@class,'tasks-list')]//a[normalize-space(.)='Meet Pat P. and record the outcome']")));
    assertThat(browser.findElements(By.cssSelector("ol.tasks-list a[href$='task=" + followUpTaskId + "']"))).isEmpty();

    BpmnAwareTests.assertThat(journey).hasPassedInOrder("Task_AskFollowUp", "Gateway_ReadyToPresent")
        .isWaitingAt("Task_RecordMeetingOutcome");
    assertThat(followUpAnswers.ofProspect(journey.getBusinessKey()))
        .containsExactly(new FollowUpAnswer(2, FollowUpAnswer.Intent.HIGH, 80, "Wants the starter kit"));
    assertThat(touchpoints.ofProspect(journey.getBusinessKey())).extracting(Touchpoint::kind)
        .containsExactly(Touchpoint.Kind.SHARED, Touchpoint.Kind.VIEWED, Touchpoint.Kind.FOLLOW_UP_ANSWERED);
    // completed by the distributor logged in to Tasklist, not by a test calling the engine
    HistoricTaskInstance followUp = engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(followUpTaskId)
        .singleResult();
    assertThat(followUp.getDeleteReason()).isEqualTo("completed");
    assertThat(engine.getHistoryService().createUserOperationLogQuery().taskId(followUpTaskId)
        .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).list())
        .extracting(UserOperationLogEntry::getUserId).containsOnly(distributorId).isNotEmpty();
  }

  /**
   * On a phone (390×844), the distributor shares the asset through the share form, whose tracked link
   * is shown read-only: what Tasklist submits passes the server's check of the form, and the journey
   * waits for the view.
   */
  @Test
  void distributorSharesTheAssetFromAPhoneAndTheServerAcceptsWhatTasklistSends() {
    Prospect prospect = prospects.add(new Prospects.NewProspect(distributorId, "Ana", "Ruiz", null, null,
        Audience.PRODUCT_CUSTOMER));
    ProcessInstance journey = engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(prospect.id()).singleResult();
    String shareTaskId = openTask(journey).getId();
    String shareId = (String) engine.getRuntimeService().getVariable(journey.getId(), "shareId");
    WebDriver browser = chromium.driver();
    browser.manage().window().setSize(new Dimension(390, 844));
    WebDriverWait wait = chromium.waiting();

    browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + shareTaskId);
    logIn(browser, wait);

    WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("form.fjs-form")));
    wait.until(ExpectedConditions.textToBePresentInElement(form, "Ana Ruiz"));
    assertThat(input(browser, "Tracked link to send").getAttribute("value")).contains("/s/");
    chooseFromSelect(browser, wait, "How did you share it?", "Text message");
    click(browser, wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[normalize-space(.)='Complete']"))));

    wait.until(driver -> engine.getTaskService().createTaskQuery().taskId(shareTaskId).count() == 0);
    BpmnAwareTests.assertThat(journey).isWaitingAt("Task_WaitForView");
    assertThat(shares.get(shareId).channel()).isEqualTo("SMS");
    assertThat(engine.getHistoryService().createUserOperationLogQuery().taskId(shareTaskId)
        .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).list())
        .extracting(UserOperationLogEntry::getUserId).containsOnly(distributorId).isNotEmpty();
  }

  /**
   * Nothing a distributor does strands a journey: Tasklist offers them neither the "×" beside their name nor
   * *Create task*, nor Camunda's migration banner; forced to show, the "×" is refused by the server and the
   * task stays theirs. The start menu offers *Add a prospect*.
   */
  @Test
  void aDistributorCannotUnassignTheirTaskInTasklistAndIsNotOfferedCreateTask() {
    Prospect prospect = prospects.add(new Prospects.NewProspect(distributorId, "Una", "Assigned", null, null,
        Audience.PRODUCT_CUSTOMER));
    ProcessInstance journey = engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(prospect.id()).singleResult();
    String taskId = openTask(journey).getId();
    WebDriver browser = chromium.driver();
    WebDriverWait wait = chromium.waiting();

    browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + taskId);
    logIn(browser, wait);

    WebElement assignee = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("li.assignee")));
    wait.until(ExpectedConditions.textToBePresentInElement(assignee, distributorId));
    wait.until(driver -> (Boolean) ((JavascriptExecutor) driver).executeScript(
        "return document.body.classList.contains('jc-roles-known');"));
    WebElement unassign = assignee.findElement(By.cssSelector(".unclaim"));
    assertThat(unassign.isDisplayed()).as("the \"×\" beside their name").isFalse();
    assertThat(browser.findElements(By.cssSelector(".create-task-action"))).as("Create task")
        .allSatisfy(action -> assertThat(action.isDisplayed()).isFalse());
    assertThat(browser.findElements(By.cssSelector(".ce-eol-banner"))).as("Camunda's migration banner")
        .allSatisfy(banner -> assertThat(banner.isDisplayed()).isFalse());

    // forced into view, Tasklist's own "×" is refused by the server and the task stays theirs
    ((JavascriptExecutor) browser).executeScript("document.body.classList.add('jc-may-reassign');");
    click(browser, wait.until(ExpectedConditions.elementToBeClickable(assignee.findElement(By.cssSelector(".unclaim")))));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "An error happened while unclaiming the task."));
    assertThat(openTask(journey).getAssignee()).isEqualTo(distributorId);
    assertThat(engine.getHistoryService().createUserOperationLogQuery().taskId(taskId)
        .operationType(UserOperationLogEntry.OPERATION_TYPE_ASSIGN).count()).isZero();

    // the start menu names the journey by what the distributor does
    click(browser, wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".start-process-action a"))));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//*[contains(@class,'modal')]//a[normalize-space(.)='Add a prospect']")));
  }

  /**
   * A distributor with twelve open journeys (and their own onboarding) works their worklist, at desktop and at phone size: the tasks say
   * what to do and for whom, come in the order they fall due, and a share goes out through the form's sms: link
   * (its text, number, message and tracked token read from the page). At no step does the page scroll sideways.
   */
  @ParameterizedTest(name = "{0}×{1}")
  @CsvSource({"1280, 900", "390, 844"})
  void distributorWorksTheWorklistInDueOrderAndSharesThroughTheOfferedSmsLink(int width, int height) throws IOException {
    List<String> firstNames = List.of("Ana", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jo", "Kai", "Lu");
    Instant now = Instant.now();
    List<ProcessInstance> journeys = new ArrayList<>();
    try {
      for (int i = 0; i < firstNames.size(); i++) {
        // added an hour apart, so their shares fall due an hour apart: the oldest first
        ClockUtil.setCurrentTime(Date.from(now.minus(Duration.ofHours(firstNames.size() - i))));
        Prospect prospect = prospects.add(new Prospects.NewProspect(distributorId, firstNames.get(i), "Ruiz", null,
            "+34 612 345 6" + (10 + i), Audience.PRODUCT_CUSTOMER));
        journeys.add(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(prospect.id()).singleResult());
      }
      // two prospects viewed what they were sent: their follow-ups are due within a day, before the other shares
      for (ProcessInstance journey : journeys.subList(8, 10)) {
        Share share = shares.get((String) engine.getRuntimeService().getVariable(journey.getId(), "shareId"));
        engine.getTaskService().complete(openTask(journey).getId(), Map.of("shareChannel", "SMS"));
        touchpoints.viewThroughLink(share.token()).orElseThrow();
      }
    } finally {
      ClockUtil.reset();
    }
    List<Task> expected = engine.getTaskService().createTaskQuery().taskAssignee(distributorId).orderByDueDate().asc()
        .orderByTaskPriority().desc().list();
    // the twelve journeys' tasks, and the distributor's own onboarding training (due within a week: last)
    assertThat(expected).hasSize(13).extracting(Task::getName).allMatch(name -> name.matches(
        "Share “[^”]+” with [A-Z][a-z]+ R\\.|Follow up with [A-Z][a-z]+ R\\. on “[^”]+”|Complete brand and product training"));
    assertThat(expected.get(12).getName()).isEqualTo("Complete brand and product training");
    assertThat(expected.subList(0, 2)).extracting(Task::getTaskDefinitionKey).containsOnly(ProspectDevelopment.TASK_ASK_FOLLOW_UP);
    assertThat(expected.get(2).getName()).isEqualTo("Share “" + catalog.get("verdant-story").title() + "” with Ana R.");

    WebDriver browser = chromium.driver();
    browser.manage().window().setSize(new Dimension(width, height));
    WebDriverWait wait = chromium.waiting();
    String size = width + "x" + height;

    browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model=username]")));
    keep(browser, size, "1-login");
    assertNoSidewaysScrolling(browser, "the login page");
    logIn(browser, wait);

    // "My tasks" lists the tasks by name, in the order they fall due
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[contains(@class,'task-filter')]//a[contains(.,'My tasks')]")))
        .click();
    wait.until(driver -> driver.findElements(By.cssSelector("ol.tasks-list li a.clickable, ol.tasks-list h4 a")).size() >= 13);
    List<String> listed = browser.findElements(By.cssSelector("ol.tasks-list li h4 a")).stream().map(WebElement::getText).toList();
    assertThat(listed).containsExactlyElementsOf(expected.stream().map(Task::getName).toList());
    keep(browser, size, "2-worklist");
    assertNoSidewaysScrolling(browser, "the task list");

    // the first share due: open it from the list
    Task share = expected.get(2);
    click(browser, wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("ol.tasks-list a[href$='task=" + share.getId() + "']"))));
    WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("form.fjs-form")));
    wait.until(ExpectedConditions.textToBePresentInElement(form, "Ana Ruiz"));
    Share shared = shares.get((String) engine.getTaskService().getVariable(share.getId(), "shareId"));

    // the offered sms: link, ready to send: to Ana's number, with a message that carries the tracked link
    WebElement sms = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("form.fjs-form a[href^='sms:']")));
    assertThat(sms.getText()).isEqualTo("Send by text message");
    String href = sms.getAttribute("href");
    assertThat(href).startsWith("sms:+34612345610?body=").contains(shared.token());
    String body = URLDecoder.decode(href.substring(href.indexOf("?body=") + 6), StandardCharsets.UTF_8);
    assertThat(body).startsWith("Hi Ana, ").endsWith(shares.linkOf(shared));
    assertThat(form.findElement(By.cssSelector("a[href^='mailto:']")).getText()).isEqualTo("Send by email");
    keep(browser, size, "3-share-form");
    assertNoSidewaysScrolling(browser, "the share form");

    chooseFromSelect(browser, wait, "How did you share it?", "Text message");
    click(browser, wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[normalize-space(.)='Complete']"))));
    wait.until(driver -> engine.getTaskService().createTaskQuery().taskId(share.getId()).count() == 0);
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("ol.tasks-list a[href$='task=" + share.getId() + "']")));
    keep(browser, size, "4-after-sharing");
    assertNoSidewaysScrolling(browser, "the task list after sharing");

    ProcessInstance journey = journeys.get(0);
    BpmnAwareTests.assertThat(journey).isWaitingAt("Task_WaitForView");
    assertThat(shares.get(shared.id()).channel()).isEqualTo("SMS");
    assertThat(engine.getHistoryService().createUserOperationLogQuery().taskId(share.getId())
        .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).list())
        .extracting(UserOperationLogEntry::getUserId).containsOnly(distributorId).isNotEmpty();
  }

  /**
   * A process owner's winning suggestion is rolled out: the distributor's share form (at desktop and phone size) offers
   * it first, filled in; the distributor changes it in the form, the sms: link follows the text, and on completion the
   * share records the suggestion as edited, with the text sent.
   */
  @ParameterizedTest(name = "{0}×{1}")
  @CsvSource({"1280, 900", "390, 844"})
  void theShareFormOffersTheBestSuggestionFirstAndRecordsItsEdit(int width, int height) throws IOException {
    String lost = suggestedMessages.add("verdant-story", new SuggestedMessages.Draft("SMS", "en", null,
        "Hello {prospect}, look: {link}"), "owner").id();
    String winner = suggestedMessages.add("verdant-story", new SuggestedMessages.Draft("SMS", "en", null,
        "Hi {prospect}, our company's story in 4 minutes, I'd love your view: {link}"), "owner").id();
    try {
      suggestedMessages.rollOut("verdant-story", winner, "owner");
      Prospect prospect = prospects.add(new Prospects.NewProspect(distributorId, "Ana", "Ruiz", null, "+34 612 345 699",
          Audience.PRODUCT_CUSTOMER));
      ProcessInstance journey = engine.getRuntimeService().createProcessInstanceQuery()
          .processInstanceBusinessKey(prospect.id()).singleResult();
      String shareTaskId = openTask(journey).getId();
      Share share = shares.get((String) engine.getRuntimeService().getVariable(journey.getId(), "shareId"));
      WebDriver browser = chromium.driver();
      browser.manage().window().setSize(new Dimension(width, height));
      WebDriverWait wait = chromium.waiting();
      browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + shareTaskId);
      logIn(browser, wait);

      WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("form.fjs-form")));
      wait.until(ExpectedConditions.textToBePresentInElement(form, "Ana Ruiz"));
      WebElement message = input(browser, "Message to send");
      assertThat(message.getAttribute("value")).isEqualTo("Hi Ana, our company's story in 4 minutes, I'd love your view: "
          + shares.linkOf(share));
      message.sendKeys(Keys.END, " Call me after!");
      WebElement sms = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("form.fjs-form a[href^='sms:']")));
      wait.until(driver -> URLDecoder.decode(sms.getAttribute("href"), StandardCharsets.UTF_8).endsWith("Call me after!"));
      keep(browser, width + "x" + height, "suggested-message-edited");
      assertNoSidewaysScrolling(browser, "the share form");
      chooseFromSelect(browser, wait, "How did you share it?", "Text message");
      click(browser, wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[normalize-space(.)='Complete']"))));
      wait.until(driver -> engine.getTaskService().createTaskQuery().taskId(shareTaskId).count() == 0);

      assertThat(jdbc.sql("SELECT suggestion_id, message_use, sent_text FROM share_message WHERE share_id = ? AND channel = 'SMS'")
          .param(share.id()).query((rs, i) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3))).single())
          .containsExactly(winner, "EDITED", "Hi Ana, our company's story in 4 minutes, I'd love your view: " + shares.linkOf(share)
              + " Call me after!");
      assertThat(suggestedMessages.get("verdant-story", lost).status().name()).isEqualTo("RETIRED");
    } finally {
      suggestedMessages.retire("verdant-story", winner, "test");
    }
  }

  /** Keeps a screenshot of a step of the walk in target/browser-screenshots/. */
  private static void keep(WebDriver browser, String size, String step) throws IOException {
    Path folder = Path.of("target", "browser-screenshots");
    Files.createDirectories(folder);
    File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(png.toPath(), folder.resolve("worklist-" + size + "-" + step + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  private static void assertNoSidewaysScrolling(WebDriver browser, String page) {
    JavascriptExecutor js = (JavascriptExecutor) browser;
    long scrollWidth = ((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue();
    long innerWidth = ((Number) js.executeScript("return window.innerWidth")).longValue();
    assertThat(scrollWidth).as(page + " is " + scrollWidth + " px wide in a window " + innerWidth + " px wide")
        .isLessThanOrEqualTo(innerWidth);
  }

  /** Tasklist's fixed footer covers the bottom of the page: bring the element to the middle before clicking it. */
  private static void click(WebDriver browser, WebElement element) {
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    element.click();
  }

  private void logIn(WebDriver browser, WebDriverWait wait) {
    // Camunda's login form has neither ids nor names, only Angular models
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model=username]"))).sendKeys(distributorId);
    browser.findElement(By.cssSelector("input[ng-model=password]")).sendKeys(TestUsers.PASSWORD);
    browser.findElement(By.cssSelector("button[type=submit]")).click();
  }

  /** The form-js field whose label starts with the given text (a required field's label ends in "*"). */
  private static WebElement field(WebDriver browser, String label) {
    return browser.findElement(By.xpath("//form[contains(@class,'fjs-form')]//div[contains(@class,'fjs-form-field')]"
        + "[label[starts-with(normalize-space(.), " + literal(label) + ")]]"));
  }

  /** The input the label points at, as a user clicking on the label would reach it. */
  private static WebElement input(WebDriver browser, String label) {
    String id = field(browser, label).findElement(By.xpath("./label[@for]")).getAttribute("for");
    return browser.findElement(By.id(id));
  }

  /** form-js draws its own drop-down, not a native select: open it and click the option. */
  private static void chooseFromSelect(WebDriver browser, WebDriverWait wait, String label, String option) {
    click(browser, field(browser, label).findElement(By.cssSelector(".fjs-input-group")));
    wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//*[contains(@class,'fjs-dropdownlist-item')][normalize-space(.)=" + literal(option) + "]"))).click();
    wait.until(ExpectedConditions.textToBePresentInElement(
        field(browser, label).findElement(By.cssSelector(".fjs-select-display")), option));
  }

  private static String literal(String text) {
    if (!text.contains("'")) {
      return "'" + text + "'";
    }
    return "concat('" + text.replace("'", "', \"'\", '") + "')";
  }
}
