package com.journeycoach.journey;

import com.journeycoach.content.Catalog;
import com.journeycoach.content.Share;
import java.net.URI;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /s/{token}}: the tracked link a prospect opens. Counts the view, tells the journey on the
 * first one, and redirects to the asset's registered address; nothing in the request chooses where.
 */
@RestController
class TrackedLinkController {

  private static final String NOT_FOUND_PAGE = """
      <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Link not found</title></head>
      <body><h1>This link is not known</h1><p>Ask the person who sent it to you for a new one.</p></body></html>
      """;

  private final Catalog catalog;
  private final Touchpoints touchpoints;

  TrackedLinkController(Catalog catalog, Touchpoints touchpoints) {
    this.catalog = catalog;
    this.touchpoints = touchpoints;
  }

  @GetMapping("/s/{token}")
  ResponseEntity<String> open(@PathVariable String token) {
    Optional<Share> viewed = token.matches("[A-Za-z0-9_-]{43}") ? touchpoints.viewThroughLink(token) : Optional.empty();
    if (viewed.isEmpty()) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_HTML).body(NOT_FOUND_PAGE);
    }
    Share share = viewed.get();
    return ResponseEntity.status(HttpStatus.FOUND)
        .location(URI.create(catalog.get(share.assetId()).url().strip()))
        .header("Cache-Control", "no-store")
        .header("Referrer-Policy", "no-referrer")
        .build();
  }
}
