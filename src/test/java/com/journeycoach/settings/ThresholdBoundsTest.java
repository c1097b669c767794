package com.journeycoach.settings;

import com.journeycoach.Http;
import com.journeycoach.JourneyCoachTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@link ThresholdBoundsTests} over real HTTP on H2. */
@JourneyCoachTest
class ThresholdBoundsTest extends ThresholdBoundsTests {

  @LocalServerPort
  int port;

  @Override
  Answer send(String method, String path, String authorization, String json) {
    Http http = new Http(port);
    HttpRequest.Builder request = http.request(path, authorization);
    if (json == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
    }
    HttpResponse<String> response = http.send(request.build());
    return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
  }
}
