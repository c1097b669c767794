package com.journeycoach;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * A browser's session with the Camunda webapps, as Tasklist keeps it: logged in through the login form's
 * endpoint, with the session cookie, and Camunda's CSRF token sent back on every change.
 */
public final class WebappSession {

  private final CookieManager cookies = new CookieManager();
  private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
  private final String base;

  private WebappSession(int port) {
    this.base = "http://localhost:" + port;
  }

  /** Logs the user in to Tasklist, with the user agent of a phone's browser. */
  public static WebappSession logIn(int port, String userId, String password) {
    return logIn(port, userId, password, "tasklist");
  }

  /** Logs the user in to one of the webapps (tasklist, cockpit), as its login page does. */
  public static WebappSession logIn(int port, String userId, String password, String app) {
    WebappSession session = new WebappSession(port);
    session.send(session.request("/camunda/app/" + app + "/default/").GET().build());
    HttpResponse<String> login = session.send(session.request("/camunda/api/admin/auth/user/default/login/" + app)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(userId, StandardCharsets.UTF_8)
            + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8))).build());
    assertThat(login.statusCode()).as("login of " + userId + ": " + login.body()).isEqualTo(200);
    // the login starts a new session: Tasklist's next request fetches its CSRF token
    session.send(session.request("/camunda/api/admin/auth/user/default").GET().build());
    return session;
  }

  /** A request in this session: its cookies, Camunda's CSRF header, a phone browser's user agent. */
  public HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).header("User-Agent", Http.PROSPECTS_BROWSER);
    cookies.getCookieStore().get(URI.create(base + path)).stream().filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
        .map(HttpCookie::getValue).findFirst().ifPresent(token -> builder.header("X-XSRF-TOKEN", token));
    return builder;
  }

  /** A request in this session that leaves out Camunda's CSRF header, as a forged cross-site request would. */
  public HttpRequest.Builder requestWithoutCsrfToken(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).header("User-Agent", Http.PROSPECTS_BROWSER);
  }

  public HttpResponse<String> get(String path) {
    return send(request(path).GET().build());
  }

  public HttpResponse<String> post(String path, String json) {
    return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  public HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
