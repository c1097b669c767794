package com.journeycoach.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, with 400 naming where it is, text that Camunda's tables cannot hold or look up (see
 * {@link EngineText}) in a request to the engine's REST API ({@code /engine-rest}, and the webapps'
 * {@code /camunda/api}): in the path, a parameter or a JSON body. On MySQL such a character fails the
 * statement with a 500; refusing it first gives the same answer on every database.
 */
@Configuration
public class EngineRequestText {

  /** Larger JSON bodies are not read here: Camunda's own limits answer them. */
  private static final int MAX_CHECKED_BODY = 1 << 20;
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A JSON escape of half a surrogate pair: how a client may write an emoji in ASCII. */
  private static final Pattern ESCAPED_SURROGATE = Pattern.compile("\\\\u[dD][89abAB][0-9a-fA-F]{2}");

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> engineRequestTextFilter() {
    var registration = new FilterRegistrationBean<OncePerRequestFilter>(new CheckFilter());
    registration.setName("journey-coach-engine-request-text");
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
    // after the authentication filter: a stranger learns nothing here
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }

  static final class CheckFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      Optional<String> problem = inPath(request).or(() -> inParameters(request));
      HttpServletRequest checked = request;
      String contentType = request.getContentType();
      if (problem.isEmpty() && contentType != null && contentType.toLowerCase().contains("json")
          && request.getContentLengthLong() <= MAX_CHECKED_BODY) {
        byte[] body = request.getInputStream().readAllBytes();
        problem = inJson(body);
        checked = new CachedBody(request, body);
      }
      if (problem.isPresent()) {
        response.setStatus(400);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSON.writeValueAsString(Map.of("type", "about:blank", "title", "Invalid input", "status", 400,
            "detail", problem.get(), "message", problem.get())));
        return;
      }
      chain.doFilter(checked, response);
    }

    private static Optional<String> inPath(HttpServletRequest request) {
      String path = URLDecoder.decode(request.getRequestURI().replace("+", "%2B"), StandardCharsets.UTF_8);
      return EngineText.problem(path).map(reason -> "path: " + reason);
    }

    private static Optional<String> inParameters(HttpServletRequest request) {
      String query = request.getQueryString();
      if (query == null) {
        return Optional.empty();
      }
      for (String pair : query.split("&")) {
        String[] nameAndValue = pair.split("=", 2);
        String name = decode(nameAndValue[0]);
        String value = nameAndValue.length > 1 ? decode(nameAndValue[1]) : "";
        Optional<String> problem = EngineText.problem(name + value);
        if (problem.isPresent()) {
          return Optional.of(EngineText.problem(name).isPresent() ? "a parameter's name: " + problem.get() : name + ": " + problem.get());
        }
      }
      return Optional.empty();
    }

    private static String decode(String text) {
      try {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return text;
      }
    }

    /** Only characters beyond U+FFFF are looked for in a body; lengths and the rest are the engine's and the forms' to check. */
    private static Optional<String> inJson(byte[] body) {
      String text = new String(body, StandardCharsets.UTF_8);
      if (!hasSupplementary(text) && !ESCAPED_SURROGATE.matcher(text).find()) {
        return Optional.empty();
      }
      try {
        return where(JSON.readTree(body), "");
      } catch (IOException e) {
        // not JSON after all: the engine answers that; the characters alone still cannot be stored
        return Optional.of("body: emoji and other characters beyond U+FFFF cannot be stored here; write them in words");
      }
    }

    private static Optional<String> where(JsonNode node, String path) {
      if (node.isTextual() && hasSupplementary(node.asText())) {
        return Optional.of((path.isEmpty() ? "body" : path) + ": emoji and other characters beyond U+FFFF cannot be stored here;"
            + " write them in words");
      }
      if (node.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
          Map.Entry<String, JsonNode> field = fields.next();
          String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
          if (hasSupplementary(field.getKey())) {
            return Optional.of((path.isEmpty() ? "body" : path) + ": a name with emoji or other characters beyond U+FFFF");
          }
          Optional<String> inside = where(field.getValue(), fieldPath);
          if (inside.isPresent()) {
            return inside;
          }
        }
      }
      if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          Optional<String> inside = where(node.get(i), path + "[" + i + "]");
          if (inside.isPresent()) {
            return inside;
          }
        }
      }
      return Optional.empty();
    }

    private static boolean hasSupplementary(String text) {
      for (int i = 0; i < text.length(); i++) {
        if (Character.isSurrogate(text.charAt(i))) {
          return true;
        }
      }
      return false;
    }
  }

  /** The request with its body read once and handed on. */
  private static final class CachedBody extends HttpServletRequestWrapper {

    private final byte[] body;

    CachedBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
          return in.read(buffer, offset, length);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("synchronous reads only");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }
  }
}
