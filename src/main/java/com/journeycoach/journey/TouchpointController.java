package com.journeycoach.journey;

import com.journeycoach.people.Prospects;
import com.journeycoach.system.CurrentUser;
import com.journeycoach.system.Groups;
import com.journeycoach.system.InvalidInputException;
import com.journeycoach.system.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/touchpoints")
@Tag(name = "Touchpoints", description = "Events from the video player, the shop and the CRM")
class TouchpointController {

  /** An event from another system. The idempotency key makes a retried call change nothing. */
  record TouchpointRequest(@NotBlank @Size(max = 200) String idempotencyKey, @NotNull Touchpoint.Kind kind,
                           @NotBlank @Size(max = 36) String prospectId, @Size(max = 64) String assetId, Instant occurredAt,
                           @Size(max = 100) String source) {
  }

  private static final Instant EARLIEST = Instant.parse("1970-01-02T00:00:00Z");
  private static final Instant LATEST = Instant.parse("2038-01-18T00:00:00Z");

  private final Touchpoints touchpoints;
  private final Clock clock;
  private final Prospects prospects;
  private final CurrentUser currentUser;

  TouchpointController(Touchpoints touchpoints, Prospects prospects, CurrentUser currentUser, Clock clock) {
    this.clock = clock;
    this.touchpoints = touchpoints;
    this.prospects = prospects;
    this.currentUser = currentUser;
  }

  @PostMapping
  @Operation(summary = "Report a touchpoint: VIEWED, MEETING_HELD, PURCHASED, ENROLLED, LOST or OPTED_OUT",
      description = "201 with what the journey did. Idempotency keys are the caller's own: the same key with the same"
          + " event answers 200 with the first result, with another event 409 naming the fields that differ; another"
          + " caller's keys are never looked at.")
  ResponseEntity<Touchpoint> report(@Valid @RequestBody TouchpointRequest request) {
    checkOccurredAt(request.occurredAt());
    if (!currentUser.isIn(Groups.INTEGRATORS, Groups.MANAGERS, Groups.ADMINS)) {
      // a distributor reports only about their own prospects
      prospects.find(request.prospectId())
          .filter(p -> p.distributorId().equals(currentUser.id()) && currentUser.isIn(Groups.DISTRIBUTORS))
          .orElseThrow(() -> new NotFoundException("No prospect '" + request.prospectId() + "'"));
    }
    // the caller's own keys: a key another caller used is not theirs to repeat, nor to learn of
    Touchpoints.Recorded recorded = touchpoints.reportBy(currentUser.id(), new Touchpoints.Event(request.idempotencyKey(),
        request.kind(), request.prospectId(), request.assetId(), request.occurredAt(),
        request.source() == null ? "api:" + currentUser.id() : request.source()));
    return ResponseEntity.status(recorded.repeated() ? HttpStatus.OK : HttpStatus.CREATED).body(recorded.touchpoint());
  }

  /**
   * A time MySQL's TIMESTAMP columns hold (1970 to January 2038) and not in the future beyond a day of
   * clock skew: otherwise MySQL fails the statement and H2 stores another date.
   */
  private void checkOccurredAt(Instant occurredAt) {
    if (occurredAt != null && (occurredAt.isBefore(EARLIEST) || occurredAt.isAfter(clock.instant().plus(Duration.ofDays(1)))
        || !occurredAt.isBefore(LATEST))) {
      throw new InvalidInputException("occurredAt must lie between 1970-01-02 and now",
          List.of("occurredAt: between 1970-01-02T00:00:00Z and a day from now"));
    }
  }

  /** The problem of a reused key lists the differing fields by name; the first values stay out of the answer. */
  @ExceptionHandler(Touchpoints.KeyReused.class)
  ProblemDetail keyReused(Touchpoints.KeyReused e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    problem.setTitle("Idempotency key used for another event");
    problem.setType(URI.create("about:blank"));
    problem.setProperty("differingFields", e.differingFields());
    problem.setProperty("errors", e.differingFields().stream().map(field -> field + ": differs from the event first sent"
        + " with this key").toList());
    return problem;
  }
}
