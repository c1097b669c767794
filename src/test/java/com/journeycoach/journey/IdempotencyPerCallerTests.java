package com.journeycoach.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.journeycoach.Http;
import com.journeycoach.TestUsers;
import com.journeycoach.people.Audience;
import com.journeycoach.content.SampleCatalog;
import com.journeycoach.content.Share;
import com.journeycoach.content.Shares;
import com.journeycoach.people.Distributors;
import com.journeycoach.people.Prospect;
import com.journeycoach.people.Prospects;
import com.journeycoach.system.Groups;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Idempotency keys of {@code POST /api/touchpoints} belong to the caller who sent them: another caller's
 * same key records their own event (or is refused for its own faults), never answers with the first
 * caller's touchpoint; the same caller's key with another event is a 409 naming what differs, and
 * changes nothing. The application's own keys ({@code share:<id>:viewed}) are out of every caller's
 * reach. Run on H2 and on MariaDB by the subclasses.
 */
abstract class IdempotencyPerCallerTests {

  static final String SHOP = "ipc-shop";
  static final String CRM = "ipc-crm";
  static final String OWNER = "ipc-dist";
  static final String OTHER_DISTRIBUTOR = "ipc-dist2";

  /** What the application answered: status, content type and body. */
  record Answer(int status, String contentType, String body) {
  }

  @Autowired
  ProcessEngine engine;
  @Autowired
  Distributors distributors;
  @Autowired
  Prospects prospects;
  @Autowired
  Shares shares;
  @Autowired
  Touchpoints touchpoints;
  @Autowired
  SampleCatalog sampleCatalog;

  /** The owner's prospect, the first caller's subject. */
  Prospect prospect;
  /** The other distributor's prospect. */
  Prospect otherProspect;

  /** {@code POST /api/touchpoints} as the user (password {@link TestUsers#PASSWORD}). */
  abstract Answer post(String userId, String json);

  /** {@code GET} without credentials, from the prospect's browser ({@link Http#PROSPECTS_BROWSER}). */
  abstract Answer get(String path);

  @BeforeEach
  void setUp() {
    sampleCatalog.loadIfEmpty();
    TestUsers.ensure(engine.getIdentityService(), SHOP, Groups.INTEGRATORS);
    TestUsers.ensure(engine.getIdentityService(), CRM, Groups.INTEGRATORS);
    TestUsers.ensureDistributor(distributors, OWNER, null);
    TestUsers.ensureDistributor(distributors, OTHER_DISTRIBUTOR, null);
    prospect = prospects.add(new Prospects.NewProspect(OWNER, "Pat", null, null, null, Audience.PRODUCT_CUSTOMER));
    otherProspect = prospects.add(new Prospects.NewProspect(OTHER_DISTRIBUTOR, "Quinn", null, null, null,
        Audience.PRODUCT_CUSTOMER));
  }

  static String event(String key, String kind, String prospectId, String assetId, String occurredAt, String source) {
    return "{\"idempotencyKey\":\"" + key + "\",\"kind\":\"" + kind + "\",\"prospectId\":\"" + prospectId + "\""
        + (assetId == null ? "" : ",\"assetId\":\"" + assetId + "\"")
        + (occurredAt == null ? "" : ",\"occurredAt\":\"" + occurredAt + "\"")
        + (source == null ? "" : ",\"source\":\"" + source + "\"") + "}";
  }

  static String event(String key, String kind, String prospectId) {
    return event(key, kind, prospectId, null, null, null);
  }

  /** A guessable key, as an order number is, unique to this test run. */
  static String orderNumber() {
    return "order-" + (100000 + Math.abs(UUID.randomUUID().hashCode() % 900000));
  }

  private boolean journeyRunning(Prospect p) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(p.id()).count() > 0;
  }

  private static void assertProblem(Answer answer, int status) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.body()).contains("\"status\":" + status).doesNotContain("\tat ", "Exception", "trace");
  }

  @Test
  void anotherCallerWithTheSameKeyGetsTheirOwnTouchpointNeverTheFirstCallers() {
    String key = orderNumber();
    Answer first = post(SHOP, event(key, "PURCHASED", prospect.id()));
    assertThat(first.status()).as(first.body()).isEqualTo(201);

    Answer crm = post(CRM, event(key, "LOST", otherProspect.id()));
    assertThat(crm.status()).as(crm.body()).isEqualTo(201);
    assertThat(crm.body()).contains("\"kind\":\"LOST\"", otherProspect.id()).doesNotContain(prospect.id(), "PURCHASED");
    assertThat(prospects.get(otherProspect.id()).status()).isEqualTo(Prospect.Status.LOST);

    Answer distributor = post(OTHER_DISTRIBUTOR, event(key, "MEETING_HELD", otherProspect.id()));
    assertThat(distributor.status()).as(distributor.body()).isEqualTo(201);
    assertThat(distributor.body()).contains("\"kind\":\"MEETING_HELD\"").doesNotContain(prospect.id());

    assertThat(touchpoints.ofProspect(prospect.id())).extracting(Touchpoint::kind).containsExactly(Touchpoint.Kind.PURCHASED);
    assertThat(touchpoints.ofProspect(otherProspect.id())).filteredOn(t -> t.idempotencyKey().equals(key))
        .extracting(Touchpoint::kind).containsExactly(Touchpoint.Kind.LOST, Touchpoint.Kind.MEETING_HELD);
    // and each caller's repeat still answers their own first result
    assertThat(post(SHOP, event(key, "PURCHASED", prospect.id()))).isEqualTo(new Answer(200, first.contentType(), first.body()));
    assertThat(post(CRM, event(key, "LOST", otherProspect.id())).body()).isEqualTo(crm.body());
  }

  @Test
  void anotherCallersInvalidRequestWithTheSameKeyIsRefusedForItsOwnFaults() {
    String key = orderNumber();
    Answer first = post(SHOP, event(key, "PURCHASED", prospect.id()));
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    String firstId = first.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");

    List<Answer> refused = List.of(
        post(CRM, event(key, "PURCHASED", "no-such-prospect")),
        post(CRM, event(key, "SHARED", otherProspect.id())),
        post(CRM, event(key, "VIEWED", otherProspect.id())),
        // a distributor naming another's prospect learns nothing, whatever the key
        post(OTHER_DISTRIBUTOR, event(key, "PURCHASED", prospect.id())));

    assertThat(refused).extracting(Answer::status).containsExactly(404, 400, 400, 404);
    for (Answer answer : refused) {
      assertProblem(answer, answer.status());
      assertThat(answer.body()).doesNotContain(firstId, "JOURNEY_ENDED", "\"effect\"");
    }
    assertThat(touchpoints.ofProspect(prospect.id())).hasSize(1);
    assertThat(touchpoints.ofProspect(otherProspect.id())).isEmpty();
    assertThat(journeyRunning(otherProspect)).isTrue();
  }

  @Test
  void theSameKeyWithAnotherEventIsAConflictNamingWhatDiffersAndChangesNothing() {
    String key = orderNumber();
    Answer first = post(SHOP, event(key, "MEETING_HELD", prospect.id(), null, "2026-12-01T10:00:00Z", "crm-calendar"));
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    List<Touchpoint> before = touchpoints.ofProspect(prospect.id());

    Answer changed = post(SHOP, event(key, "LOST", prospect.id(), null, "2026-12-02T11:00:00Z", "crm-calendar"));
    assertProblem(changed, 409);
    assertThat(changed.body()).contains("\"differingFields\":[\"kind\",\"occurredAt\"]")
        .doesNotContain("MEETING_HELD", "2026-12-01");

    Answer otherProspectNamed = post(SHOP, event(key, "MEETING_HELD", otherProspect.id(), "verdant-story", "2026-12-01T10:00:00Z",
        "shop"));
    assertProblem(otherProspectNamed, 409);
    assertThat(otherProspectNamed.body()).contains("\"differingFields\":[\"prospectId\",\"assetId\",\"source\"]")
        .doesNotContain(prospect.id(), "crm-calendar");

    // read back: nothing stored changed
    assertThat(touchpoints.ofProspect(prospect.id())).isEqualTo(before);
    assertThat(touchpoints.ofProspect(otherProspect.id())).isEmpty();
    assertThat(prospects.get(prospect.id()).status()).isEqualTo(Prospect.Status.ACTIVE);
    assertThat(journeyRunning(prospect)).isTrue();
    assertThat(journeyRunning(otherProspect)).isTrue();
    // the first event itself still repeats
    assertThat(post(SHOP, event(key, "MEETING_HELD", prospect.id(), null, "2026-12-01T10:00:00Z", "crm-calendar")).body())
        .isEqualTo(first.body());
  }

  @Test
  void aRepeatIsTheSameEventAsStored() {
    String key = orderNumber();
    Answer first = post(SHOP, event(key, "MEETING_HELD", prospect.id(), null, "2026-12-01T10:00:00.123456Z", null));
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    // times as stored (milliseconds on H2, whole seconds on MariaDB); no source is the caller's default
    Answer again = post(SHOP, event(key, "MEETING_HELD", prospect.id(), null, "2026-12-01T10:00:00.123Z", "api:" + SHOP));
    assertThat(again.status()).as(again.body()).isEqualTo(200);

    String untimed = orderNumber();
    assertThat(post(SHOP, event(untimed, "MEETING_HELD", prospect.id())).status()).isEqualTo(201);
    assertThat(post(SHOP, event(untimed, "MEETING_HELD", prospect.id())).status()).isEqualTo(200);
    assertThat(touchpoints.ofProspect(prospect.id())).hasSize(2);
  }

  /** A caller who took the key the tracked link records its view under must not keep the journey from moving on. */
  @Test
  void theApplicationsOwnKeysAreOutOfACallersReach() {
    String journeyId = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(prospect.id())
        .singleResult().getId();
    Share share = shares.get((String) engine.getRuntimeService().getVariable(journeyId, "shareId"));
    engine.getTaskService().complete(engine.getTaskService().createTaskQuery().processInstanceId(journeyId).singleResult().getId(),
        Map.of("shareChannel", "SMS"));

    Answer taken = post(SHOP, event("share:" + share.id() + ":viewed", "MEETING_HELD", prospect.id()));
    assertThat(taken.status()).as(taken.body()).isEqualTo(201);
    assertThat(get("/s/" + share.token()).status()).isEqualTo(302);

    assertThat(touchpoints.ofProspect(prospect.id())).filteredOn(t -> t.kind() == Touchpoint.Kind.VIEWED)
        .extracting(Touchpoint::source, Touchpoint::effect)
        .containsExactly(tuple("tracked-link", Touchpoint.Effect.JOURNEY_MOVED_ON));
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(journeyId).singleResult().getTaskDefinitionKey())
        .isEqualTo("Task_AskFollowUp");
  }
}
