package com.journeycoach.journey;

import java.time.Clock;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Follow-up answers, stored per share and prospect. */
@Service
public class FollowUpAnswers {

  private final JdbcClient jdbc;
  private final Clock clock;
  private final JdbcTemplate batch;

  public FollowUpAnswers(JdbcClient jdbc, JdbcTemplate batch, Clock clock) {
    this.clock = clock;
    this.jdbc = jdbc;
    this.batch = batch;
  }

  /** An answer of the past, as the simulated market's history writes them; numbered in the order given per prospect. */
  public record PastAnswer(String id, String shareId, String prospectId, String distributorId, FollowUpAnswer answer,
                           Instant answeredAt) {
  }

  /** Writes answers of the past in one batch, each prospect's numbered in the order given. */
  public void addPast(List<PastAnswer> past) {
    Map<String, Integer> numbers = new HashMap<>();
    batch.batchUpdate("INSERT INTO follow_up_answer (id, share_id, prospect_id, distributor_id, interest_change, purchase_intent,"
        + " close_estimate, notes, answered_at, answer_number) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", past.stream()
        .map(a -> new Object[] {a.id(), a.shareId(), a.prospectId(), a.distributorId(), a.answer().interestChange(),
            a.answer().purchaseIntent().name(), a.answer().closeEstimate(), a.answer().notes(), Timestamp.from(a.answeredAt()),
            numbers.merge(a.prospectId(), 1, Integer::sum)})
        .toList());
  }

  /** The close estimate of the prospect's last answer, if they gave any. */
  public Optional<Integer> lastCloseEstimate(String prospectId) {
    return jdbc.sql("SELECT close_estimate FROM follow_up_answer WHERE prospect_id = ?"
            + " ORDER BY answer_number DESC, answered_at DESC, id DESC LIMIT 1")
        .param(prospectId).query(Integer.class).optional();
  }

  public void record(String shareId, String prospectId, String distributorId, FollowUpAnswer answer) {
    // numbered in the insert itself: two answers may share a timestamp
    jdbc.sql("INSERT INTO follow_up_answer (id, share_id, prospect_id, distributor_id, interest_change, purchase_intent,"
            + " close_estimate, notes, answered_at, answer_number) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " COALESCE(MAX(answer_number), 0) + 1 FROM follow_up_answer WHERE prospect_id = ?")
        .params(UUID.randomUUID().toString(), shareId, prospectId, distributorId, answer.interestChange(),
            answer.purchaseIntent().name(), answer.closeEstimate(), answer.notes(), Timestamp.from(clock.instant()), prospectId)
        .update();
  }

  public List<FollowUpAnswer> ofProspect(String prospectId) {
    return jdbc.sql("SELECT interest_change, purchase_intent, close_estimate, notes FROM follow_up_answer WHERE prospect_id = ?"
            + " ORDER BY answer_number, answered_at, id")
        .param(prospectId)
        .query((rs, i) -> new FollowUpAnswer(rs.getInt(1), FollowUpAnswer.Intent.valueOf(rs.getString(2)), rs.getInt(3),
            rs.getString(4)))
        .list();
  }
}
