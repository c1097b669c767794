package com.journeycoach.settings;

import com.journeycoach.JourneyCoachOnMariaDb;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.camunda.bpm.engine.identity.Group;
import org.junit.jupiter.api.Tag;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * {@link ThresholdBoundsTests} on a real MariaDB (the {@code mysql} profile) through the application's controllers and
 * error handling. The engine here is named "mariadb", and Camunda's REST authentication filter looks for the engine
 * "default", so the request's Basic user is logged in on the engine directly, as that filter does.
 */
@Tag("mariadb")
@JourneyCoachOnMariaDb
@AutoConfigureMockMvc(addFilters = false)
class ThresholdBoundsOnMariaDbTest extends ThresholdBoundsTests {

  @Autowired
  MockMvc mvc;

  @Override
  Answer send(String method, String path, String authorization, String json) {
    MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(HttpMethod.valueOf(method), path);
    if (json != null) {
      request.contentType(MediaType.APPLICATION_JSON).content(json);
    }
    if (authorization != null) {
      String user = new String(Base64.getDecoder().decode(authorization.substring("Basic ".length())), StandardCharsets.UTF_8)
          .split(":")[0];
      identity.setAuthentication(user, identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList());
    }
    try {
      MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
      return new Answer(response.getStatus(), String.valueOf(response.getContentType()), response.getContentAsString(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new AssertionError("the request " + method + " " + path + " failed in the server", e);
    } finally {
      identity.clearAuthentication();
    }
  }
}
