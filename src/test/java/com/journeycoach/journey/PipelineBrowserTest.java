package com.journeycoach.journey;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeycoach.Chromium;
import com.journeycoach.JourneyCoachTest;
import com.journeycoach.TestUsers;
import com.journeycoach.content.SampleCatalog;
import com.journeycoach.people.Audience;
import com.journeycoach.people.Distributors;
import com.journeycoach.people.Prospect;
import com.journeycoach.people.Prospects;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A distributor logs in to Tasklist, follows the header's link to their pipeline and finds every open prospect,
 * the one waiting for the view too, at desktop and at phone size without sideways scrolling; a prospect's task
 * opens in Tasklist from there. Screenshots in target/browser-screenshots/pipeline-*.png.
 */
@Tag("browser")
@JourneyCoachTest
class PipelineBrowserTest {

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
  SampleCatalog sampleCatalog;

  String distributorId;

  @BeforeEach
  void setUp() {
    sampleCatalog.loadIfEmpty();
    distributorId = "pipe-browser-" + UUID.randomUUID().toString().substring(0, 8);
    TestUsers.ensureDistributor(distributors, distributorId, null);
    TestUsers.ensureDistributor(distributors, "pipe-someone-else", null);
  }

  @ParameterizedTest(name = "{0}×{1}")
  @CsvSource({"1280, 900", "390, 844"})
  void aDistributorFollowsTasklistsLinkToTheirPipelineAndSeesEveryOpenProspect(int width, int height) throws IOException {
    Prospect ana = add("Ana", "Ruiz");
    // a long name must wrap, not widen the page
    Prospect waiting = add("Maximiliana-Josefina", "Ybarra-Villanueva de los Santos");
    Task shareOfWaiting = openTask(waiting);
    engine.getTaskService().complete(shareOfWaiting.getId(), Map.of("shareChannel", "SMS"));
    Prospect theirs = prospects.add(new Prospects.NewProspect("pipe-someone-else", "Tia", "Other", null, null,
        Audience.PRODUCT_CUSTOMER));
    WebDriver browser = chromium.driver();
    browser.manage().window().setSize(new Dimension(width, height));
    WebDriverWait wait = chromium.waiting();
    String size = width + "x" + height;

    browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/");
    logIn(browser, wait);

    // the header's link (behind Tasklist's menu button on a phone)
    WebElement link = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("li.jc-pipeline-action a")));
    if (!link.isDisplayed()) {
      click(browser, wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".navbar-toggle"))));
    }
    assertThat(link.getText()).isEqualTo("My pipeline");
    click(browser, wait.until(ExpectedConditions.elementToBeClickable(link)));

    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("ol.pipeline")));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Your pipeline");
    List<WebElement> rows = browser.findElements(By.cssSelector("ol.pipeline li.prospect"));
    assertThat(rows).extracting(row -> row.findElement(By.cssSelector(".name")).getText())
        .containsExactlyInAnyOrder("Ana Ruiz", "Maximiliana-Josefina Ybarra-Villanueva de los Santos");
    assertThat(browser.getPageSource()).doesNotContain("Tia Other", theirs.id());
    WebElement waitingRow = rows.stream().filter(row -> row.getText().contains("Maximiliana")).findFirst().orElseThrow();
    assertThat(waitingRow.getText()).contains("Waiting for the view", "Reminder");
    assertThat(waitingRow.findElements(By.cssSelector("a.task"))).isEmpty();
    keep(browser, size, "1-pipeline");
    assertNoSidewaysScrolling(browser, "the pipeline");

    // the prospect with a task: one tap opens it in Tasklist
    Task share = openTask(ana);
    WebElement anaRow = rows.stream().filter(row -> row.getText().contains("Ana Ruiz")).findFirst().orElseThrow();
    WebElement toTask = anaRow.findElement(By.cssSelector("a.task"));
    assertThat(toTask.getText()).isEqualTo(share.getName());
    click(browser, toTask);
    WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("form.fjs-form")));
    wait.until(ExpectedConditions.textToBePresentInElement(form, "Ana Ruiz"));
    assertThat(browser.getCurrentUrl()).contains("task=" + share.getId());
    keep(browser, size, "2-task-from-pipeline");
    assertNoSidewaysScrolling(browser, "the task opened from the pipeline");
  }

  private Prospect add(String firstName, String lastName) {
    return prospects.add(new Prospects.NewProspect(distributorId, firstName, lastName, null, null, Audience.PRODUCT_CUSTOMER));
  }

  private Task openTask(Prospect prospect) {
    return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(prospect.id()).singleResult();
  }

  private void logIn(WebDriver browser, WebDriverWait wait) {
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model=username]"))).sendKeys(distributorId);
    browser.findElement(By.cssSelector("input[ng-model=password]")).sendKeys(TestUsers.PASSWORD);
    browser.findElement(By.cssSelector("button[type=submit]")).click();
  }

  private static void click(WebDriver browser, WebElement element) {
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    element.click();
  }

  private static void keep(WebDriver browser, String size, String step) throws IOException {
    Path folder = Path.of("target", "browser-screenshots");
    Files.createDirectories(folder);
    File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(png.toPath(), folder.resolve("pipeline-" + size + "-" + step + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  private static void assertNoSidewaysScrolling(WebDriver browser, String page) {
    JavascriptExecutor js = (JavascriptExecutor) browser;
    long scrollWidth = ((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue();
    long innerWidth = ((Number) js.executeScript("return window.innerWidth")).longValue();
    assertThat(scrollWidth).as(page + " is " + scrollWidth + " px wide in a window " + innerWidth + " px wide")
        .isLessThanOrEqualTo(innerWidth);
  }
}
