package com.journeycoach.people;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeycoach.Chromium;
import com.journeycoach.JourneyCoachTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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
 * A distributor enrolled from a prospect (no password) opens the link of their welcome message on a
 * phone (390×844), sets a password on the page, and then logs in to Tasklist with it.
 */
@Tag("browser")
@JourneyCoachTest
class PasswordLinkBrowserTest {

  static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");

  @RegisterExtension
  static final Chromium chromium = new Chromium();

  @LocalServerPort
  int port;
  @Autowired
  Distributors distributors;
  @Autowired
  PasswordLinks passwordLinks;

  @Test
  void aNewDistributorSetsTheirPasswordOnAPhoneAndLogsInToTasklist() throws IOException {
    String id = "enrollee-" + UUID.randomUUID().toString().substring(0, 8);
    distributors.register(new Distributors.Registration(id, "Rae", Distributors.NO_LAST_NAME, id + "@example.com", null,
        "Europe/Berlin", null, false, null, null, null, null));
    String token = passwordLinks.issue(id);
    WebDriver browser = chromium.driver();
    browser.manage().window().setSize(new Dimension(390, 844));
    WebDriverWait wait = chromium.waiting();

    browser.get("http://localhost:" + port + PasswordLinks.PATH + "#" + token);

    WebElement password = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("password")));
    assertThat(browser.findElement(By.id("token")).getAttribute("value")).as("the page took the token from the link").isEqualTo(token);
    assertThat(browser.getCurrentUrl()).as("and took it out of the address bar").doesNotContain(token);
    assertThat(noSidewaysScrolling(browser)).as("no horizontal scrolling at 390 px").isTrue();
    WebElement submit = browser.findElement(By.id("set-password"));
    assertThat(submit.getRect().getX() + submit.getRect().getWidth()).as("the button fits the screen").isLessThanOrEqualTo(390);
    screenshot(browser, "password-link-390");

    // a weak password first: the page answers with the policy's rules and keeps the link
    password.sendKeys("weak");
    browser.findElement(By.id("passwordAgain")).sendKeys("weak");
    submit.click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".errors"), "password: length"));
    assertThat(noSidewaysScrolling(browser)).isTrue();

    browser.findElement(By.id("password")).sendKeys("Sunny-Harbour-73");
    browser.findElement(By.id("passwordAgain")).sendKeys("Sunny-Harbour-73");
    browser.findElement(By.id("set-password")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Your password is set"));
    assertThat(browser.findElement(By.id("user-id")).getText()).isEqualTo(id);
    screenshot(browser, "password-set-390");

    browser.findElement(By.id("tasklist")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model=username]"))).sendKeys(id);
    browser.findElement(By.cssSelector("input[ng-model=password]")).sendKeys("Sunny-Harbour-73");
    browser.findElement(By.cssSelector("button[type=submit]")).click();

    // logged in: Tasklist lists the new distributor's onboarding task
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[contains(@class,'task-filter')]//a[contains(.,'My tasks')]")))
        .click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//ol[contains(@class,'tasks-list')]//a[contains(normalize-space(.),'Complete brand and product training')]")));
    screenshot(browser, "password-tasklist-390");
  }

  private static boolean noSidewaysScrolling(WebDriver browser) {
    return (Boolean) ((JavascriptExecutor) browser).executeScript(
        "return document.documentElement.scrollWidth <= window.innerWidth;");
  }

  private static void screenshot(WebDriver browser, String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name + ".png"),
        StandardCopyOption.REPLACE_EXISTING);
  }
}
