package com.journeycoach.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.journeycoach.Chromium;
import com.journeycoach.JourneyCoachTest;
import com.journeycoach.TestUsers;
import com.journeycoach.content.SampleCatalog;
import com.journeycoach.experiment.Experiments;
import com.journeycoach.system.Groups;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.camunda.bpm.engine.IdentityService;
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
 * A manager opens the Experiments tab of Insights in Cockpit, in a real (headless) browser, picks the seeded experiment
 * and reads its arms over all segments and in one segment: counts the test takes from the planted rows
 * ({@link ExperimentSeed}), posterior means and the probability of being best it works out on its own. Screenshots in
 * target/browser-screenshots/.
 */
@Tag("browser")
@JourneyCoachTest
class ExperimentInsightsBrowserTest {

  @RegisterExtension
  static final Chromium chromium = new Chromium();

  static final String MANAGER = "experiment-insights-browser-manager";

  @LocalServerPort
  int port;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  IdentityService identity;
  @Autowired
  Experiments experiments;
  @Autowired
  SampleCatalog sampleCatalog;

  @Test
  void aManagerReadsAnExperimentsArmsOverAllSegmentsAndInOne() throws IOException {
    TestUsers.ensure(identity, MANAGER, Groups.MANAGERS);
    sampleCatalog.loadIfEmpty();
    ExperimentSeed seed = ExperimentSeed.plant(jdbc, experiments);
    try {
      WebDriver browser = chromium.driver();
      WebDriverWait wait = chromium.waiting();
      browser.get("http://localhost:" + port + "/camunda/app/cockpit/default/");
      // Cockpit's first load fetches its many scripts: on a busy machine that alone may outlast the usual patience
      new WebDriverWait(browser, Duration.ofMinutes(2))
          .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model=username]"))).sendKeys(MANAGER);
      browser.findElement(By.cssSelector("input[ng-model=password]")).sendKeys(TestUsers.PASSWORD);
      browser.findElement(By.cssSelector("button[type=submit]")).click();
      wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("a.jc-navigation"))).click();
      wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("a.jc-tab-experiments"))).click();

      WebElement listed = wait.until(ExpectedConditions.presenceOfElementLocated(
          By.cssSelector("table.jc-experiments tr[data-experiment='" + seed.experiment.id() + "']")));
      assertThat(listed.findElement(By.cssSelector("td.jc-status")).getText()).isEqualTo("stopped");
      assertThat(listed.findElement(By.cssSelector("td.jc-arms")).getText())
          .isEqualTo(ExperimentSeed.FIRST + ", " + ExperimentSeed.SECOND);
      WebElement link = listed.findElement(By.cssSelector("td.jc-experiment-name a"));
      assertThat(link.getText()).isEqualTo(seed.name);
      scrollTo(browser, link);
      link.click();

      // over all segments first
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table.jc-experiments tr.info[data-experiment='"
          + seed.experiment.id() + "']")));
      WebElement table = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table.jc-arm-figures[data-segment='all']")));
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".jc-best-chart[data-segment='all'] canvas")));
      scrollTo(browser, table);
      keep(browser, "1-all-segments");
      List<String> arms = List.of(ExperimentSeed.FIRST, ExperimentSeed.SECOND);
      BetaDistribution[] pooled = new BetaDistribution[2];
      for (int a = 0; a < 2; a++) {
        long[] counts = seed.counts("all", arms.get(a));
        assertCounts(table, arms.get(a), counts);
        pooled[a] = BetaDistribution.of(1 + counts[2], 1 + counts[3]);
        assertThat(cell(table, arms.get(a), "jc-mean")).isEqualTo(percent(pooled[a].getMean()));
        assertThat(cell(table, arms.get(a), "jc-interval")).isEqualTo(percent(pooled[a].inverseCumulativeProbability(0.05)) + " – "
            + percent(pooled[a].inverseCumulativeProbability(0.95)));
      }
      double firstBest = ExperimentInsightsOverHttpTest.probabilityAbove(pooled[0], pooled[1]);
      assertThat(shownPercent(cell(table, ExperimentSeed.FIRST, "jc-best"))).isCloseTo(100 * firstBest, within(1.5));
      assertThat(shownPercent(cell(table, ExperimentSeed.SECOND, "jc-best"))).isCloseTo(100 * (1 - firstBest), within(1.5));

      // one segment, chosen in the page
      new Select(browser.findElement(By.id("jc-segment"))).selectByValue(ExperimentSeed.CUSTOMERS);
      WebElement segment = wait.until(ExpectedConditions.presenceOfElementLocated(
          By.cssSelector("table.jc-arm-figures[data-segment='" + ExperimentSeed.CUSTOMERS + "']")));
      wait.until(ExpectedConditions.visibilityOfElementLocated(
          By.cssSelector(".jc-best-chart[data-segment='" + ExperimentSeed.CUSTOMERS + "'] canvas")));
      for (String arm : arms) {
        assertCounts(segment, arm, seed.counts(ExperimentSeed.CUSTOMERS, arm));
      }
      scrollTo(browser, segment);
      keep(browser, "2-one-segment");
      assertThat(browser.findElements(By.cssSelector("a.jc-csv"))).extracting(a -> a.getAttribute("href"))
          .anySatisfy(href -> assertThat(href).endsWith("/insights/default/experiments/csv?experiment=" + seed.experiment.id()));
      assertThat(browser.findElements(By.cssSelector(".jc-error"))).isEmpty();

      // an experiment without suggestions: the empty state, not an error
      ExperimentSeed empty = ExperimentSeed.empty(jdbc, experiments);
      try {
        browser.get("http://localhost:" + port + "/camunda/app/cockpit/default/#/insights?view=experiments&experiment="
            + empty.experiment.id());
        WebElement none = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".jc-empty-arms")));
        assertThat(none.getText()).startsWith("This experiment has made no suggestion yet");
        assertThat(browser.findElements(By.cssSelector("table.jc-arm-figures"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector(".jc-error"))).isEmpty();
        keep(browser, "3-no-suggestions");
      } finally {
        empty.remove();
      }
    } finally {
      seed.remove();
    }
  }

  private static void assertCounts(WebElement table, String arm, long[] counts) {
    assertThat(List.of(cell(table, arm, "jc-suggested"), cell(table, arm, "jc-overridden"), cell(table, arm, "jc-successes"),
        cell(table, arm, "jc-failures"), cell(table, arm, "jc-pending"))).as(arm)
        .containsExactly(String.valueOf(counts[0]), String.valueOf(counts[1]), String.valueOf(counts[2]), String.valueOf(counts[3]),
            String.valueOf(counts[4]));
  }

  private static void scrollTo(WebDriver browser, WebElement element) {
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
  }

  private static String cell(WebElement table, String arm, String column) {
    return table.findElement(By.cssSelector("tr[data-arm='" + arm + "'] td." + column)).getText();
  }

  private static double shownPercent(String text) {
    assertThat(text).endsWith(" %");
    return Double.parseDouble(text.substring(0, text.length() - 2));
  }

  private static String percent(double value) {
    return String.format(Locale.ROOT, "%.1f %%", 100 * value);
  }

  private static void keep(WebDriver browser, String step) throws IOException {
    Path folder = Path.of("target", "browser-screenshots");
    Files.createDirectories(folder);
    File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(png.toPath(), folder.resolve("experiments-" + step + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
