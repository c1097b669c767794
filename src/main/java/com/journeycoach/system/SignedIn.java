package com.journeycoach.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.stereotype.Component;

/**
 * Who is signed in at a request that needs nobody to be (a tracked link): a Journey Coach user logged in
 * to the webapps in this browser (their session), or one sending HTTP Basic credentials that Camunda
 * accepts. Only what the server holds or checks counts, never a name the request merely states.
 */
@Component
public class SignedIn {

  /** HTTP Basic credentials that Camunda refused: answer 401 (the login throttle counts it). */
  public static final class WrongCredentials extends RuntimeException {
    WrongCredentials() {
      super("The user id or password is wrong");
    }
  }

  private final ProcessEngine engine;

  public SignedIn(ProcessEngine engine) {
    this.engine = engine;
  }

  /** The signed-in user's id; empty for an anonymous request. */
  public Optional<String> userAt(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      Optional<String> webappUser = AuthenticationUtil.getAuthsFromSession(session).getAuthentications().stream()
          .filter(authentication -> engine.getName().equals(authentication.getProcessEngineName()))
          .map(UserAuthentication::getName)
          .findFirst();
      if (webappUser.isPresent()) {
        return webappUser;
      }
    }
    if (request.getHeader("Authorization") != null) {
      AuthenticationResult result = new HttpBasicAuthenticationProvider().extractAuthenticatedUser(request, engine);
      if (!result.isAuthenticated()) {
        throw new WrongCredentials();
      }
      return Optional.of(result.getAuthenticatedUser());
    }
    return Optional.empty();
  }
}
