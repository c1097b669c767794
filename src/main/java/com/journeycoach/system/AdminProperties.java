package com.journeycoach.system;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first administrator. The password never has a default: it comes from the environment
 * ({@code JOURNEY_ADMIN_PASSWORD}); without one, the embedded default generates a random one.
 */
@ConfigurationProperties("journey.admin")
public record AdminProperties(String userId, String password, boolean generatePasswordIfMissing) {

  public AdminProperties {
    if (userId == null || userId.isBlank()) {
      userId = "admin";
    }
  }

  public boolean hasPassword() {
    return password != null && !password.isBlank();
  }
}
