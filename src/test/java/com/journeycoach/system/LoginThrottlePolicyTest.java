package com.journeycoach.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The per-client limit on failed logins, on a clock the test moves. */
class LoginThrottlePolicyTest {

  final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  final TimeMeter clock = new TimeMeter() {
    @Override
    public long currentTimeNanos() {
      return nanos.get();
    }

    @Override
    public boolean isWallClockBased() {
      return false;
    }
  };

  LoginThrottle throttle(int failures, Duration window, int maxClients) {
    return new LoginThrottle(new LoginThrottleProperties(failures, window, maxClients), clock);
  }

  void fail(LoginThrottle throttle, String client, int times) {
    for (int i = 0; i < times; i++) {
      assertThat(throttle.reserve(client)).as("attempt %d of %s", i + 1, client).isEmpty();
    }
  }

  void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }

  @Test
  void aClientMayFailUpToTheLimitThenWaitsForOneTryPerShare() {
    LoginThrottle throttle = throttle(10, Duration.ofMinutes(1), 100);
    fail(throttle, "203.0.113.7", 10);

    assertThat(throttle.reserve("203.0.113.7")).hasValue(Duration.ofSeconds(6));
    advance(Duration.ofSeconds(5));
    assertThat(throttle.reserve("203.0.113.7")).hasValue(Duration.ofSeconds(1));
    advance(Duration.ofSeconds(1));
    assertThat(throttle.reserve("203.0.113.7")).isEmpty();
    assertThat(throttle.reserve("203.0.113.7")).isPresent();
  }

  @Test
  void successfulLoginsDoNotCount() {
    LoginThrottle throttle = throttle(3, Duration.ofMinutes(1), 100);
    for (int i = 0; i < 1000; i++) {
      assertThat(throttle.reserve("127.0.0.1")).isEmpty();
      throttle.release("127.0.0.1");
    }
    assertThat(throttle.clientsRemembered()).isZero();
    fail(throttle, "127.0.0.1", 3);
    assertThat(throttle.reserve("127.0.0.1")).isPresent();
  }

  @Test
  void aFloodFromOneClientLeavesOthersAlone() {
    LoginThrottle throttle = throttle(10, Duration.ofMinutes(1), 100);
    fail(throttle, "198.51.100.1", 10);
    for (int i = 0; i < 100; i++) {
      assertThat(throttle.reserve("198.51.100.1")).isPresent();
    }
    fail(throttle, "198.51.100.2", 10);
  }

  @Test
  void afterTheFloodStopsTheAddressHasAllItsTriesBackWithinTheWindow() {
    LoginThrottle throttle = throttle(10, Duration.ofMinutes(1), 100);
    fail(throttle, "192.0.2.9", 10);
    int admitted = 0;
    for (int second = 0; second < 60; second++) {
      admitted += throttle.reserve("192.0.2.9").isEmpty() ? 1 : 0;
      advance(Duration.ofSeconds(1));
    }
    assertThat(admitted).as("tries of a flood at one a second, over a minute: one every 6 s").isEqualTo(9);

    advance(Duration.ofMinutes(1));
    fail(throttle, "192.0.2.9", 10);
  }

  @Test
  void anIpv6SubscriberIsOneClientForTheirWholeSlash64() {
    assertThat(LoginThrottle.clientOf("2001:db8:1:2:aaaa::1")).isEqualTo(LoginThrottle.clientOf("2001:db8:1:2:ffff:1:2:3"));
    assertThat(LoginThrottle.clientOf("2001:db8:1:2::1")).isNotEqualTo(LoginThrottle.clientOf("2001:db8:1:3::1"));
    assertThat(LoginThrottle.clientOf("192.0.2.1")).isNotEqualTo(LoginThrottle.clientOf("192.0.2.2"));

    LoginThrottle throttle = throttle(2, Duration.ofMinutes(1), 100);
    fail(throttle, LoginThrottle.clientOf("2001:db8:1:2::1"), 2);
    assertThat(throttle.reserve(LoginThrottle.clientOf("2001:db8:1:2::dead:beef"))).isPresent();
  }

  @Test
  void memoryIsBoundedByForgettingTheLongestUnseenClient() {
    LoginThrottle throttle = throttle(1, Duration.ofMinutes(1), 3);
    for (int i = 1; i <= 10; i++) {
      fail(throttle, "10.0.0." + i, 1);
    }
    assertThat(throttle.clientsRemembered()).isEqualTo(3);
    assertThat(throttle.reserve("10.0.0.10")).as("remembered").isPresent();
    assertThat(throttle.reserve("10.0.0.1")).as("forgotten: a fresh try").isEmpty();
  }

  @Test
  void aWindowThatKeepsAnAddressOutLongerThanAMinuteIsRefused() {
    assertThatThrownBy(() -> new LoginThrottleProperties(2, Duration.ofMinutes(3), 100))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 60 s");
    assertThatThrownBy(() -> new LoginThrottleProperties(0, Duration.ofMinutes(1), 100))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new LoginThrottleProperties(10, Duration.ofMinutes(10), 100).timePerTry()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void camundasDelayMustEndWithinAMinuteAndNeverLockForGood() {
    LoginDelayBounds.check(Integer.MAX_VALUE, 30);
    LoginDelayBounds.check(Integer.MAX_VALUE, 60);
    assertThatThrownBy(() -> LoginDelayBounds.check(10, 30)).hasMessageContaining("login-max-attempts");
    assertThatThrownBy(() -> LoginDelayBounds.check(Integer.MAX_VALUE, 61)).hasMessageContaining("login-delay-max-time");
  }
}
