package com.journeycoach.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeycoach.Http;
import com.journeycoach.JourneyCoachTest;
import com.journeycoach.TestUsers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Nobody can lock a user out. Floods come from their own loopback addresses
 * (127.0.0.2 and up), so the throttle of 127.0.0.1, where the other tests log in, stays untouched;
 * time is the engine's clock, which both Camunda's login delay and the throttle read, moved here
 * instead of waited for. The settings are the application's own (application.yaml).
 */
@JourneyCoachTest
class LoginThrottleTest {

  static final Duration A_MINUTE = Duration.ofMinutes(1);

  @LocalServerPort
  int port;
  @Autowired
  IdentityService identity;
  @Autowired
  LoginThrottleProperties throttle;

  Instant start;

  @BeforeEach
  void freezeTheClock() {
    start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    at(Duration.ZERO);
  }

  @AfterEach
  void resetTheClock() {
    ClockUtil.reset();
  }

  void at(Duration sinceStart) {
    ClockUtil.setCurrentTime(Date.from(start.plus(sinceStart)));
  }

  @Test
  void anAnonymousFloodIsSlowedAndTheLockedOutOwnerLogsInWithinAMinuteAfterItStops() {
    TestUsers.ensure(identity, "flora", Groups.MANAGERS);
    Client attacker = new Client("127.0.0.2");
    List<Response> flood = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      flood.add(attacker.get("/engine-rest/engine", Http.basic("flora", "Guess-Number-" + i)));
    }

    // the flood itself is slowed: the address's failures, then 429 before any password is checked
    assertThat(flood).extracting(Response::status)
        .containsExactlyElementsOf(statuses(throttle.failuresPerClient(), 401, 30 - throttle.failuresPerClient(), 429));
    Response throttled = flood.get(flood.size() - 1);
    assertThat(throttled.header("Retry-After")).isEqualTo(Long.toString(throttle.timePerTry().toSeconds()));
    assertThat(throttled.header("Content-Type")).startsWith("application/problem+json");
    assertThat(throttled.body()).contains("\"status\":429", "Too many failed logins").doesNotContain("Exception", "flora");

    // many clients: each within its own limit, so Camunda's delay is what slows them
    for (int i = 3; i <= 12; i++) {
      assertThat(new Client("127.0.0.%d".formatted(i)).get("/engine-rest/engine", Http.basic("flora", "Other-Guess-" + i)).status())
          .isEqualTo(401);
    }
    // the owner, elsewhere, is locked out while it goes on ...
    Client owner = new Client("127.0.0.20");
    assertThat(owner.get("/engine-rest/engine", Http.basic("flora", TestUsers.PASSWORD)).status()).isEqualTo(401);

    // ... and logs in a minute after it stops, from their own address or the attacker's (a shared office)
    at(A_MINUTE);
    assertThat(owner.get("/engine-rest/engine", Http.basic("flora", TestUsers.PASSWORD)).status()).isEqualTo(200);
    assertThat(attacker.get("/api/thresholds", Http.basic("flora", TestUsers.PASSWORD)).status()).isEqualTo(200);
  }

  @Test
  void failuresSpacedPastTheDelayNeverLockTheOwnerForGood() {
    // the probe's attack: wrong passwords spaced so that each counts; before, the tenth locked the user until an admin unlocked
    TestUsers.ensure(identity, "selma", Groups.MANAGERS);
    Client attacker = new Client("127.0.0.30");
    Duration last = Duration.ZERO;
    for (int i = 0; i < 15; i++) {
      last = A_MINUTE.plusSeconds(1).multipliedBy(i);
      at(last);
      assertThat(attacker.get("/engine-rest/engine", Http.basic("selma", "Spaced-Guess-" + i)).status()).isEqualTo(401);
    }

    at(last.plus(A_MINUTE));
    assertThat(new Client("127.0.0.31").get("/engine-rest/engine", Http.basic("selma", TestUsers.PASSWORD)).status())
        .isEqualTo(200);
  }

  @Test
  void aWebappLoginFloodIsThrottledAndTheOwnerLogsInAMinuteLater() {
    TestUsers.ensure(identity, "wilma", Groups.MANAGERS);
    Client attacker = new Client("127.0.0.40");
    Client.Session session = attacker.webappSession();
    for (int i = 0; i < throttle.failuresPerClient(); i++) {
      assertThat(session.login("wilma", "Guess-Number-" + i).status()).isEqualTo(401);
    }
    Response throttled = session.login("wilma", "Guess-Number-x");
    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.header("Retry-After")).isNotBlank();
    assertThat(throttled.header("Content-Type")).startsWith("application/problem+json");
    assertThat(throttled.body()).contains("\"status\":429").doesNotContain("Exception");

    Client.Session owner = new Client("127.0.0.41").webappSession();
    assertThat(owner.login("wilma", TestUsers.PASSWORD).status()).as("locked out by the delay").isEqualTo(401);

    at(A_MINUTE);
    Response loggedIn = session.login("wilma", TestUsers.PASSWORD);
    assertThat(loggedIn.status()).isEqualTo(200);
    assertThat(loggedIn.body()).contains("\"userId\":\"wilma\"");
  }

  @Test
  void checkingAnotherUsersPasswordThroughIdentityVerifyCountsAsAFailedLogin() {
    // Camunda lets a caller verify the password of every user they may read: an administrator, all of them
    TestUsers.ensure(identity, "ada", Groups.ADMINS);
    TestUsers.ensure(identity, "vera", Groups.MANAGERS);
    Client insider = new Client("127.0.0.50");
    for (int i = 0; i < throttle.failuresPerClient(); i++) {
      Response answer = insider.post("/engine-rest/identity/verify", Http.basic("ada", TestUsers.PASSWORD),
          "{\"username\":\"vera\",\"password\":\"Guess-Number-%d\"}".formatted(i));
      assertThat(answer.status()).as(answer.body()).isEqualTo(200);
      assertThat(answer.body()).contains("\"authenticated\":false");
    }
    assertThat(insider.post("/engine-rest/identity/verify", Http.basic("ada", TestUsers.PASSWORD),
        "{\"username\":\"vera\",\"password\":\"Guess-Number-x\"}").status()).isEqualTo(429);

    at(A_MINUTE);
    assertThat(new Client("127.0.0.51").get("/engine-rest/engine", Http.basic("vera", TestUsers.PASSWORD)).status())
        .isEqualTo(200);
  }

  @Test
  void successfulLoginsFromOneAddressAreNeverThrottled() {
    TestUsers.ensure(identity, "sam", Groups.MANAGERS);
    Client office = new Client("127.0.0.60");
    for (int i = 0; i < 5 * throttle.failuresPerClient(); i++) {
      assertThat(office.get("/api/thresholds", Http.basic("sam", TestUsers.PASSWORD)).status()).isEqualTo(200);
    }
    // requests without credentials check no password and are not counted either
    for (int i = 0; i < 5 * throttle.failuresPerClient(); i++) {
      assertThat(office.get("/api/thresholds", null).status()).isEqualTo(401);
    }
    assertThat(office.get("/api/thresholds", Http.basic("sam", TestUsers.PASSWORD)).status()).isEqualTo(200);
  }

  static List<Integer> statuses(int first, int firstStatus, int then, int thenStatus) {
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < first + then; i++) {
      statuses.add(i < first ? firstStatus : thenStatus);
    }
    return statuses;
  }

  record Response(int status, Map<String, List<String>> headers, String body) {
    String header(String name) {
      return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of("")).get(0);
    }
  }

  /** HTTP/1.0 from a given loopback address (java.net.http cannot choose its local address on Java 17). */
  class Client {
    private final String address;

    Client(String address) {
      this.address = address;
    }

    Response get(String path, String authorization) {
      return send("GET", path, headers(authorization), null);
    }

    Response post(String path, String authorization, String json) {
      Map<String, String> headers = headers(authorization);
      headers.put("Content-Type", "application/json");
      return send("POST", path, headers, json);
    }

    private Map<String, String> headers(String authorization) {
      Map<String, String> headers = new LinkedHashMap<>();
      if (authorization != null) {
        headers.put("Authorization", authorization);
      }
      return headers;
    }

    /** A browser's visit to the welcome page: its session and CSRF token, to log in with. */
    Session webappSession() {
      Response welcome = send("GET", "/camunda/app/welcome/default/", new LinkedHashMap<>(), null);
      assertThat(welcome.status()).isEqualTo(200);
      Map<String, String> cookies = welcome.headers().getOrDefault("set-cookie", List.of()).stream()
          .map(c -> c.split(";", 2)[0].split("=", 2))
          .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1], (a, b) -> b, LinkedHashMap::new));
      assertThat(cookies).containsKey("XSRF-TOKEN");
      return new Session(cookies);
    }

    class Session {
      private final Map<String, String> cookies;

      Session(Map<String, String> cookies) {
        this.cookies = cookies;
      }

      Response login(String user, String password) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        headers.put("X-XSRF-TOKEN", cookies.get("XSRF-TOKEN"));
        headers.put("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining("; ")));
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
            + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return send("POST", "/camunda/api/admin/auth/user/default/login/welcome", headers, form);
      }
    }

    private Response send(String method, String path, Map<String, String> headers, String body) {
      byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.0\r\n")
          .append("Host: localhost:").append(port).append("\r\n");
      headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
      if (body != null) {
        request.append("Content-Length: ").append(content.length).append("\r\n");
      }
      request.append("\r\n");
      try (Socket socket = new Socket()) {
        socket.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        socket.setSoTimeout(30_000);
        OutputStream out = socket.getOutputStream();
        out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(content);
        out.flush();
        return parse(socket.getInputStream());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private Response parse(InputStream in) throws IOException {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      String text = all.toString(StandardCharsets.UTF_8);
      int end = text.indexOf("\r\n\r\n");
      String[] lines = text.substring(0, end).split("\r\n");
      Map<String, List<String>> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        String[] nameValue = lines[i].split(":", 2);
        headers.computeIfAbsent(nameValue[0].trim().toLowerCase(Locale.ROOT), n -> new ArrayList<>()).add(nameValue[1].trim());
      }
      return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers, text.substring(end + 4));
    }
  }
}
