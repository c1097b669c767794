package com.journeycoach.journey;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Follow-up answers, stored per share and prospect. */
@Service
public class FollowUpAnswers {

  private final JdbcClient jdbc;

  public FollowUpAnswers(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void record(String shareId, String prospectId, String distributorId, FollowUpAnswer answer) {
    // numbered in the insert itself: two answers may share a timestamp
    jdbc.sql("INSERT INTO follow_up_answer (id, share_id, prospect_id, distributor_id, interest_change, purchase_intent,"
            + " close_estimate, notes, answered_at, answer_number) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " COALESCE(MAX(answer_number), 0) + 1 FROM follow_up_answer WHERE prospect_id = ?")
        .params(UUID.randomUUID().toString(), shareId, prospectId, distributorId, answer.interestChange(),
            answer.purchaseIntent().name(), answer.closeEstimate(), answer.notes(), Timestamp.from(Instant.now()), prospectId)
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
