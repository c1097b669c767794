package com.journeycoach.content;

import java.net.URI;
import java.net.URISyntaxException;

/** The registered address a tracked link redirects to: absolute http(s) only, so no script or relative URL. */
final class TrackedUrl {

  private TrackedUrl() {
  }

  static boolean isAcceptable(String url) {
    try {
      URI uri = new URI(url.strip());
      return uri.isAbsolute() && uri.getHost() != null
          && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()));
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
