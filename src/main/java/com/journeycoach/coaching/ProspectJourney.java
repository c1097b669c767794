package com.journeycoach.coaching;

import com.journeycoach.people.Personality;
import java.util.Set;

/**
 * Fact: one prospect's journey: the step it is at ({@code share}, {@code view}, {@code follow-up},
 * {@code meeting}, {@code nurture}), how long it has been there and in the journey, reminders sent,
 * the sum of interest changes, the products the prospect showed interest in, and their personality.
 */
public record ProspectJourney(String prospectId, String distributorId, String step, double hoursInStep,
                              double hoursInJourney, int remindersSent, int interestTotal, Set<String> productInterests,
                              Personality prospectPersonality) {

  public ProspectJourney {
    productInterests = Set.copyOf(productInterests);
  }

  public boolean isInterestedIn(String product) {
    return productInterests.contains(product);
  }
}
