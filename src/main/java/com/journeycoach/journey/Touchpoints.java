package com.journeycoach.journey;

import com.journeycoach.content.Catalog;
import com.journeycoach.content.Share;
import com.journeycoach.content.Shares;
import com.journeycoach.people.Prospect;
import com.journeycoach.people.Prospects;
import com.journeycoach.system.ConflictException;
import com.journeycoach.system.EngineAsApplication;
import com.journeycoach.system.InvalidInputException;
import java.time.Clock;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Touchpoints: stores each event once (by its idempotency key) and tells the prospect's journey,
 * as the BPMN defines: a view moves on the step waiting for it; a purchase, an enrollment or a
 * loss ends the journey from any step; anything the journey is not waiting for is only stored.
 * A key belongs to whoever sent it (migration V17): a caller of the API has keys of their own, the
 * application (the journey, the tracked link) has its own, so no caller reads or blocks another's.
 */
@Service
public class Touchpoints {

  /** An event from outside: the tracked link, the video player, the shop, the CRM. */
  public record Event(String idempotencyKey, Touchpoint.Kind kind, String prospectId, String assetId, Instant occurredAt,
                      String source) {
  }

  /** The stored touchpoint, and whether this call only repeated an earlier one. */
  public record Recorded(Touchpoint touchpoint, boolean repeated) {
  }

  /** A caller's key used before for another event: 409, naming the fields that differ (not their first values). */
  public static final class KeyReused extends ConflictException {

    private final List<String> differingFields;

    KeyReused(List<String> differingFields) {
      super("This idempotency key was used before for another event (" + String.join(", ", differingFields)
          + " differ); nothing was recorded. Send a new key for a new event.");
      this.differingFields = List.copyOf(differingFields);
    }

    public List<String> differingFields() {
      return differingFields;
    }
  }

  /** The kinds other systems may report; the others are recorded by the journey itself. */
  public static final Set<Touchpoint.Kind> REPORTABLE = Set.of(Touchpoint.Kind.VIEWED, Touchpoint.Kind.MEETING_HELD,
      Touchpoint.Kind.PURCHASED, Touchpoint.Kind.ENROLLED, Touchpoint.Kind.LOST, Touchpoint.Kind.OPTED_OUT);

  static final String MESSAGE_ASSET_VIEWED = ProspectDevelopment.MESSAGE_ASSET_VIEWED;

  /** The scope of the application's own keys; a caller's is {@code user:<id>} (V17). */
  static final String APPLICATION_SCOPE = "app";

  private static final String COLUMNS = "id, idempotency_key, prospect_id, asset_id, share_id, kind, source, occurred_at,"
      + " recorded_at, journey_effect";

  private final JdbcClient jdbc;
  private final Clock clock;
  private final JdbcTemplate batch;
  private final Prospects prospects;
  private final Catalog catalog;
  private final Shares shares;
  private final RuntimeService runtime;
  private final EngineAsApplication engine;

  public Touchpoints(JdbcClient jdbc, JdbcTemplate batch, Prospects prospects, Catalog catalog, Shares shares, RuntimeService runtime,
                     EngineAsApplication engine, Clock clock) {
    this.clock = clock;
    this.jdbc = jdbc;
    this.batch = batch;
    this.prospects = prospects;
    this.catalog = catalog;
    this.shares = shares;
    this.runtime = runtime;
    this.engine = engine;
  }

  /** Records an event the application reports itself (a simulated shop, a test), with the application's keys. */
  @Transactional
  public Recorded report(Event event) {
    return report(APPLICATION_SCOPE, event);
  }

  /**
   * Records an event a caller reported through the API, under the caller's own keys: their repeated key
   * with the same event returns the first result and changes nothing, with another event it is refused
   * ({@link KeyReused}); another caller's keys are never looked at.
   */
  @Transactional
  public Recorded reportBy(String callerId, Event event) {
    return report(callerScope(callerId), event);
  }

  static String callerScope(String callerId) {
    return "user:" + callerId;
  }

  private Recorded report(String scope, Event event) {
    Optional<Recorded> earlier = repeated(scope, event);
    if (earlier.isPresent()) {
      return earlier.get();
    }
    if (!REPORTABLE.contains(event.kind())) {
      throw new InvalidInputException(event.kind() + " is recorded by the journey itself; report one of " + REPORTABLE,
          List.of("kind: not reportable"));
    }
    Prospect prospect = prospects.get(event.prospectId());
    if (event.assetId() != null) {
      catalog.get(event.assetId());
    }
    Optional<Share> share = Optional.empty();
    if (event.kind() == Touchpoint.Kind.VIEWED) {
      if (event.assetId() == null) {
        throw new InvalidInputException("A VIEWED event needs the assetId that was viewed", List.of("assetId: required for VIEWED"));
      }
      share = shares.latest(prospect.id(), event.assetId());
    }
    Touchpoint stored;
    try {
      stored = insert(scope, event, share.map(Share::id).orElse(null), Touchpoint.Effect.STORED);
    } catch (DuplicateKeyException raced) {
      return repeated(scope, event).orElseThrow();
    }
    Touchpoint.Effect effect = switch (event.kind()) {
      case VIEWED -> share.map(s -> viewed(shares.recordView(s.token()).orElse(s))).orElse(Touchpoint.Effect.STORED);
      case PURCHASED -> close(prospect, Prospect.Status.WON, ProspectDevelopment.MESSAGE_PROSPECT_PURCHASED);
      case ENROLLED -> close(prospect, Prospect.Status.ENROLLED, ProspectDevelopment.MESSAGE_PROSPECT_ENROLLED);
      case LOST -> close(prospect, Prospect.Status.LOST, ProspectDevelopment.MESSAGE_PROSPECT_LOST);
      // a prospect who asked not to be contacted any more: the journey ends as lost, so nobody is told to share again
      case OPTED_OUT -> close(prospect, Prospect.Status.LOST, ProspectDevelopment.MESSAGE_PROSPECT_LOST);
      default -> Touchpoint.Effect.STORED;
    };
    withEffect(stored, effect);
    // read back: the answer shows the times as stored (whole seconds on MariaDB), as a repeat of it will
    return new Recorded(byId(stored.id()), false);
  }

  /**
   * A prospect opened a tracked link: the view is counted and, at the first, the VIEWED touchpoint
   * recorded and the journey moved on, in one transaction (one commit, and a failed correlation
   * leaves the view uncounted, so the next open tries again). Empty for a token no share has.
   */
  @Transactional
  public Optional<Share> viewThroughLink(String token) {
    Optional<Share> viewed = shares.recordView(token);
    viewed.filter(share -> share.viewCount() == 1).ifPresent(this::firstView);
    return viewed;
  }

  /**
   * The first view through a tracked link: a VIEWED touchpoint, and the journey waiting for it moves on.
   * The touchpoint is stored with the usual effect, moving the journey on, and corrected when no journey
   * was waiting; a repeated view finds its key taken and changes nothing.
   */
  private void firstView(Share share) {
    Event event = new Event("share:" + share.id() + ":viewed", Touchpoint.Kind.VIEWED, share.prospectId(), share.assetId(),
        clock.instant(), "tracked-link");
    Touchpoint stored;
    try {
      stored = insert(APPLICATION_SCOPE, event, share.id(), Touchpoint.Effect.JOURNEY_MOVED_ON);
    } catch (DuplicateKeyException viewedBefore) {
      return;
    }
    Touchpoint.Effect effect = viewed(share);
    if (effect != stored.effect()) {
      withEffect(stored, effect);
    }
  }

  /**
   * The distributor showed the asset in person as they shared it: the prospect's first view, counted and
   * recorded as a tracked link's first open would be (under the same key, so opening the link later adds no
   * second VIEWED). The share step then learns the asset was viewed, so no message is needed. False, and
   * nothing recorded, when the prospect had viewed it already.
   */
  @Transactional
  public boolean viewInPerson(Share share) {
    if (!shares.recordViewInPerson(share.id())) {
      return false;
    }
    try {
      insert(APPLICATION_SCOPE, new Event("share:" + share.id() + ":viewed", Touchpoint.Kind.VIEWED, share.prospectId(),
          share.assetId(), clock.instant(), "in-person"), share.id(), Touchpoint.Effect.JOURNEY_MOVED_ON);
    } catch (DuplicateKeyException viewedBefore) {
      // a retried step: the view is there already
    }
    return true;
  }

  /**
   * A touchpoint the journey records about itself (shared, follow-up answered, meeting held, outcome);
   * once per key. {@code assetId} may be null for the share's asset.
   */
  @Transactional
  public void recordByJourney(String idempotencyKey, Touchpoint.Kind kind, String prospectId, String assetId, String shareId) {
    try {
      insert(APPLICATION_SCOPE, new Event(idempotencyKey, kind, prospectId, assetId, clock.instant(), "journey"), shareId,
          Touchpoint.Effect.JOURNEY_MOVED_ON);
    } catch (DuplicateKeyException recordedBefore) {
      // a retried step: the touchpoint is there already
    }
  }

  /**
   * A quick outcome a distributor recorded at a task of the journey (not interested, already bought): stored as the
   * same touchpoint an integrator would report (source {@code quick-outcome}), once per key, with the effect it has
   * (the journey ends through its "Outcome?" gateway). The step changes the prospect's status itself.
   */
  @Transactional
  public void recordQuickOutcome(String idempotencyKey, Touchpoint.Kind kind, String prospectId, String shareId) {
    try {
      insert(APPLICATION_SCOPE, new Event(idempotencyKey, kind, prospectId, null, clock.instant(), "quick-outcome"), shareId,
          Touchpoint.Effect.JOURNEY_ENDED);
    } catch (DuplicateKeyException recordedBefore) {
      // a retried step: the touchpoint is there already
    }
  }

  /** A prospect's touchpoints in the order they were recorded. */
  public List<Touchpoint> ofProspect(String prospectId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM touchpoint WHERE prospect_id = ? ORDER BY sequence_number")
        .param(prospectId).query(Touchpoints::touchpoint).list();
  }

  private Touchpoint byId(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM touchpoint WHERE id = ?").param(id).query(Touchpoints::touchpoint).single();
  }

  /** The touchpoint the application recorded under one of its own keys (as {@code share:<id>:viewed}). */
  public Optional<Touchpoint> findByKey(String idempotencyKey) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM touchpoint WHERE key_scope = ? AND idempotency_key = ?")
        .params(APPLICATION_SCOPE, idempotencyKey).query(Touchpoints::touchpoint).optional();
  }

  /**
   * The first result when the scope has used this key for the same event; {@link KeyReused} when for another.
   * The database compares the times, so as stored (milliseconds on H2, whole seconds on MariaDB); an event
   * without a time repeats one that was given none (its time is its recording).
   */
  private Optional<Recorded> repeated(String scope, Event event) {
    String sameTime = event.occurredAt() == null ? "occurred_at = recorded_at" : "occurred_at = ?";
    var query = jdbc.sql("SELECT " + COLUMNS + ", CASE WHEN " + sameTime + " THEN 1 ELSE 0 END AS same_time"
        + " FROM touchpoint WHERE key_scope = ? AND idempotency_key = ?");
    if (event.occurredAt() != null) {
      query = query.param(Timestamp.from(event.occurredAt().truncatedTo(ChronoUnit.MILLIS)));
    }
    Optional<Earlier> earlier = query.param(scope).param(event.idempotencyKey())
        .query((rs, row) -> new Earlier(touchpoint(rs, row), rs.getInt("same_time") == 1)).optional();
    earlier.map(e -> e.differingFrom(event)).filter(differing -> !differing.isEmpty()).ifPresent(differing -> {
      throw new KeyReused(differing);
    });
    return earlier.map(e -> new Recorded(e.touchpoint(), true));
  }

  /** A touchpoint stored under a key, and whether its time is the one a new request under that key gives. */
  private record Earlier(Touchpoint touchpoint, boolean sameTime) {

    /** The request's fields (as it names them) that differ from the stored event. */
    List<String> differingFrom(Event event) {
      List<String> differing = new ArrayList<>();
      if (touchpoint.kind() != event.kind()) {
        differing.add("kind");
      }
      if (!Objects.equals(touchpoint.prospectId(), event.prospectId())) {
        differing.add("prospectId");
      }
      if (!Objects.equals(touchpoint.assetId(), event.assetId())) {
        differing.add("assetId");
      }
      if (!sameTime) {
        differing.add("occurredAt");
      }
      if (!Objects.equals(touchpoint.source(), event.source())) {
        differing.add("source");
      }
      return differing;
    }
  }

  /**
   * Moves on the journey waiting for this share's view. The diagram names the message after the
   * share ({@code AssetViewed-<share id>}), so it is found by its name alone; a journey started from
   * an earlier version of the diagram waits for plain {@code AssetViewed}, with the share id as a variable.
   */
  private Touchpoint.Effect viewed(Share share) {
    int moved = engine.call(() -> {
      int correlated = runtime.createMessageCorrelation(messageAssetViewed(share.id())).correlateAllWithResult().size();
      return correlated > 0 ? correlated : runtime.createMessageCorrelation(MESSAGE_ASSET_VIEWED)
          .processInstanceBusinessKey(share.prospectId())
          .processInstanceVariableEquals(ProspectDevelopment.SHARE_ID, share.id())
          .correlateAllWithResult().size();
    });
    return moved > 0 ? Touchpoint.Effect.JOURNEY_MOVED_ON : Touchpoint.Effect.STORED;
  }

  /** The message a journey waiting for a share's first view subscribes to. */
  public static String messageAssetViewed(String shareId) {
    return ProspectDevelopment.assetViewed(shareId);
  }

  private Touchpoint.Effect close(Prospect prospect, Prospect.Status status, String message) {
    if (prospect.isClosed()) {
      return Touchpoint.Effect.STORED;
    }
    prospects.changeStatus(prospect, status);
    int ended = engine.call(() -> runtime.createMessageCorrelation(message)
        .processInstanceBusinessKey(prospect.id())
        .correlateAllWithResult().size());
    return ended > 0 ? Touchpoint.Effect.JOURNEY_ENDED : Touchpoint.Effect.STORED;
  }

  /** A touchpoint of the past, as the simulated market's history writes them; numbered in the order given per prospect. */
  public record PastTouchpoint(String id, String prospectId, String assetId, String shareId, Touchpoint.Kind kind, Instant occurredAt,
                               Touchpoint.Effect effect) {
  }

  /** Writes touchpoints of the past in one batch (source "history", the application's key scope), each prospect's numbered in order. */
  public void addPast(List<PastTouchpoint> past) {
    Map<String, Integer> numbers = new HashMap<>();
    batch.batchUpdate("INSERT INTO touchpoint (" + COLUMNS + ", sequence_number) VALUES (?, ?, ?, ?, ?, ?, 'history', ?, ?, ?, ?)",
        past.stream().map(t -> new Object[] {t.id(), "history:" + t.id(), t.prospectId(), t.assetId(), t.shareId(), t.kind().name(),
            Timestamp.from(t.occurredAt()), Timestamp.from(t.occurredAt()), t.effect().name(),
            numbers.merge(t.prospectId(), 1, Integer::sum)}).toList());
  }

  private Touchpoint insert(String scope, Event event, String shareId, Touchpoint.Effect effect) {
    // milliseconds, as H2 stores them (MariaDB keeps whole seconds, so report answers what it reads back)
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Instant occurredAt = event.occurredAt() == null ? now : event.occurredAt().truncatedTo(ChronoUnit.MILLIS);
    Touchpoint touchpoint = new Touchpoint(UUID.randomUUID().toString(), event.idempotencyKey(), event.prospectId(),
        event.assetId(), shareId, event.kind(), event.source(), occurredAt, now, effect);
    // the order the journey saw them in, as several may share a millisecond: numbered in the insert itself
    // without an asset given, the share's asset (in the same statement: no look-up before it)
    jdbc.sql("INSERT INTO touchpoint (" + COLUMNS + ", sequence_number, key_scope) SELECT ?, ?, ?,"
            + " COALESCE(CAST(? AS VARCHAR(64)), (SELECT s.asset_id FROM content_asset_share s WHERE s.id = ?)), ?, ?, ?, ?, ?, ?,"
            + " COALESCE(MAX(sequence_number), 0) + 1, ? FROM touchpoint WHERE prospect_id = ?")
        .params(touchpoint.id(), touchpoint.idempotencyKey(), touchpoint.prospectId(), touchpoint.assetId(), shareId, shareId,
            touchpoint.kind().name(), touchpoint.source(), Timestamp.from(touchpoint.occurredAt()), Timestamp.from(now),
            touchpoint.effect().name(), scope, touchpoint.prospectId())
        .update();
    return touchpoint;
  }

  private Touchpoint withEffect(Touchpoint touchpoint, Touchpoint.Effect effect) {
    jdbc.sql("UPDATE touchpoint SET journey_effect = ? WHERE id = ?").params(effect.name(), touchpoint.id()).update();
    return new Touchpoint(touchpoint.id(), touchpoint.idempotencyKey(), touchpoint.prospectId(), touchpoint.assetId(),
        touchpoint.shareId(), touchpoint.kind(), touchpoint.source(), touchpoint.occurredAt(), touchpoint.recordedAt(), effect);
  }

  private static Touchpoint touchpoint(ResultSet rs, int row) throws SQLException {
    return new Touchpoint(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        Touchpoint.Kind.valueOf(rs.getString(6)), rs.getString(7), rs.getTimestamp(8).toInstant(),
        rs.getTimestamp(9).toInstant(), Touchpoint.Effect.valueOf(rs.getString(10)));
  }
}
