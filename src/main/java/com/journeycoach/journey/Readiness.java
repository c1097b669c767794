package com.journeycoach.journey;

import com.journeycoach.statistics.Thresholds;
import org.springframework.stereotype.Component;

/**
 * Whether a prospect is ready for a presentation or meeting, from the follow-up answers so far:
 * the distributor's close estimate, a high purchase intent, or interest that has grown enough.
 * The limits are thresholds.
 */
@Component
public class Readiness {

  private final Thresholds thresholds;

  public Readiness(Thresholds thresholds) {
    this.thresholds = thresholds;
  }

  /** From the latest answer and the sum of the interest changes of all the answers so far (the latest included). */
  public boolean isReady(FollowUpAnswer latest, int interestTotal) {
    return latest.purchaseIntent() == FollowUpAnswer.Intent.HIGH
        || latest.closeEstimate() >= thresholds.number("readiness.close-estimate").intValue()
        || interestTotal >= thresholds.number("readiness.interest-total").intValue();
  }
}
