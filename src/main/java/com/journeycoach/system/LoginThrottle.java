package com.journeycoach.system;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The per-client limit on failed logins (a token bucket per client, Bucket4j). A login attempt
 * first {@linkplain #reserve reserves} one failure, so concurrent attempts from one client cannot
 * overrun the limit; a successful login {@linkplain #release gives it back}, so only failures count.
 * Clients whose bucket is full again are forgotten.
 */
public class LoginThrottle {

  /** The engine's clock, which Camunda's login delay reads too; tests move both with {@code ClockUtil}. */
  static final TimeMeter ENGINE_CLOCK = new TimeMeter() {
    @Override
    public long currentTimeNanos() {
      return TimeUnit.MILLISECONDS.toNanos(ClockUtil.getCurrentTime().getTime());
    }

    @Override
    public boolean isWallClockBased() {
      return true;
    }
  };

  private final LoginThrottleProperties properties;
  private final TimeMeter clock;
  private final Map<String, Bucket> buckets;

  public LoginThrottle(LoginThrottleProperties properties, TimeMeter clock) {
    this.properties = properties;
    this.clock = clock;
    // least recently used first; beyond maxClients the longest unseen client is forgotten
    this.buckets = new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
        return size() > properties.maxClients();
      }
    };
  }

  /**
   * Reserves one failed login for the client before its password is checked.
   *
   * @return empty when the client may try, else how long until it may try again
   */
  public synchronized Optional<Duration> reserve(String client) {
    ConsumptionProbe probe = buckets.computeIfAbsent(client, c -> newBucket()).tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
  }

  /** The reserved attempt was not a failed login: it does not count. */
  public synchronized void release(String client) {
    Bucket bucket = buckets.get(client);
    if (bucket != null) {
      bucket.addTokens(1);
      if (bucket.getAvailableTokens() >= properties.failuresPerClient()) {
        buckets.remove(client);
      }
    }
  }

  /** How many clients are remembered (those with failures not yet earned back). */
  synchronized int clientsRemembered() {
    return buckets.size();
  }

  private Bucket newBucket() {
    return Bucket.builder()
        .addLimit(limit -> limit.capacity(properties.failuresPerClient())
            .refillGreedy(properties.failuresPerClient(), properties.window()))
        .withCustomTimePrecision(clock)
        .build();
  }

  /**
   * The client of a remote address: an IPv4 address as it is; an IPv6 address by its /64 prefix,
   * since one subscriber commonly holds a whole /64 and could otherwise try from 2^64 addresses.
   */
  public static String clientOf(String remoteAddress) {
    if (remoteAddress == null || !remoteAddress.contains(":")) {
      return String.valueOf(remoteAddress);
    }
    try {
      // a literal address (it contains ':'), so no name is looked up
      InetAddress address = InetAddress.getByName(remoteAddress);
      if (address instanceof Inet6Address) {
        byte[] prefix = Arrays.copyOf(address.getAddress(), 16);
        Arrays.fill(prefix, 8, 16, (byte) 0);
        return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
      }
      return address.getHostAddress();
    } catch (UnknownHostException e) {
      return remoteAddress;
    }
  }
}
