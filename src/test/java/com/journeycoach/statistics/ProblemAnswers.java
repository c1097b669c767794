package com.journeycoach.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;

/** What every Insights resource answers a bad query parameter: a 400 problem naming it, showing no internals. */
final class ProblemAnswers {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ProblemAnswers() {
  }

  /** Asserts a 400 problem whose first error names {@code parameter}; returns the problem for further checks. */
  static JsonNode assertNames(HttpResponse<String> answer, String parameter) throws IOException {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
    assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode problem = JSON.readTree(answer.body());
    assertThat(problem.get("errors").get(0).asText()).startsWith(parameter + ":");
    assertThat(answer.body()).doesNotContain("Exception", "at com.", "SELECT");
    return problem;
  }
}
