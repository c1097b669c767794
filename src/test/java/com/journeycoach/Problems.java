package com.journeycoach;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

/** What every error answer of the application must be: an RFC 7807 problem detail without a stack trace. */
public final class Problems {

  private Problems() {
  }

  public static void assertProblem(HttpResponse<String> response, int status, String... details) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    assertThat(response.body()).contains("\"status\":" + status).doesNotContain("\tat ", "Exception", "trace");
    if (details.length > 0) {
      assertThat(response.body()).contains(details);
    }
  }
}
