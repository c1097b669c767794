package com.journeycoach.people;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param lifetime how long a link to set a password works after it is sent (once, in any case)
 */
@ConfigurationProperties("journey.password-links")
public record PasswordLinkProperties(Duration lifetime) {

  public PasswordLinkProperties {
    lifetime = lifetime == null ? Duration.ofHours(72) : lifetime;
    if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(Duration.ofDays(30)) > 0) {
      throw new IllegalArgumentException("journey.password-links.lifetime must be more than 0 and at most 30 days, not " + lifetime);
    }
  }
}
