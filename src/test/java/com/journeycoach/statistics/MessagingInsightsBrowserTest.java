package com.journeycoach.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeycoach.Chromium;
import com.journeycoach.JourneyCoachTest;
import com.journeycoach.TestUsers;
import com.journeycoach.content.SampleCatalog;
import com.journeycoach.messaging.SuggestedMessages;
import com.journeycoach.settings.Thresholds;
import com.journeycoach.system.Groups;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
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
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A manager opens the Messaging tab of Insights in Cockpit, in a real (headless) browser, filters the phrases by asset,
 * segment and source, and reads the seeded phrase's effect, z-score and support, which the test computes from the rows
 * it wrote ({@link MessagingSeed}); the phrase of too few distributors is not on the page; then the suggested messages'
 * rates and which one is rolled out. Screenshots in target/browser-screenshots/.
 */
@Tag("browser")
@JourneyCoachTest
class MessagingInsightsBrowserTest {

  @RegisterExtension
  static final Chromium chromium = new Chromium();

  static final String MANAGER = "messaging-insights-browser-manager";

  @LocalServerPort
  int port;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  IdentityService identity;
  @Autowired
  SampleCatalog sampleCatalog;
  @Autowired
  SuggestedMessages suggestions;
  @Autowired
  Thresholds thresholds;

  @Test
  void aManagerReadsThePhrasesAndTheSuggestedMessagesRates() throws IOException {
    sampleCatalog.loadIfEmpty();
    TestUsers.ensure(identity, MANAGER, Groups.MANAGERS);
    MessagingSeed seed = MessagingSeed.plant(jdbc, suggestions, thresholds.number("messaging.view-window-hours").intValue());
    try {
      WebDriver browser = chromium.driver();
      WebDriverWait wait = chromium.waiting();
      browser.get("http://localhost:" + port + "/camunda/app/cockpit/default/");
      new WebDriverWait(browser, Duration.ofMinutes(2))
          .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model=username]"))).sendKeys(MANAGER);
      browser.findElement(By.cssSelector("input[ng-model=password]")).sendKeys(TestUsers.PASSWORD);
      browser.findElement(By.cssSelector("button[type=submit]")).click();
      wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("a.jc-navigation"))).click();
      wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("a.jc-tab-messaging"))).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#jc-outcome")));
      assertThat(browser.findElements(By.cssSelector(".jc-error"))).isEmpty();
      keep(browser, "1-messaging");

      // the filters of the phrases, as a manager picks them
      pick(browser, "jc-asset", MessagingSeed.PHRASE_ASSET);
      wait.until(ExpectedConditions.urlContains("assetId=" + MessagingSeed.PHRASE_ASSET));
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#jc-segment")));
      pick(browser, "jc-segment", "BUSINESS_BUILDER");
      wait.until(ExpectedConditions.urlContains("segment=BUSINESS_BUILDER"));
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#jc-source")));
      pick(browser, "jc-source", "NOTES");
      wait.until(ExpectedConditions.urlContains("source=NOTES"));

      WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
          "//table[contains(@class,'jc-phrases-raising')]//tr[td[@class='jc-phrase' and text()='" + seed.tag + " voucher']]")));
      scrollTo(browser, row);
      keep(browser, "2-phrases");
      double[] expected = seed.expectedEffectAndZ();
      assertThat(row.findElement(By.cssSelector("td.jc-effect")).getText()).isEqualTo(String.format(Locale.ROOT, "%.2f", expected[0]));
      assertThat(row.findElement(By.cssSelector("td.jc-z")).getText()).isEqualTo(String.format(Locale.ROOT, "%.1f", expected[1]));
      assertThat(row.findElement(By.cssSelector("td.jc-documents")).getText()).isEqualTo(String.valueOf(seed.phraseDocuments));
      assertThat(row.findElement(By.cssSelector("td.jc-with-outcome")).getText()).isEqualTo(String.valueOf(seed.phraseWithOutcome));
      assertThat(row.findElement(By.cssSelector("td.jc-distributors")).getText()).isEqualTo(String.valueOf(MessagingSeed.DISTRIBUTORS));
      assertThat(row.findElement(By.cssSelector("td.jc-prospects")).getText()).isEqualTo(String.valueOf(seed.phraseProspects));
      int[] totals = seed.noteTotals();
      assertThat(browser.findElement(By.cssSelector(".jc-phrase-basis")).getText())
          .startsWith(totals[0] + " notes and messages, " + totals[1] + " of them followed by the outcome.");
      // three distributors wrote the thin phrase: below the support, so not on the page
      assertThat(browser.findElement(By.cssSelector(".jc-insights")).getText()).doesNotContain(seed.thin).contains(seed.tag);

      // the suggested messages of their asset
      browser.get("http://localhost:" + port + "/camunda/app/cockpit/default/#/insights?view=messaging&assetId="
          + MessagingSeed.MESSAGE_ASSET);
      WebElement table = wait.until(ExpectedConditions.presenceOfElementLocated(
          By.cssSelector("table.jc-messages[data-asset='" + MessagingSeed.MESSAGE_ASSET + "']")));
      scrollTo(browser, table);
      keep(browser, "3-suggested-messages");
      for (String id : List.of(seed.first, seed.second)) {
        int[] figures = id.equals(seed.first) ? seed.firstFigures : seed.secondFigures;
        WebElement line = table.findElement(By.cssSelector("tr[data-suggestion='" + id + "']"));
        assertThat(line.findElement(By.cssSelector("td.jc-sent")).getText()).isEqualTo(String.valueOf(figures[0]));
        assertThat(line.findElement(By.cssSelector("td.jc-viewed")).getText()).isEqualTo(String.valueOf(figures[1]));
        assertThat(line.findElement(By.cssSelector("td.jc-view-rate")).getText()).isEqualTo(percent((double) figures[1] / figures[0]));
        assertThat(line.findElement(By.cssSelector("td.jc-conversion-rate")).getText()).isEqualTo(percent((double) figures[2] / figures[0]));
        assertThat(line.findElement(By.cssSelector("td.jc-status")).getText()).isEqualTo(id.equals(seed.second) ? "rolled out" : "retired");
      }
      assertThat(browser.findElements(By.cssSelector("a.jc-csv"))).extracting(link -> link.getAttribute("href"))
          .anySatisfy(href -> assertThat(href).endsWith("/insights/default/messaging/csv?assetId=" + MessagingSeed.MESSAGE_ASSET))
          .anySatisfy(href -> assertThat(href).endsWith("/insights/default/messaging/messages/csv?assetId=" + MessagingSeed.MESSAGE_ASSET));
      assertThat(browser.findElements(By.cssSelector(".jc-error"))).isEmpty();
    } finally {
      seed.remove();
    }
  }

  private static void pick(WebDriver browser, String id, String value) {
    WebElement select = browser.findElement(By.id(id));
    new org.openqa.selenium.support.ui.Select(select).selectByValue(value);
  }

  private static void scrollTo(WebDriver browser, WebElement element) {
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
  }

  private static String percent(double value) {
    return String.format(Locale.ROOT, "%.1f %%", 100 * value);
  }

  private static void keep(WebDriver browser, String step) throws IOException {
    Path folder = Path.of("target", "browser-screenshots");
    Files.createDirectories(folder);
    File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(png.toPath(), folder.resolve("messaging-" + step + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
