package com.journeycoach.coaching;

/**
 * Fact: a distributor's own close estimates against what happened, over their closed journeys:
 * the mean of their last estimate per journey and the share that closed, both in percent.
 */
public record ForecastRecord(String distributorId, int closedJourneys, double meanEstimatePercent, double closeRatePercent) {

  public double overEstimatePoints() {
    return meanEstimatePercent - closeRatePercent;
  }
}
