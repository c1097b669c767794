package com.journeycoach.system;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Refuses to start with a Camunda login delay that an anonymous caller could turn against a user:
 * a wrong password delays the user's next login by at most a minute, and never locks them for good
 * ({@code login-max-attempts} is "never"). Checked after the generic properties are applied.
 */
@Component
public class LoginDelayBounds extends AbstractProcessEnginePlugin {

  static final int LONGEST_DELAY_SECONDS = 60;
  static final int NEVER_LOCK = Integer.MAX_VALUE;

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    check(configuration.getLoginMaxAttempts(), configuration.getLoginDelayMaxTime());
  }

  static void check(int loginMaxAttempts, int loginDelayMaxTime) {
    if (loginMaxAttempts != NEVER_LOCK) {
      throw new IllegalStateException("camunda.bpm.generic-properties.properties.login-max-attempts must be "
          + NEVER_LOCK + " (never lock): anyone can send a user's id with wrong passwords, was " + loginMaxAttempts);
    }
    if (loginDelayMaxTime < 1 || loginDelayMaxTime > LONGEST_DELAY_SECONDS) {
      throw new IllegalStateException("camunda.bpm.generic-properties.properties.login-delay-max-time must be 1 to "
          + LONGEST_DELAY_SECONDS + " seconds, so the user logs in within a minute after failures stop, was "
          + loginDelayMaxTime);
    }
  }
}
