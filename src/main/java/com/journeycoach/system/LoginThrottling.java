package com.journeycoach.system;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The login throttle in front of every password check (before {@link RestAuthentication}'s filter). */
@Configuration
public class LoginThrottling {

  @Bean
  LoginThrottle loginThrottle(LoginThrottleProperties properties) {
    return new LoginThrottle(properties, LoginThrottle.ENGINE_CLOCK);
  }

  @Bean
  FilterRegistrationBean<LoginThrottleFilter> loginThrottleFilter(LoginThrottle throttle,
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
    var registration = new FilterRegistrationBean<>(new LoginThrottleFilter(throttle, webappPath));
    registration.setName("journey-coach-login-throttle");
    registration.addUrlPatterns("/engine-rest/*", "/api/*", "/s/*", webappPath + "/api/admin/auth/user/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
    return registration;
  }
}
