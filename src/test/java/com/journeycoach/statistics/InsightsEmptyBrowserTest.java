package com.journeycoach.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeycoach.Chromium;
import com.journeycoach.TestUsers;
import com.journeycoach.system.Groups;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Insights on an empty database (no distributors, no assets: the sample catalog is not loaded), in headless Chromium:
 * the dashboard's summary, the distributors' page and the content tab each show their empty state, not an error. An
 * application of its own on a fresh H2 database, so in a JVM of its own (tag {@code insights-empty}, suite
 * {@code InsightsEmptyJvm}): Cockpit's login finds its engine through a process-wide registry.
 */
@Tag("browser")
@Tag("insights-empty")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:insights-empty;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE",
    "journey.catalog.load-sample-when-empty=false"})
@ActiveProfiles("test")
class InsightsEmptyBrowserTest {

  @RegisterExtension
  static final Chromium chromium = new Chromium();

  static final String MANAGER = "insights-empty-manager";

  @LocalServerPort
  int port;
  @Autowired
  IdentityService identity;
  @Autowired
  JdbcClient jdbc;

  @Test
  void anEmptyDatabaseShowsEmptyStatesNotErrors() throws IOException {
    assertThat(jdbc.sql("SELECT COUNT(*) FROM distributor").query(Long.class).single()).isZero();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM asset").query(Long.class).single()).isZero();
    TestUsers.ensure(identity, MANAGER, Groups.MANAGERS);

    WebDriver browser = chromium.driver();
    WebDriverWait wait = chromium.waiting();
    browser.get("http://localhost:" + port + "/camunda/app/cockpit/default/");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model=username]"))).sendKeys(MANAGER);
    browser.findElement(By.cssSelector("input[ng-model=password]")).sendKeys(TestUsers.PASSWORD);
    browser.findElement(By.cssSelector("button[type=submit]")).click();

    WebElement summary = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".jc-summary")));
    assertThat(summary.getText()).contains("0 distributors, 0 struggling, 0 excelling; no closed journeys yet.");

    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("a.jc-navigation"))).click();
    WebElement empty = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".jc-insights .jc-empty")));
    assertThat(empty.getText()).isEqualTo("No distributors yet: once distributors add prospects, their figures appear here.");
    assertThat(browser.findElement(By.cssSelector(".jc-insights .jc-team")).getText()).isEqualTo("No journey of the team has closed yet.");
    assertThat(browser.findElements(By.cssSelector(".jc-insights .jc-error"))).isEmpty();
    keep(browser, "empty-distributors");

    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("a.jc-tab-content"))).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".jc-insights h2"), "content"));
    WebElement noAssets = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".jc-insights .jc-empty")));
    assertThat(noAssets.getText()).isEqualTo("No assets yet: once the catalog has assets, their figures appear here.");
    assertThat(browser.findElements(By.cssSelector(".jc-insights .jc-error"))).isEmpty();
    keep(browser, "empty-content");
  }

  private static void keep(WebDriver browser, String step) throws IOException {
    Path folder = Path.of("target", "browser-screenshots");
    Files.createDirectories(folder);
    File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(png.toPath(), folder.resolve("insights-" + step + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
