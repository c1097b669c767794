package com.journeycoach.statistics;

import com.journeycoach.settings.Thresholds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * How well each distributor's own close estimates foretold their journeys, for Insights. A closed journey (won,
 * enrolled or lost) with a follow-up answer counts once, with the close estimate of its last answer (as the forecast
 * record the rules read): the Brier score (mean squared difference of estimate and outcome, 0 is perfect, 0.25 is
 * always saying 50 %), and the journeys binned by estimate (0-9, 10-19, ..., 90-100 %) with the mean estimate and
 * the share converted in each bin, for the reliability plot. Beside it, the over-estimation the rules use: the
 * distributor's forecast record (running sums kept by the journeys), mean estimate minus close rate, and whether
 * it passes the forecast rules' thresholds.
 */
@Service
public class ForecastCalibration {

  public static final int BINS = 10;

  /** Journeys whose last estimate fell into [lower, upper] percent, their mean estimate and the share converted. */
  public record Bin(int lower, int upper, long journeys, double meanEstimate, double observed) {
  }

  /**
   * One distributor's calibration: from the raw answers (journeys, mean estimate, close rate, Brier score, bins) and
   * from the record the rules read (journeys, over-estimation in points, whether the rules call it over-estimating).
   */
  public record Calibration(long journeys, Double meanEstimate, Double closeRate, Double brier, List<Bin> bins,
                            long recordJourneys, Double overEstimatePoints, boolean overEstimating) {
  }

  private final JdbcClient jdbc;
  private final Thresholds thresholds;

  public ForecastCalibration(JdbcClient jdbc, Thresholds thresholds) {
    this.jdbc = jdbc;
    this.thresholds = thresholds;
  }

  /** The calibration of each given distributor, by id (every one of them, also without journeys). */
  public Map<String, Calibration> of(Set<String> distributorIds) {
    // every answer of a closed journey, the last one per prospect first
    Map<String, List<double[]>> outcomes = new HashMap<>();
    Set<String> counted = new HashSet<>();
    jdbc.sql("""
            SELECT p.id AS prospect_id, p.distributor_id, p.status, f.close_estimate
            FROM people_prospect p JOIN journey_follow_up_answer f ON f.prospect_id = p.id
            WHERE p.status IN ('WON', 'ENROLLED', 'LOST')
            ORDER BY p.id, f.answer_number DESC, f.answered_at DESC, f.id DESC""")
        .query(rs -> {
          if (counted.add(rs.getString("prospect_id")) && distributorIds.contains(rs.getString("distributor_id"))) {
            outcomes.computeIfAbsent(rs.getString("distributor_id"), id -> new ArrayList<>())
                .add(new double[] {rs.getInt("close_estimate"), rs.getString("status").equals("LOST") ? 0 : 1});
          }
        });
    long minClosed = thresholds.number("coaching.forecast.min-closed-journeys").longValue();
    double gapPoints = thresholds.number("coaching.forecast.gap-points").doubleValue();
    Map<String, long[]> records = new HashMap<>();
    jdbc.sql("SELECT id, closed_journeys, close_estimate_sum, converted_journeys FROM people_distributor")
        .query(rs -> {
          records.put(rs.getString("id"),
              new long[] {rs.getLong("closed_journeys"), rs.getLong("close_estimate_sum"), rs.getLong("converted_journeys")});
        });

    Map<String, Calibration> calibrations = new HashMap<>();
    for (String id : distributorIds) {
      long[] record = records.getOrDefault(id, new long[3]);
      Double gap = record[0] == 0 ? null : (double) record[1] / record[0] - 100.0 * record[2] / record[0];
      boolean overEstimating = gap != null && record[0] >= minClosed && gap >= gapPoints;
      calibrations.put(id, calibrate(outcomes.getOrDefault(id, List.of()), record[0], gap, overEstimating));
    }
    return calibrations;
  }

  /** The figures of one distributor's (estimate in percent, converted 0 or 1) pairs. */
  static Calibration calibrate(List<double[]> outcomes, long recordJourneys, Double gap, boolean overEstimating) {
    if (outcomes.isEmpty()) {
      return new Calibration(0, null, null, null, List.of(), recordJourneys, gap, overEstimating);
    }
    double estimates = 0;
    double converted = 0;
    double squares = 0;
    long[] binJourneys = new long[BINS];
    double[] binEstimates = new double[BINS];
    double[] binConverted = new double[BINS];
    for (double[] outcome : outcomes) {
      double p = outcome[0] / 100.0;
      estimates += p;
      converted += outcome[1];
      squares += (p - outcome[1]) * (p - outcome[1]);
      int bin = Math.min(BINS - 1, (int) outcome[0] / BINS);
      binJourneys[bin]++;
      binEstimates[bin] += p;
      binConverted[bin] += outcome[1];
    }
    List<Bin> bins = new ArrayList<>();
    for (int b = 0; b < BINS; b++) {
      if (binJourneys[b] > 0) {
        bins.add(new Bin(b * BINS, b == BINS - 1 ? 100 : b * BINS + BINS - 1, binJourneys[b], binEstimates[b] / binJourneys[b],
            binConverted[b] / binJourneys[b]));
      }
    }
    int n = outcomes.size();
    return new Calibration(n, estimates / n, converted / n, squares / n, bins, recordJourneys, gap, overEstimating);
  }
}
