package com.journeycoach.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Security headers on what the application answers itself ({@code /api}, {@code /engine-rest}, the
 * tracked links, the unsubscribe, set-password and pipeline pages, the webhooks, errors): browsers take no answer for another
 * content type than it says, and no page of these is shown in a frame. The Camunda webapps set their
 * own headers.
 */
@Configuration
public class SecurityHeaders {

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> securityHeadersFilter() {
    var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        chain.doFilter(request, response);
      }

      @Override
      protected boolean shouldNotFilterErrorDispatch() {
        return false;
      }
    });
    registration.setName("journey-coach-security-headers");
    registration.addUrlPatterns("/api/*", "/engine-rest/*", "/s/*", "/unsubscribe/*", "/webhooks/*", "/welcome/*", "/error",
        "/api-docs/*", "/pipeline");
    // before authentication, so a refused login carries them too
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }
}
