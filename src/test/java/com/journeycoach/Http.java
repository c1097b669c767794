package com.journeycoach;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A plain HTTP client for tests that talk to the running application as real clients do. */
public final class Http {

  private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final String baseUrl;

  public Http(int port) {
    this.baseUrl = "http://localhost:" + port;
  }

  public static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * What a prospect's phone sends: Chrome on Android, in the reduced form Chrome sends since 2023. A tracked
   * link counts only a person's view, and Java's own client is software (LinkPreviewers).
   */
  public static final String PROSPECTS_BROWSER =
      "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";

  /** Opens a tracked link ({@code /s/...}) as the prospect's browser does, without following the redirect. */
  public HttpResponse<String> openAsProspect(String path) {
    return send(request(path, null).header("User-Agent", PROSPECTS_BROWSER).GET().build());
  }

  public HttpResponse<String> get(String path, String authorization) {
    return send(request(path, authorization).GET().build());
  }

  public HttpResponse<String> post(String path, String authorization, String json) {
    return send(request(path, authorization).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  public HttpResponse<String> put(String path, String authorization, String json) {
    return send(request(path, authorization).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  public HttpRequest.Builder request(String path, String authorization) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path));
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return builder;
  }

  public HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
