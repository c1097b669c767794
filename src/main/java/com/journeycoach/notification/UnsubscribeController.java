package com.journeycoach.notification;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The unsubscribe link of every reminder email. GET shows a confirmation (link scanners must not
 * unsubscribe anyone); POST unsubscribes, also as RFC 8058 one-click from the mail client.
 */
@RestController
class UnsubscribeController {

  private final SendLedger ledger;
  private final OptOuts optOuts;

  UnsubscribeController(SendLedger ledger, OptOuts optOuts) {
    this.ledger = ledger;
    this.optOuts = optOuts;
  }

  @GetMapping(value = "/unsubscribe/{token}", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> confirm(@PathVariable String token) {
    if (ledger.findByUnsubscribeToken(token).isEmpty()) {
      return page(HttpStatus.NOT_FOUND, "This link is not known", "");
    }
    return page(HttpStatus.OK, "Stop Journey Coach emails?",
        "<form method=\"post\"><button type=\"submit\">Unsubscribe</button></form>");
  }

  @PostMapping(value = "/unsubscribe/{token}", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> unsubscribe(@PathVariable String token) {
    return ledger.findByUnsubscribeToken(token)
        .map(entry -> {
          optOuts.optOut(entry.address(), entry.channel(), "unsubscribe-link");
          return page(HttpStatus.OK, "You are unsubscribed", "<p>You will get no more reminder emails.</p>");
        })
        .orElseGet(() -> page(HttpStatus.NOT_FOUND, "This link is not known", ""));
  }

  private static ResponseEntity<String> page(HttpStatus status, String title, String body) {
    return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML)
        .body("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title + "</title></head><body><h1>"
            + title + "</h1>" + body + "</body></html>");
  }
}
