package com.journeycoach.coaching;

import java.time.Clock;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Stored nudges, with their reasons. */
@Service
public class Nudges {

  private static final String COLUMNS = "id, recipient_id, audience, kind, prospect_id, distributor_id, journey_id, message_key, priority,"
      + " reason, created_at, detail";

  private final JdbcClient jdbc;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  public Nudges(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
    this.clock = clock;
    this.jdbc = jdbc;
    this.events = events;
  }

  public Nudge record(String recipientId, Nudge.Audience audience, String kind, String prospectId, String journeyId,
                      String messageKey, int priority, String reason) {
    return record(recipientId, audience, kind, prospectId, null, journeyId, messageKey, priority, reason);
  }

  /** A nudge about a distributor (an enrollee), for their sponsor or the managers. */
  public Nudge record(String recipientId, Nudge.Audience audience, String kind, String prospectId, String distributorId,
                      String journeyId, String messageKey, int priority, String reason) {
    Nudge nudge = new Nudge(UUID.randomUUID().toString(), recipientId, audience, kind, prospectId, distributorId, journeyId,
        messageKey, priority, reason, clock.instant(), null);
    insert(nudge);
    events.publishEvent(new NudgeRecorded(nudge));
    return nudge;
  }

  /**
   * A nudge that exists once under its id (a weekly digest: one id per recipient and week), recorded and delivered
   * only if no nudge has that id yet; empty when one has, so a run repeated or racing another sends nothing twice.
   */
  public java.util.Optional<Nudge> recordOnce(String id, String recipientId, Nudge.Audience audience, String kind, String messageKey,
                                              int priority, String reason, String detail) {
    if (find(id).isPresent()) {
      return java.util.Optional.empty();
    }
    Nudge nudge = new Nudge(id, recipientId, audience, kind, null, null, null, messageKey, priority, reason, clock.instant(), detail);
    try {
      insert(nudge);
    } catch (DuplicateKeyException e) {
      // another run recorded it meanwhile (the primary key decides)
      return java.util.Optional.empty();
    }
    events.publishEvent(new NudgeRecorded(nudge));
    return java.util.Optional.of(nudge);
  }

  private void insert(Nudge nudge) {
    jdbc.sql("INSERT INTO nudge (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(nudge.id(), nudge.recipientId(), nudge.audience().name(), nudge.kind(), nudge.prospectId(), nudge.distributorId(),
            nudge.journeyId(), nudge.messageKey(), nudge.priority(), nudge.reason(), Timestamp.from(nudge.createdAt()), nudge.detail())
        .update();
  }

  public java.util.Optional<Nudge> find(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM nudge WHERE id = ?").param(id)
        .query(Nudges::nudge)
        .optional();
  }

  public List<Nudge> ofRecipient(String recipientId) {
    return ofRecipients(List.of(recipientId));
  }

  /** The nudges of any of these recipients (a person, a group), newest first. */
  public List<Nudge> ofRecipients(List<String> recipientIds) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM nudge WHERE recipient_id IN (" + String.join(", ", Collections.nCopies(recipientIds.size(), "?"))
            + ") ORDER BY created_at DESC, id")
        .params(recipientIds)
        .query(Nudges::nudge)
        .list();
  }

  /** Nudges given to these recipients since the given time, as facts for caps and repeat windows. */
  public List<RecentNudge> recentFor(List<String> recipientIds, Instant since) {
    Instant now = clock.instant();
    String placeholders = String.join(", ", recipientIds.stream().map(r -> "?").toList());
    List<Object> params = new ArrayList<>(recipientIds);
    params.add(Timestamp.from(since));
    return jdbc.sql("SELECT recipient_id, kind, prospect_id, distributor_id, created_at FROM nudge WHERE recipient_id IN ("
            + placeholders + ") AND created_at >= ?")
        .params(params)
        .query((rs, i) -> new RecentNudge(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            Duration.between(rs.getTimestamp(5).toInstant(), now).toMillis() / 3_600_000.0))
        .list();
  }

  public List<Nudge> ofJourney(String journeyId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM nudge WHERE journey_id = ? ORDER BY created_at, id").param(journeyId)
        .query(Nudges::nudge)
        .list();
  }

  private static Nudge nudge(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new Nudge(rs.getString(1), rs.getString(2), Nudge.Audience.valueOf(rs.getString(3)), rs.getString(4),
        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9), rs.getString(10),
        rs.getTimestamp(11).toInstant(), rs.getString(12));
  }
}
