package com.journeycoach.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Twilio's rate limit as {@link TwilioSms.BaseUrlHttpClient} meets it: a 429 is sent again after the pause
 * Twilio names in Retry-After, else after a doubling back-off, and given up (answered as it came) once
 * the pauses would pass the budget. The pauses are recorded instead of slept.
 */
class TwilioRateLimitTest {

  static final String PATH = "/2010-04-01/Accounts/AC00/Messages.json";
  static final WireMockServer twilio = new WireMockServer(WireMockConfiguration.options().dynamicPort());

  private final List<Duration> pauses = new ArrayList<>();
  private TwilioSms.BaseUrlHttpClient client;

  @BeforeAll
  static void start() {
    twilio.start();
  }

  @AfterAll
  static void stop() {
    twilio.stop();
  }

  @BeforeEach
  void reset() {
    twilio.resetAll();
    client = new TwilioSms.BaseUrlHttpClient(twilio.baseUrl(), pauses::add);
  }

  private Response send() {
    Request request = new Request(HttpMethod.POST, "https://api.twilio.com" + PATH);
    request.addPostParam("Body", "Hi");
    return client.makeRequest(request);
  }

  private void answer429Times(int times, String retryAfter) {
    for (int i = 0; i < times; i++) {
      var tooMany = aResponse().withStatus(429);
      twilio.stubFor(post(urlPathEqualTo(PATH)).inScenario("limit").whenScenarioStateIs(i == 0 ? Scenario.STARTED : "after " + i)
          .willReturn(retryAfter == null ? tooMany : tooMany.withHeader("Retry-After", retryAfter)).willSetStateTo("after " + (i + 1)));
    }
    twilio.stubFor(post(urlPathEqualTo(PATH)).inScenario("limit").whenScenarioStateIs("after " + times)
        .willReturn(aResponse().withStatus(201).withBody("{\"sid\":\"SM1\"}")));
  }

  @Test
  void retryAfterIsWaitedThenTheSameRequestGoesAgain() {
    answer429Times(2, "7");

    Response response = send();

    assertThat(response.getStatusCode()).isEqualTo(201);
    assertThat(pauses).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(7));
    twilio.verify(3, postRequestedFor(urlPathEqualTo(PATH)));
  }

  @Test
  void withoutRetryAfterThePausesDouble() {
    answer429Times(3, null);

    assertThat(send().getStatusCode()).isEqualTo(201);
    assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
  }

  @Test
  void pastTheBudgetThe429IsAnsweredAsItCame() {
    twilio.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(429)));

    Response response = send();

    assertThat(response.getStatusCode()).isEqualTo(429);
    // 1 + 2 + 4 + 8 + 16 s waited; the next 32 s would pass the 60 s budget
    assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
        Duration.ofSeconds(16));
    assertThat(pauses.stream().reduce(Duration.ZERO, Duration::plus)).isLessThanOrEqualTo(TwilioSms.BaseUrlHttpClient.RATE_LIMIT_BUDGET);
    twilio.verify(6, postRequestedFor(urlPathEqualTo(PATH)));
  }

  @Test
  void aRetryAfterBeyondTheBudgetIsNotWaited() {
    twilio.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));

    assertThat(send().getStatusCode()).isEqualTo(429);
    assertThat(pauses).isEmpty();
  }

  @Test
  void otherAnswersAreNotRetriedHere() {
    twilio.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(400)));

    assertThat(send().getStatusCode()).isEqualTo(400);
    assertThat(pauses).isEmpty();
    twilio.verify(1, postRequestedFor(urlPathEqualTo(PATH)));
  }
}
