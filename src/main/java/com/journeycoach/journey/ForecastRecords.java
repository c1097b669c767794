package com.journeycoach.journey;

import com.journeycoach.coaching.ForecastRecord;
import com.journeycoach.people.Prospect;
import com.journeycoach.people.ProspectStatusChanged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each distributor's forecast record (their own close estimates against what happened), kept as
 * running sums on the distributor row: a journey counts once it is closed and has a follow-up answer,
 * with its last close estimate, as converted when it ended WON or ENROLLED. Kept up to date in the
 * transaction that changes a prospect's status, so a coaching decision reads one row.
 */
@Component
public class ForecastRecords {

  private final JdbcClient jdbc;

  public ForecastRecords(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The record from the running sums (columns closed_journeys, close_estimate_sum, converted_journeys of distributor). */
  static ForecastRecord of(String distributorId, int closed, long estimateSum, int converted) {
    return closed == 0 ? new ForecastRecord(distributorId, 0, 0, 0)
        : new ForecastRecord(distributorId, closed, (double) estimateSum / closed, 100.0 * converted / closed);
  }

  @EventListener
  void on(ProspectStatusChanged changed) {
    Prospect prospect = changed.prospect();
    int closed = count(prospect.status().closed()) - count(changed.before().closed());
    int converted = count(prospect.status().converted()) - count(changed.before().converted());
    if (closed == 0 && converted == 0) {
      return;
    }
    // in one statement: the prospect's last close estimate; a journey without any answer has no
    // estimate to hold against its outcome and changes nothing
    jdbc.sql("UPDATE distributor SET closed_journeys = closed_journeys + ?,"
            + " close_estimate_sum = close_estimate_sum + ? * (SELECT f.close_estimate FROM follow_up_answer f WHERE f.prospect_id = ?"
            + "   ORDER BY f.answer_number DESC, f.answered_at DESC, f.id DESC LIMIT 1),"
            + " converted_journeys = converted_journeys + ?"
            + " WHERE id = ? AND EXISTS (SELECT 1 FROM follow_up_answer f WHERE f.prospect_id = ?)")
        .params(closed, closed, prospect.id(), converted, prospect.distributorId(), prospect.id())
        .update();
  }

  private static int count(boolean counted) {
    return counted ? 1 : 0;
  }
}
