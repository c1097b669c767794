package com.journeycoach.journey;

import com.journeycoach.Http;
import com.journeycoach.JourneyCoachOnMariaDb;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.junit.jupiter.api.Tag;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Idempotency per caller on a real MariaDB (whole seconds, its unique index), through Spring MVC: the
 * controller, validation and problem answers. The engine of this context is not named {@code default},
 * which the Basic authentication filter of {@code /api} looks up, so the test logs the caller in as
 * that filter does (the filter itself is tested over HTTP on H2).
 */
@Tag("mariadb")
@JourneyCoachOnMariaDb
@AutoConfigureMockMvc(addFilters = false)
class IdempotencyPerCallerOnMariaDbTest extends IdempotencyPerCallerTests {

  @Autowired
  MockMvc mvc;

  @Override
  Answer post(String userId, String json) {
    IdentityService identity = engine.getIdentityService();
    List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
    identity.setAuthentication(userId, groups);
    try {
      return perform(MockMvcRequestBuilders.post("/api/touchpoints").contentType(MediaType.APPLICATION_JSON).content(json));
    } finally {
      identity.clearAuthentication();
    }
  }

  @Override
  Answer get(String path) {
    return perform(MockMvcRequestBuilders.get(path).header("User-Agent", Http.PROSPECTS_BROWSER));
  }

  private Answer perform(RequestBuilder request) {
    try {
      MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
      return new Answer(response.getStatus(), response.getContentType() == null ? "" : response.getContentType(),
          response.getContentAsString(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
