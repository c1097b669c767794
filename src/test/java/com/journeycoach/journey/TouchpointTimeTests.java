package com.journeycoach.journey;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeycoach.Http;
import com.journeycoach.TestUsers;
import com.journeycoach.people.Audience;
import com.journeycoach.people.Distributors;
import com.journeycoach.people.Prospect;
import com.journeycoach.people.Prospects;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Touchpoint times a database cannot hold, or that lie in the future, are a 400 naming occurredAt, and nothing is stored. */
abstract class TouchpointTimeTests {

  @LocalServerPort
  int port;
  @Autowired
  Distributors distributors;
  @Autowired
  Prospects prospects;
  @Autowired
  Touchpoints touchpoints;

  @Test
  void timesBefore1970After2038OrInTheFutureAreRefusedAndNothingIsStored() {
    Http http = new Http(port);
    String distributorId = "time-dist-" + UUID.randomUUID().toString().substring(0, 8);
    TestUsers.ensureDistributor(distributors, distributorId, null);
    String me = Http.basic(distributorId, TestUsers.PASSWORD);
    Prospect prospect = prospects.add(new Prospects.NewProspect(distributorId, "Pat", null, null, null, Audience.PRODUCT_CUSTOMER));
    int before = touchpoints.ofProspect(prospect.id()).size();

    for (String time : List.of("1969-12-31T23:00:00Z", "1900-01-01T00:00:00Z", "2038-02-01T00:00:00Z", "3000-01-01T00:00:00Z",
        "+1000000000-01-01T00:00:00Z", "2037-12-31T00:00:00Z")) {
      HttpResponse<String> refused = http.post("/api/touchpoints", me, """
          {"idempotencyKey":"time-%s","kind":"MEETING_HELD","prospectId":"%s","occurredAt":"%s"}"""
          .formatted(time, prospect.id(), time));
      assertThat(refused.statusCode()).as(time + ": " + refused.body()).isEqualTo(400);
      assertThat(refused.body()).contains("occurredAt").doesNotContain("\tat ", "java.", "SQL");
    }
    assertThat(touchpoints.ofProspect(prospect.id())).hasSize(before);

    HttpResponse<String> accepted = http.post("/api/touchpoints", me, """
        {"idempotencyKey":"time-ok","kind":"MEETING_HELD","prospectId":"%s","occurredAt":"2026-01-02T03:04:05Z"}"""
        .formatted(prospect.id()));
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
    assertThat(touchpoints.ofProspect(prospect.id())).hasSize(before + 1);
  }
}
