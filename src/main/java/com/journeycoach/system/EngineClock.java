package com.journeycoach.system;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock of Journey Coach: the engine's. Timers, due dates and history follow Camunda's clock;
 * the application's own times (touchpoints, shares, nudges, the send ledger) are read from the same one,
 * injected as a {@link Clock}, so a test that moves Camunda's clock ({@code ClockUtil}) moves both.
 */
@Configuration
public class EngineClock {

  @Bean
  Clock clock() {
    return new Follows(ZoneOffset.UTC);
  }

  /** A clock that reads Camunda's: the system's, unless a test has set it. */
  static final class Follows extends Clock {

    private final ZoneId zone;

    Follows(ZoneId zone) {
      this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return new Follows(zone);
    }

    @Override
    public Instant instant() {
      return ClockUtil.getCurrentTime().toInstant();
    }
  }
}
