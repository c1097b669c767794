package com.journeycoach.system;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The per-client limit on failed logins: a client (remote address, an IPv6 /64) may fail
 * {@code failuresPerClient} times, and gets one more try every {@code window / failuresPerClient}.
 * At most {@code maxClients} clients are remembered (the least recently seen are forgotten first).
 */
@ConfigurationProperties("journey.login-throttle")
public record LoginThrottleProperties(
    @DefaultValue("10") int failuresPerClient,
    @DefaultValue("1m") Duration window,
    @DefaultValue("100000") int maxClients) {

  /** A person sharing an address with an attacker (an office, a phone network) waits no longer than this for a try. */
  static final Duration LONGEST_WAIT_FOR_A_TRY = Duration.ofMinutes(1);

  public LoginThrottleProperties {
    if (failuresPerClient < 1) {
      throw new IllegalArgumentException("journey.login-throttle.failures-per-client must be at least 1, was " + failuresPerClient);
    }
    if (window == null || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("journey.login-throttle.window must be positive, was " + window);
    }
    if (window.dividedBy(failuresPerClient).compareTo(LONGEST_WAIT_FOR_A_TRY) > 0) {
      throw new IllegalArgumentException("journey.login-throttle.window / failures-per-client must be at most "
          + LONGEST_WAIT_FOR_A_TRY.toSeconds() + " s (the next try of a throttled address), was "
          + window.dividedBy(failuresPerClient).toSeconds() + " s");
    }
    if (maxClients < 1) {
      throw new IllegalArgumentException("journey.login-throttle.max-clients must be at least 1, was " + maxClients);
    }
  }

  /** The time in which a throttled client earns one more try. */
  Duration timePerTry() {
    return window.dividedBy(failuresPerClient);
  }
}
