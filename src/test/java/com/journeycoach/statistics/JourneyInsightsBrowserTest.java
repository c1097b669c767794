package com.journeycoach.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeycoach.Chromium;
import com.journeycoach.JourneyCoachTest;
import com.journeycoach.TestUsers;
import com.journeycoach.settings.Pace;
import com.journeycoach.settings.Thresholds;
import com.journeycoach.system.Groups;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
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
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A manager opens the Journeys tab of Insights in Cockpit, in a real (headless) browser, and reads the steps of the
 * latest version, a pace's change in its history and the onboarding cohorts, whose figures the test counts from the
 * raw rows ({@link JourneySeed}); a span without distributors shows its empty state. Screenshots in
 * target/browser-screenshots/.
 */
@Tag("browser")
@JourneyCoachTest
class JourneyInsightsBrowserTest {

  @RegisterExtension
  static final Chromium chromium = new Chromium();

  static final String MANAGER = "journey-insights-browser-manager";

  @LocalServerPort
  int port;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  IdentityService identity;
  @Autowired
  RepositoryService repository;
  @Autowired
  Thresholds thresholds;

  @Test
  void aManagerReadsTheStepsThePaceChangesAndTheCohorts() throws IOException {
    TestUsers.ensure(identity, MANAGER, Groups.MANAGERS);
    String definitionId = repository.createProcessDefinitionQuery().processDefinitionKey("prospect-development").latestVersion()
        .singleResult().getId();
    JourneySeed seed = JourneySeed.plant(jdbc, definitionId, LocalDate.now(ZoneOffset.UTC));
    String followUp = Pace.name("prospect-development", "follow-up");
    String before = thresholds.get(followUp).value();
    try {
      thresholds.change(followUp, "PT36H", "measured in the browser test", "journey-insights-browser");
      Map<String, String> paces = new LinkedHashMap<>();
      for (String step : List.of("share", "view", "follow-up")) {
        paces.put(step, thresholds.get(Pace.name("prospect-development", step)).value());
      }
      JourneySeed.VersionFigures expected = seed.versionFigures(paces);

      WebDriver browser = chromium.driver();
      WebDriverWait wait = chromium.waiting();
      browser.get("http://localhost:" + port + "/camunda/app/cockpit/default/");
      // Cockpit's first load fetches its many scripts: on a busy machine that alone may outlast the usual patience
      new WebDriverWait(browser, Duration.ofMinutes(2))
          .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model=username]"))).sendKeys(MANAGER);
      browser.findElement(By.cssSelector("input[ng-model=password]")).sendKeys(TestUsers.PASSWORD);
      browser.findElement(By.cssSelector("button[type=submit]")).click();
      wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("a.jc-navigation"))).click();
      wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("a.jc-tab-journeys"))).click();

      // the tables sit below the charts, out of Cockpit's scrolled view until scrolled to
      WebElement steps = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table.jc-steps")));
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".jc-time-chart canvas")));
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".jc-pace-chart canvas")));
      keep(browser, "1-journey-charts");
      scrollTo(browser, steps);
      keep(browser, "2-journey-steps");

      assertThat(cell(steps, "started", "jc-reached")).isEqualTo(String.valueOf(expected.started()));
      assertThat(cell(steps, "won", "jc-reached")).isEqualTo(String.valueOf(expected.won()));
      long previous = expected.started();
      for (String step : List.of("share", "view", "follow-up", "meeting")) {
        JourneySeed.StepFigures figures = expected.steps().get(step);
        assertThat(cell(steps, step, "jc-reached")).as(step).isEqualTo(String.valueOf(figures.journeys()));
        assertThat(cell(steps, step, "jc-step-conversion")).as(step).isEqualTo(percent((double) figures.journeys() / previous));
        assertThat(cell(steps, step, "jc-finished")).as(step).isEqualTo(String.valueOf(figures.finished()));
        previous = figures.journeys();
      }
      JourneySeed.StepFigures share = expected.steps().get("share");
      assertThat(cell(steps, "share", "jc-within")).isEqualTo(percent((double) share.withinPace() / share.finished()));
      for (int b = 0; b < 5; b++) {
        assertThat(steps.findElement(By.cssSelector("tr[data-step='follow-up'] td[data-bucket='" + b + "']")).getText())
            .as("follow-up bucket " + b).isEqualTo(String.valueOf(expected.steps().get("follow-up").buckets()[b]));
      }
      assertThat(cell(steps, "follow-up", "jc-pace")).isEqualTo("PT36H");

      // the pace's change, newest at the end of its rows
      List<WebElement> changes = browser.findElements(By.cssSelector("table.jc-paces tr[data-pace='follow-up']"));
      WebElement last = changes.get(changes.size() - 1);
      // other tests in this JVM change paces too: the newest row may sit below the fold
      scrollTo(browser, last);
      assertThat(last.findElement(By.cssSelector("td.jc-old")).getText()).isEqualTo(before);
      assertThat(last.findElement(By.cssSelector("td.jc-new")).getText()).isEqualTo("PT36H");
      assertThat(last.findElement(By.cssSelector("td.jc-reason")).getText()).isEqualTo("measured in the browser test");

      // the cohorts of the seeded weeks, within the last 26 weeks the page shows by default
      WebElement cohorts = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table.jc-cohorts")));
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".jc-cohort-chart canvas")));
      int minimum = thresholds.number("onboarding.first-prospects-minimum").intValue();
      Instant now = Instant.now();
      for (LocalDate week : List.of(seed.oldWeek, seed.recentWeek)) {
        long[] figures = seed.cohortFigures(week, minimum, now);
        WebElement row = cohorts.findElement(By.cssSelector("tr[data-week='" + week + "']"));
        scrollTo(browser, row);
        assertThat(row.findElement(By.cssSelector("td.jc-cohort-size")).getText()).isEqualTo(String.valueOf(figures[0]));
        assertThat(row.findElement(By.cssSelector("td.jc-day-7")).getText()).isEqualTo(milestone(figures[1], figures[2]));
        assertThat(row.findElement(By.cssSelector("td.jc-day-30")).getText()).isEqualTo(milestone(figures[3], figures[4]));
        assertThat(row.findElement(By.cssSelector("td.jc-day-90")).getText()).isEqualTo(milestone(figures[5], figures[6]));
      }
      scrollTo(browser, cohorts);
      keep(browser, "3-cohorts");
      assertThat(browser.findElements(By.cssSelector("a.jc-csv"))).extracting(link -> link.getAttribute("href"))
          .anySatisfy(href -> assertThat(href).endsWith("/insights/default/journeys/cohorts/csv"))
          .anySatisfy(href -> assertThat(href).endsWith("/insights/default/journeys/csv"))
          .anySatisfy(href -> assertThat(href).endsWith("/insights/default/journeys/paces/csv"));

      // weeks without distributors: the empty state, not an error
      browser.get("http://localhost:" + port + "/camunda/app/cockpit/default/#/insights?view=journeys&from=2001-01-01&to=2001-02-01");
      WebElement empty = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".jc-empty-cohorts")));
      scrollTo(browser, empty);
      assertThat(empty.getText()).isEqualTo("No distributor started in these weeks.");
      assertThat(browser.findElements(By.cssSelector(".jc-error"))).isEmpty();
      keep(browser, "4-no-cohorts");
    } finally {
      thresholds.change(followUp, before, "browser test restores", "journey-insights-browser");
      seed.remove();
    }
  }

  private static void scrollTo(WebDriver browser, WebElement element) {
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
  }

  private static String cell(WebElement table, String step, String column) {
    return table.findElement(By.cssSelector("tr[data-step='" + step + "'] td." + column)).getText();
  }

  private static String milestone(long eligible, long reached) {
    return eligible == 0 ? "–" : reached + " of " + eligible + " (" + percent((double) reached / eligible) + ")";
  }

  private static String percent(double value) {
    return String.format(Locale.ROOT, "%.1f %%", 100 * value);
  }

  private static void keep(WebDriver browser, String step) throws IOException {
    Path folder = Path.of("target", "browser-screenshots");
    Files.createDirectories(folder);
    File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(png.toPath(), folder.resolve("journeys-" + step + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
