package com.journeycoach.statistics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What prospects told their distributors after viewing an asset, per asset and audience, for Insights: the follow-up
 * answers given to the asset's shares, their mean interest change (-2 to +2), how many stated each purchase intent,
 * and the share stating intent (MEDIUM or HIGH, as {@link IntentDriftCheck} counts it) with a 90 % credible interval
 * from a uniform prior, Beta(1 + stated, 1 + answers - stated).
 */
@Service
public class ContentAnswers {

  /** The answers after views of one asset by prospects of one audience. */
  public record Answers(long answers, double meanInterestChange, long intentNone, long intentLow, long intentMedium,
                        long intentHigh, double statedIntent, double statedLower, double statedUpper) {
  }

  static final List<String> INTENTS = List.of("NONE", "LOW", "MEDIUM", "HIGH");

  private final JdbcClient jdbc;

  public ContentAnswers(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Keyed by asset id, then audience; only pairs with at least one answer. */
  public Map<String, Map<String, Answers>> all() {
    Map<String, Map<String, long[]>> counts = new HashMap<>();
    jdbc.sql("""
            SELECT s.asset_id, p.audience, f.purchase_intent, COUNT(*) AS answers, SUM(f.interest_change) AS interest
            FROM journey_follow_up_answer f
            JOIN content_asset_share s ON s.id = f.share_id
            JOIN people_prospect p ON p.id = f.prospect_id
            GROUP BY s.asset_id, p.audience, f.purchase_intent""")
        .query(rs -> {
          int level = INTENTS.indexOf(rs.getString("purchase_intent"));
          if (level < 0) {
            return;   // the form takes only the four intents
          }
          long[] c = counts.computeIfAbsent(rs.getString("asset_id"), id -> new HashMap<>())
              .computeIfAbsent(rs.getString("audience"), a -> new long[6]);
          long answers = rs.getLong("answers");
          c[0] += answers;
          c[1] += rs.getLong("interest");
          c[2 + level] += answers;
        });
    Map<String, Map<String, Answers>> result = new HashMap<>();
    counts.forEach((asset, audiences) -> audiences.forEach((audience, c) -> {
      long stated = c[4] + c[5];
      BetaDistribution posterior = BetaDistribution.of(1.0 + stated, 1.0 + c[0] - stated);
      result.computeIfAbsent(asset, a -> new HashMap<>()).put(audience, new Answers(c[0], (double) c[1] / c[0], c[2], c[3], c[4], c[5],
          (double) stated / c[0], posterior.inverseCumulativeProbability(TeamShrinkage.LOWER_QUANTILE),
          posterior.inverseCumulativeProbability(TeamShrinkage.UPPER_QUANTILE)));
    }));
    return result;
  }
}
