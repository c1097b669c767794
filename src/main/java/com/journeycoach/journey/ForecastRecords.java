package com.journeycoach.journey;

import com.journeycoach.coaching.ForecastRecord;
import com.journeycoach.people.Distributors;
import com.journeycoach.people.Prospect;
import com.journeycoach.people.ProspectStatusChanged;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Each distributor's forecast record (their own close estimates against what happened), kept as
 * running sums on the distributor row: a journey counts once it is closed and has a follow-up answer,
 * with its last close estimate, as converted when it ended WON or ENROLLED. Kept up to date in the
 * transaction that changes a prospect's status, so a coaching decision reads one row.
 */
@Component
public class ForecastRecords {

  private final FollowUpAnswers followUps;
  private final Distributors distributors;

  public ForecastRecords(FollowUpAnswers followUps, Distributors distributors) {
    this.followUps = followUps;
    this.distributors = distributors;
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
    // the prospect's last close estimate; a journey without any answer has no estimate to hold against its
    // outcome and changes nothing. The sums are the distributor's (people's) to write.
    followUps.lastCloseEstimate(prospect.id()).ifPresent(estimate ->
        distributors.addToForecastRecord(prospect.distributorId(), closed, (long) closed * estimate, converted));
  }

  /** A journey of the past that ended: its distributor, the last close estimate given (null: none), whether it converted. */
  public record ClosedJourney(String distributorId, Integer lastCloseEstimate, boolean converted) {
  }

  /** Counts journeys of the past into their distributors' records, as the status changes would have one by one. */
  public void addPast(List<ClosedJourney> closedJourneys) {
    Map<String, long[]> sums = new TreeMap<>();
    for (ClosedJourney journey : closedJourneys) {
      if (journey.lastCloseEstimate() != null) {
        long[] sum = sums.computeIfAbsent(journey.distributorId(), id -> new long[3]);
        sum[0]++;
        sum[1] += journey.lastCloseEstimate();
        sum[2] += journey.converted() ? 1 : 0;
      }
    }
    sums.forEach((distributorId, sum) -> distributors.addToForecastRecord(distributorId, (int) sum[0], sum[1], (int) sum[2]));
  }

  private static int count(boolean counted) {
    return counted ? 1 : 0;
  }
}
