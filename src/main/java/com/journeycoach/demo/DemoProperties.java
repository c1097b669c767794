package com.journeycoach.demo;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The simulated market of the {@code demo} profile.
 *
 * @param distributorId      the demo distributor whose tasks the market leaves open for a person to work in Tasklist
 * @param password           their password ({@code JOURNEY_DEMO_PASSWORD}); generated and printed once when empty
 * @param seed               the seed of the market's random numbers
 * @param roundInterval      wall time between market rounds
 * @param marketHoursPerRound market time one round stands for
 * @param distributors       simulated distributors besides the demo distributor
 * @param historyProspects   finished journeys of the past written at the first start, for the tuning to measure
 * @param initialRounds      rounds run at start, before the first scheduled one
 */
@ConfigurationProperties("journey.demo")
public record DemoProperties(String distributorId, String password, Long seed, Duration roundInterval, Integer marketHoursPerRound,
                             Integer distributors, Integer historyProspects, Integer initialRounds) {

  public DemoProperties {
    distributorId = distributorId == null || distributorId.isBlank() ? "demo-distributor" : distributorId.strip();
    seed = seed == null ? 7L : seed;
    roundInterval = roundInterval == null ? Duration.ofSeconds(10) : roundInterval;
    marketHoursPerRound = marketHoursPerRound == null ? 12 : marketHoursPerRound;
    distributors = distributors == null ? 6 : distributors;
    historyProspects = historyProspects == null ? 400 : historyProspects;
    initialRounds = initialRounds == null ? 3 : initialRounds;
  }

  public boolean hasPassword() {
    return password != null && !password.isBlank();
  }
}
