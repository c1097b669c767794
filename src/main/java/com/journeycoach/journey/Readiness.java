package com.journeycoach.journey;

import com.journeycoach.statistics.Thresholds;
import java.util.List;
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

  public boolean isReady(List<FollowUpAnswer> answers) {
    if (answers.isEmpty()) {
      return false;
    }
    FollowUpAnswer latest = answers.get(answers.size() - 1);
    int interestTotal = answers.stream().mapToInt(FollowUpAnswer::interestChange).sum();
    return latest.purchaseIntent() == FollowUpAnswer.Intent.HIGH
        || latest.closeEstimate() >= thresholds.number("readiness.close-estimate").intValue()
        || interestTotal >= thresholds.number("readiness.interest-total").intValue();
  }
}
