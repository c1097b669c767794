package com.journeycoach.coaching;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fact: how many of the journeys in a decision's facts show interest in a product. {@link RuleBook}
 * adds one per product to every decision, counted from the {@link ProspectJourney} facts, so that a
 * rule compares a count with a threshold instead of counting journeys itself.
 */
public record ProductInterest(String product, int prospects) {

  /** One per product that any of the journeys among the facts is interested in; equal journeys count once. */
  public static List<ProductInterest> countedFrom(Collection<?> facts) {
    Set<ProspectJourney> journeys = new LinkedHashSet<>();
    for (Object fact : facts) {
      if (fact instanceof ProspectJourney journey) {
        journeys.add(journey);
      }
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (ProspectJourney journey : journeys) {
      for (String product : journey.productInterests()) {
        counts.merge(product, 1, Integer::sum);
      }
    }
    return counts.entrySet().stream().map(count -> new ProductInterest(count.getKey(), count.getValue())).toList();
  }
}
