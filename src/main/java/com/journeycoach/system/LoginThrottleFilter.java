package com.journeycoach.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Applies the {@link LoginThrottle} to every request that checks a password: the webapps' login,
 * HTTP Basic on {@code /engine-rest}, {@code /api} and a tracked link ({@link SignedIn}), and {@code /engine-rest/identity/verify}
 * (which checks another user's password). A throttled client gets 429 with {@code Retry-After}
 * and a problem detail, before any password is checked, so it does not delay the user either.
 *
 * <p>The client is the request's remote address. {@code X-Forwarded-For} is not read here: any
 * client can send a new one with every request. Behind a reverse proxy, set
 * {@code server.forward-headers-strategy=native}, so Tomcat takes the address from the proxies it
 * trusts (docs/configuration.md).
 */
public class LoginThrottleFilter extends OncePerRequestFilter {

  private static final Pattern IDENTITY_VERIFY = Pattern.compile("^/engine-rest(/engine/[^/]+)?/identity/verify/?$");
  private static final String VERIFY_REFUSED = "\"authenticated\":false";

  private final LoginThrottle throttle;
  private final Pattern webappLogin;

  public LoginThrottleFilter(LoginThrottle throttle, String webappPath) {
    this.throttle = throttle;
    this.webappLogin = Pattern.compile("^" + Pattern.quote(webappPath) + "/api/admin/auth/user/[^/]+/login/[^/]+/?$");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    boolean webappLoginRequest = "POST".equals(request.getMethod()) && webappLogin.matcher(path).matches();
    if (!webappLoginRequest && request.getHeader("Authorization") == null) {
      // no password to check: Camunda answers 401 without touching any user
      chain.doFilter(request, response);
      return;
    }

    String client = LoginThrottle.clientOf(request.getRemoteAddr());
    Optional<Duration> retryAfter = throttle.reserve(client);
    if (retryAfter.isPresent()) {
      tooManyFailedLogins(response, retryAfter.get());
      return;
    }

    boolean verify = "POST".equals(request.getMethod()) && IDENTITY_VERIFY.matcher(path).matches();
    boolean failed = false;
    if (verify) {
      var body = new ContentCachingResponseWrapper(response);
      try {
        chain.doFilter(request, body);
        String answer = new String(body.getContentAsByteArray(), StandardCharsets.UTF_8);
        failed = body.getStatus() == HttpServletResponse.SC_UNAUTHORIZED || answer.replace(" ", "").contains(VERIFY_REFUSED);
      } finally {
        body.copyBodyToResponse();
        releaseUnless(failed, client);
      }
    } else {
      try {
        chain.doFilter(request, response);
        failed = response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED;
      } finally {
        releaseUnless(failed, client);
      }
    }
  }

  private void releaseUnless(boolean failed, String client) {
    if (!failed) {
      throttle.release(client);
    }
  }

  private static void tooManyFailedLogins(HttpServletResponse response, Duration retryAfter) throws IOException {
    long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    response.setStatus(429);
    response.setHeader("Retry-After", Long.toString(seconds));
    response.setContentType("application/problem+json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write("""
        {"type":"about:blank","title":"Too Many Requests","status":429,\
        "detail":"Too many failed logins from this address. Try again in %d seconds."}""".formatted(seconds));
  }
}
