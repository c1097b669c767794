package com.journeycoach.system;

import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Runs an engine call as the application itself, without the caller's authorization. Used only
 * after the application has decided the caller may do this (an integrator reporting a purchase,
 * an anonymous prospect opening a tracked link): the engine call is the consequence, not the request.
 */
@Component
public class EngineAsApplication {

  private final IdentityService identity;

  public EngineAsApplication(IdentityService identity) {
    this.identity = identity;
  }

  public <T> T call(Supplier<T> engineCall) {
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return engineCall.get();
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }
}
