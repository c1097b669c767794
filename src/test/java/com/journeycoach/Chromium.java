package com.journeycoach;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from Debian's {@code chromium} and {@code chromium-driver} packages, for the
 * tests tagged "browser". Register as {@code @RegisterExtension static final Chromium chromium}:
 * each test gets a fresh browser with an empty profile. Without /usr/bin/chromium or
 * /usr/bin/chromedriver the tests are skipped, unless JOURNEY_REQUIRE_BROWSER=true (as in CI), where
 * they fail. A failing test leaves a screenshot and the page's HTML in target/browser-screenshots/.
 */
public final class Chromium implements ExecutionCondition, BeforeEachCallback, AfterTestExecutionCallback, AfterEachCallback {

  public static final Path BROWSER = Path.of("/usr/bin/chromium");
  public static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  public static final Duration PATIENCE = Duration.ofSeconds(30);
  static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");

  private WebDriver driver;
  private Path profile;

  public static boolean required() {
    return Boolean.parseBoolean(System.getenv("JOURNEY_REQUIRE_BROWSER"));
  }

  private static boolean installed() {
    return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (installed()) {
      return ConditionEvaluationResult.enabled("Chromium and chromedriver are installed");
    }
    if (required()) {
      // enabled, so that starting the browser fails the test with the reason below instead of a quiet skip
      return ConditionEvaluationResult.enabled("JOURNEY_REQUIRE_BROWSER=true");
    }
    return ConditionEvaluationResult.disabled(BROWSER + " or " + DRIVER
        + " is missing (apt-get install chromium chromium-driver); set JOURNEY_REQUIRE_BROWSER=true to fail instead");
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    if (!installed()) {
      throw new IllegalStateException("JOURNEY_REQUIRE_BROWSER=true but " + BROWSER + " or " + DRIVER + " is missing");
    }
    profile = Files.createTempDirectory("journey-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=1400,1000", "--user-data-dir=" + profile);
    // the driver's path is given, so Selenium Manager never looks for (or downloads) one
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort()
        .build();
    driver = new ChromeDriver(service, options);
  }

  public WebDriver driver() {
    return driver;
  }

  public WebDriverWait waiting() {
    return new WebDriverWait(driver, PATIENCE);
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    if (driver != null && context.getExecutionException().isPresent()) {
      String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
      try {
        Files.createDirectories(SCREENSHOTS);
        File png = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), SCREENSHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(SCREENSHOTS.resolve(name + ".html"), driver.getPageSource(), StandardCharsets.UTF_8);
        System.out.println("Browser at " + driver.getCurrentUrl() + "; screenshot in " + SCREENSHOTS.resolve(name + ".png"));
      } catch (IOException | RuntimeException e) {
        // the test's own failure matters more than a missing screenshot
        System.out.println("No screenshot: " + e);
      }
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    try {
      if (driver != null) {
        driver.quit();
      }
    } finally {
      driver = null;
      deleteProfile();
    }
  }

  private void deleteProfile() {
    if (profile == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      profile = null;
    }
  }
}
