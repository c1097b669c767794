package com.journeycoach.system;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * HTTP Basic on {@code /engine-rest/**} and {@code /api/**}, checked against Camunda's identity
 * service; the request then runs as that user, so Camunda's authorization applies to it.
 */
@Configuration
public class RestAuthentication {

  static final String REALM = "journey-coach";

  @Bean
  FilterRegistrationBean<EveryRequestAuthenticationFilter> restAuthenticationFilter() {
    var registration = new FilterRegistrationBean<>(new EveryRequestAuthenticationFilter());
    registration.setName("journey-coach-rest-authentication");
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        ProblemDetailBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns("/engine-rest/*", "/api/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  /** Camunda's filter lets {@code GET /engine-rest/engine} through anonymously; here nothing is. */
  public static class EveryRequestAuthenticationFilter extends ProcessEngineAuthenticationFilter {
    @Override
    protected boolean requiresEngineAuthentication(String requestUrl) {
      return true;
    }
  }

  /** Camunda's Basic provider, answering a refused login with a problem detail instead of an empty body. */
  public static class ProblemDetailBasicAuthenticationProvider extends HttpBasicAuthenticationProvider {
    @Override
    public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
      response.setContentType("application/problem+json");
      response.setCharacterEncoding("UTF-8");
      try {
        response.getWriter().write("""
            {"type":"about:blank","title":"Unauthorized","status":401,\
            "detail":"Log in with HTTP Basic: a Journey Coach (Camunda) user id and password."}""");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
