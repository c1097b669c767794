package com.journeycoach.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeycoach.JourneyCoachTest;
import com.journeycoach.TestUsers;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The administrator logs in to the Camunda webapps the way the welcome page does. */
@JourneyCoachTest
class WebappLoginTest {

  @LocalServerPort
  int port;

  private HttpResponse<String> login(String user, String password) throws Exception {
    CookieManager cookies = new CookieManager();
    HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NORMAL).build();
    String base = "http://localhost:" + port;

    HttpResponse<String> welcome = browser.send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/welcome/default/")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(welcome.statusCode()).isEqualTo(200);
    assertThat(welcome.body()).containsIgnoringCase("camunda");
    String csrf = cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue).findFirst().orElseThrow();

    String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
        + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
    return browser.send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/default/login/welcome"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-XSRF-TOKEN", csrf)
            .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void administratorLogsInToTheWelcomePageWithTheConfiguredPassword() throws Exception {
    HttpResponse<String> loggedIn = login("admin", TestUsers.ADMIN_PASSWORD);

    assertThat(loggedIn.statusCode()).isEqualTo(200);
    assertThat(loggedIn.body()).contains("\"userId\":\"admin\"", "cockpit", "tasklist", "admin");
  }

  @Autowired
  IdentityService identity;

  @Test
  void wrongPasswordIsRefused() throws Exception {
    // not the administrator: Camunda delays a user's next login after a failed one
    TestUsers.ensure(identity, "wanda", Groups.MANAGERS);
    assertThat(login("wanda", "not-the-password").statusCode()).isEqualTo(401);
  }

  @Test
  void aUserWhoHasNotSetAPasswordYetIsRefusedLikeAWrongPassword() throws Exception {
    // an enrollee made from a prospect has no password until they follow their welcome's link
    if (identity.createUserQuery().userId("nopass").count() == 0) {
      org.camunda.bpm.engine.identity.User user = identity.newUser("nopass");
      user.setFirstName("No");
      identity.saveUser(user);
      identity.createMembership("nopass", Groups.DISTRIBUTORS);
    }

    assertThat(login("nopass", "any-password-at-all").statusCode()).isEqualTo(401);
    assertThat(login("nopass", "").statusCode()).isEqualTo(401);
    HttpResponse<String> rest = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/engine-rest/task"))
        .header("Authorization", "Basic " + java.util.Base64.getEncoder()
            .encodeToString("nopass:any-password-at-all".getBytes(StandardCharsets.UTF_8))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(rest.statusCode()).isEqualTo(401);
  }
}
