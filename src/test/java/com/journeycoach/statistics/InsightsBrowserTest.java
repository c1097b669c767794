package com.journeycoach.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeycoach.Chromium;
import com.journeycoach.JourneyCoachTest;
import com.journeycoach.TestUsers;
import com.journeycoach.content.Catalog;
import com.journeycoach.content.SampleCatalog;
import com.journeycoach.people.Audience;
import com.journeycoach.people.Distributors;
import com.journeycoach.people.Prospect;
import com.journeycoach.people.Prospects;
import com.journeycoach.system.Groups;
import java.io.File;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A manager opens Insights in Cockpit, in a real (headless) browser: from the dashboard's summary and the navigation
 * entry to the page, chooses a sponsor's line and reads the funnel and the flags, whose figures the test computes
 * from the raw rows ({@link InsightsSeed}); a row drills down to the distributor's journeys in Cockpit. Screenshots
 * of each step in target/browser-screenshots/. On the page's content tab the manager reads an asset's conversion,
 * computed from the raw rows, and the drift check's state for it.
 */
@Tag("browser")
@JourneyCoachTest
class InsightsBrowserTest {

  @RegisterExtension
  static final Chromium chromium = new Chromium();

  static final String MANAGER = "insights-browser-manager";

  @LocalServerPort
  int port;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  Distributors distributors;
  @Autowired
  Prospects prospects;
  @Autowired
  Catalog catalog;
  @Autowired
  SampleCatalog sampleCatalog;
  @Autowired
  IdentityService identity;
  @Autowired
  DistributorInsights insights;
  @Autowired
  ContentDriftCheck drift;
  @Autowired
  RuntimeService runtime;
  @Autowired
  HistoryService history;

  @Test
  void aManagerReadsTheFunnelAndTheFlagsOfASponsorLineAndDrillsDownToAJourney() throws IOException {
    TestUsers.ensure(identity, MANAGER, Groups.MANAGERS);
    InsightsSeed seed = InsightsSeed.plant(jdbc, distributors, catalog, sampleCatalog);
    // one journey that runs, to drill down to
    Prospect running = prospects.add(new Prospects.NewProspect(seed.id("late"), "Rita", "Running", null, null, Audience.PRODUCT_CUSTOMER));
    Prospect another = prospects.add(new Prospects.NewProspect(seed.id("steady"), "Otto", "Other", null, null, Audience.PRODUCT_CUSTOMER));
    Map<String, Long> funnel = seed.funnelOf(seed.downline());
    Map<String, String> flags = seed.expectedFlags(insights.settings().priorWeight(), insights.settings().flagProbability());
    assertThat(flags).containsEntry(seed.id("struggling"), "struggling").containsEntry(seed.id("excelling"), "excelling");

    WebDriver browser = chromium.driver();
    WebDriverWait wait = chromium.waiting();
    browser.get("http://localhost:" + port + "/camunda/app/cockpit/default/");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model=username]"))).sendKeys(MANAGER);
    browser.findElement(By.cssSelector("input[ng-model=password]")).sendKeys(TestUsers.PASSWORD);
    browser.findElement(By.cssSelector("button[type=submit]")).click();

    // the dashboard's summary, then Insights from the navigation
    WebElement summary = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".jc-summary")));
    assertThat(summary.getText()).contains("Insights", "distributors", "struggling", "excelling");
    keep(browser, "1-dashboard");
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("a.jc-navigation"))).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".jc-insights table.jc-distributors")));

    // the sponsor's line
    new Select(browser.findElement(By.id("jc-sponsor"))).selectByValue(seed.sponsor);
    wait.until(driver -> driver.findElements(By.cssSelector("table.jc-distributors tbody tr")).size() == seed.downline().size());
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".jc-conversion-chart canvas")));
    keep(browser, "2-sponsor-line");

    Map<String, Long> shown = new LinkedHashMap<>();
    for (String stage : DistributorInsights.STAGES) {
      shown.put(stage, Long.parseLong(browser.findElement(By.cssSelector("table.jc-funnel td[data-stage='" + stage + "']")).getText()));
    }
    assertThat(shown).isEqualTo(funnel);
    Map<String, String> flagged = new LinkedHashMap<>();
    for (String id : seed.downline()) {
      flagged.put(id, row(browser, id).findElement(By.cssSelector("td.jc-flag")).getText());
    }
    assertThat(flagged).isEqualTo(flags);
    assertThat(row(browser, seed.id("struggling")).findElement(By.cssSelector("td.jc-closed")).getText()).isEqualTo("0 of 60");
    // forecast calibration and the nudges followed, computed from the raw rows
    InsightsSeed.CalibrationFigures struggling = seed.calibrationOf(seed.id("struggling"));
    WebElement forecast = row(browser, seed.id("struggling")).findElement(By.cssSelector("td.jc-forecast"));
    assertThat(shown(browser, forecast)).isEqualTo(String.format(Locale.ROOT, "%.3f (%d); +%.1f points", struggling.brier(),
        struggling.journeys(), struggling.gapPoints()));
    assertThat(forecast.getAttribute("class")).contains("jc-over-estimating");
    Duration days = Duration.ofDays(Long.parseLong(threshold("insights.nudge-window-days")));
    Map<String, Duration> windows = Map.of("SHARE_NOW", Duration.parse(threshold("pace.prospect-development.share")),
        "CHECK_IN_ON_VIEW", Duration.parse(threshold("pace.prospect-development.view")),
        "FOLLOW_UP_NOW", Duration.parse(threshold("pace.prospect-development.follow-up")),
        "ADD_FIRST_PROSPECTS", days, "OVER_ESTIMATING", days);
    Map<String, long[]> nudged = seed.nudgesOf(seed.id("late"), windows, Instant.now());
    long measured = nudged.values().stream().mapToLong(c -> c[1]).sum();
    long followed = nudged.values().stream().mapToLong(c -> c[2]).sum();
    assertThat(measured).isPositive();
    assertThat(shown(browser, row(browser, seed.id("late")).findElement(By.cssSelector("td.jc-nudges-followed"))))
        .isEqualTo(followed + " of " + measured);
    // below the table: Cockpit's page clips what lies past its bottom until the manager scrolls there
    WebElement reliability = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".jc-reliability-chart canvas")));
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", reliability);
    wait.until(ExpectedConditions.visibilityOf(reliability));
    long forecastJourneys = seed.downline().stream().mapToLong(id -> seed.calibrationOf(id).journeys()).sum();
    assertThat(browser.findElement(By.cssSelector(".jc-reliability-chart")).getAttribute("data-journeys")).isEqualTo(String.valueOf(forecastJourneys));
    keep(browser, "2b-calibration");
    assertThat(browser.findElements(By.cssSelector("a.jc-csv"))).extracting(link -> link.getAttribute("href"))
        .anySatisfy(href -> assertThat(href).contains("/distributors/csv?sponsor=" + seed.sponsor))
        .anySatisfy(href -> assertThat(href).contains("/distributors/funnel/csv?sponsor=" + seed.sponsor));

    // a row drills down to the distributor's journeys in Cockpit
    WebElement journeys = row(browser, seed.id("late")).findElement(By.cssSelector("a.jc-journeys"));
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", journeys);
    journeys.click();
    wait.until(ExpectedConditions.urlContains("/process-definition/prospect-development:"));
    // Cockpit's own instance list, filtered by the journey's distributorId: this distributor's journey, not another's
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[cam-widget-search]"), "distributorId"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), running.id()));
    assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain(another.id());
    keep(browser, "3-journeys");

    // a line without distributors shows its empty state, not an error
    browser.get("http://localhost:" + port + "/camunda/app/cockpit/default/#/insights?sponsor="
        + URLEncoder.encode(seed.id("struggling"), StandardCharsets.UTF_8));
    WebElement empty = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".jc-insights .jc-empty")));
    assertThat(empty.getText()).isEqualTo("No distributors in this line yet.");
    keep(browser, "4-empty-line");
  }

  @Test
  void aManagerReadsAnAssetsConversionAndItsDriftStateAndOpensItsReview() throws IOException {
    TestUsers.ensure(identity, MANAGER, Groups.MANAGERS);
    InsightsSeed seed = InsightsSeed.plant(jdbc, distributors, catalog, sampleCatalog);
    LocalDate today = LocalDate.parse("2045-06-01");
    seed.drift(distributors, today);
    seed.intentDrift(distributors, today);
    WebDriver browser = chromium.driver();
    WebDriverWait wait = chromium.waiting();
    try {
      browser.get("http://localhost:" + port + "/camunda/app/cockpit/default/");
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model=username]"))).sendKeys(MANAGER);
      browser.findElement(By.cssSelector("input[ng-model=password]")).sendKeys(TestUsers.PASSWORD);
      browser.findElement(By.cssSelector("button[type=submit]")).click();
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".jc-summary")));
      // the drift check's "now" is the engine's clock: years ahead, where only the seeded views are
      ClockUtil.setCurrentTime(Date.from(today.atTime(12, 0).toInstant(ZoneOffset.UTC)));
      ContentDriftCheck.Alert alert = drift.assess().stream().filter(a -> a.assetId().equals(seed.assetId)).findFirst().orElseThrow();
      runtime.startProcessInstanceByKey(ContentDriftCheck.REVIEW_PROCESS, seed.assetId, alert.variables());
      InsightsSeed.ContentFigures figures = seed.contentFigures(seed.assetId, "PRODUCT_CUSTOMER");

      wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("a.jc-navigation"))).click();
      wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("a.jc-tab-content"))).click();
      By assetRow = By.cssSelector("table.jc-content tr[data-asset='" + seed.assetId + "'][data-audience='PRODUCT_CUSTOMER']");
      WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(assetRow));
      // the charts lie below the table, where Cockpit's page clips them until the manager scrolls there
      WebElement driftChart = wait.until(ExpectedConditions.presenceOfElementLocated(
          By.cssSelector(".jc-drift-chart[data-asset='" + seed.assetId + "'] canvas")));
      ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", driftChart);
      wait.until(ExpectedConditions.visibilityOf(driftChart));
      ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", row);
      keep(browser, "5-content");

      double mean = (1.0 + figures.converted()) / (2.0 + figures.closed());
      assertThat(shown(browser, row.findElement(By.cssSelector("td.jc-asset-conversion"))))
          .isEqualTo(percent(mean) + " (" + percent(figures.lower()) + " – " + percent(figures.upper()) + ")");
      assertThat(row.findElement(By.cssSelector("td.jc-closed")).getText()).isEqualTo(figures.converted() + " of " + figures.closed());
      assertThat(row.findElement(By.cssSelector("td.jc-shares")).getText()).isEqualTo(String.valueOf(figures.shares()));
      assertThat(shown(browser, row.findElement(By.cssSelector("td.jc-drift")))).isEqualTo("drifted");
      // what the prospects answered after the view, and the drift of their stated intent
      InsightsSeed.AnswerFigures answers = seed.answersOf(seed.assetId, "PRODUCT_CUSTOMER");
      assertThat(shown(browser, row.findElement(By.cssSelector("td.jc-answers")))).isEqualTo(String.valueOf(answers.answers()));
      assertThat(shown(browser, row.findElement(By.cssSelector("td.jc-intent")))).isEqualTo(
          percent((double) (answers.intents()[2] + answers.intents()[3]) / answers.answers()) + " (" + percent(answers.lower()) + " – "
              + percent(answers.upper()) + ")");
      assertThat(shown(browser, row.findElement(By.cssSelector("td.jc-interest"))))
          .isEqualTo(String.format(Locale.ROOT, "%+.2f", answers.meanInterest()));
      assertThat(shown(browser, row.findElement(By.cssSelector("td.jc-intent-drift")))).isEqualTo("drifted");
      WebElement intentChart = wait.until(ExpectedConditions.presenceOfElementLocated(
          By.cssSelector(".jc-intent-chart[data-asset='" + seed.assetId + "'] canvas")));
      ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", intentChart);
      wait.until(ExpectedConditions.visibilityOf(intentChart));
      keep(browser, "5b-intent-drift");
      assertThat(row.findElement(By.cssSelector("td.jc-drift")).getAttribute("title")).contains(alert.changeSince().toString());
      assertThat(row.findElement(By.cssSelector("a.jc-review")).getAttribute("href")).contains("/camunda/app/tasklist/default/#/?task=");
      assertThat(browser.findElements(By.cssSelector("a.jc-csv"))).extracting(link -> link.getAttribute("href"))
          .anySatisfy(href -> assertThat(href).endsWith("/insights/default/content/csv"));
    } finally {
      ClockUtil.reset();
      runtime.createProcessInstanceQuery().processDefinitionKey(ContentDriftCheck.REVIEW_PROCESS).processInstanceBusinessKey(seed.assetId)
          .list().forEach(review -> runtime.deleteProcessInstance(review.getId(), "test cleans up"));
      history.createHistoricProcessInstanceQuery().processDefinitionKey(ContentDriftCheck.REVIEW_PROCESS)
          .processInstanceBusinessKey(seed.assetId).list().forEach(review -> history.deleteHistoricProcessInstance(review.getId()));
      seed.removeDrift();
    }
  }

  /** A cell's text, scrolled into view first: wide tables scroll sideways, and Cockpit clips what lies outside. */
  private static String shown(WebDriver browser, WebElement cell) {
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center', inline: 'center'});", cell);
    return cell.getText();
  }

  private String threshold(String name) {
    return jdbc.sql("SELECT threshold_value FROM threshold WHERE name = ?").param(name).query(String.class).single();
  }

  private static String percent(double value) {
    return String.format(Locale.ROOT, "%.1f %%", 100 * value);
  }

  private static WebElement row(WebDriver browser, String distributorId) {
    return browser.findElement(By.cssSelector("table.jc-distributors tr[data-distributor='" + distributorId + "']"));
  }

  private static void keep(WebDriver browser, String step) throws IOException {
    Path folder = Path.of("target", "browser-screenshots");
    Files.createDirectories(folder);
    File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(png.toPath(), folder.resolve("insights-" + step + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
