package com.journeycoach.journey;

import com.journeycoach.Http;
import com.journeycoach.JourneyCoachTest;
import com.journeycoach.TestUsers;
import java.net.http.HttpResponse;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Idempotency per caller over real HTTP, on H2. */
@JourneyCoachTest
class IdempotencyPerCallerOnH2Test extends IdempotencyPerCallerTests {

  @LocalServerPort
  int port;

  @Override
  Answer post(String userId, String json) {
    return answer(new Http(port).post("/api/touchpoints", Http.basic(userId, TestUsers.PASSWORD), json));
  }

  @Override
  Answer get(String path) {
    return answer(new Http(port).openAsProspect(path));
  }

  private static Answer answer(HttpResponse<String> response) {
    return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
  }
}
