package com.journeycoach.coaching;

import com.journeycoach.people.Personality;
import java.util.Set;

/**
 * Fact: a distributor as the rules see them. {@code daysSinceActivity} counts days since the
 * distributor last shared, recorded a follow-up or added a prospect.
 */
public record DistributorProfile(String distributorId, String sponsorId, boolean experienced, Personality personality,
                                 Set<String> trainedProducts, long daysSinceEnrollment, long daysSinceActivity,
                                 int prospectCount) {

  public DistributorProfile {
    trainedProducts = Set.copyOf(trainedProducts);
  }

  public boolean isTrainedOn(String product) {
    return trainedProducts.contains(product);
  }
}
