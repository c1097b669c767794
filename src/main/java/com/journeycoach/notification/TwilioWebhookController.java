package com.journeycoach.notification;

import com.journeycoach.content.CatalogProperties;
import com.journeycoach.system.ForbiddenException;
import com.journeycoach.system.InvalidInputException;
import com.twilio.security.RequestValidator;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * Twilio's webhooks: inbound SMS (STOP, START, HELP) and delivery status callbacks. Only requests
 * signed with our auth token ({@code X-Twilio-Signature} over the public URL and the form fields)
 * are accepted; anything else gets 403.
 */
@RestController
class TwilioWebhookController {

  static final Set<String> STOP_WORDS = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT");
  static final Set<String> START_WORDS = Set.of("START", "YES", "UNSTOP");
  static final Set<String> HELP_WORDS = Set.of("HELP", "INFO");
  static final String HELP_TEXT = "Journey Coach reminders from your team. Reply STOP to stop, START to start again.";
  private static final Logger log = LoggerFactory.getLogger(TwilioWebhookController.class);
  /** A phone number, short code or channel address (whatsapp:+1...), as long as an opt-out address may be. */
  private static final Pattern TWILIO_ADDRESS = Pattern.compile("[\\w+:@.-]{1,64}");
  private static final Pattern MESSAGE_SID = Pattern.compile("[A-Za-z0-9]{1,64}");
  private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

  private final NotificationProperties properties;
  private final CatalogProperties publicAddress;
  private final OptOuts optOuts;
  private final SendLedger ledger;

  TwilioWebhookController(NotificationProperties properties, CatalogProperties publicAddress, OptOuts optOuts, SendLedger ledger) {
    this.properties = properties;
    this.publicAddress = publicAddress;
    this.optOuts = optOuts;
    this.ledger = ledger;
  }

  @PostMapping(value = "/webhooks/twilio/inbound", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  ResponseEntity<String> inbound(HttpServletRequest request,
                                 @RequestHeader(value = "X-Twilio-Signature", required = false) String signature) {
    Map<String, String> params = params(request);
    if (!signedByTwilio("/webhooks/twilio/inbound", params, signature)) {
      throw notSignedByTwilio();
    }
    String from = params.get("From");
    if (from != null && !from.isBlank() && !TWILIO_ADDRESS.matcher(from.strip()).matches()) {
      throw new InvalidInputException("'From' is not an address Twilio sends (a phone number such as +15551234567)",
          List.of("From: not a phone number or Twilio address"));
    }
    String word = params.getOrDefault("Body", "").strip().toUpperCase(Locale.ROOT);
    if (from == null || from.isBlank()) {
      return twiml(EMPTY_TWIML);
    }
    if (STOP_WORDS.contains(word)) {
      optOuts.optOut(from, Channel.SMS, "sms:" + word);
      log.info("{} opted out of SMS", from);
      return twiml(EMPTY_TWIML);
    }
    if (START_WORDS.contains(word)) {
      optOuts.optIn(from, Channel.SMS);
      return twiml(EMPTY_TWIML);
    }
    if (HELP_WORDS.contains(word)) {
      return twiml("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>" + HtmlUtils.htmlEscape(HELP_TEXT)
          + "</Message></Response>");
    }
    return twiml(EMPTY_TWIML);
  }

  @PostMapping(value = "/webhooks/twilio/status", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  ResponseEntity<String> status(HttpServletRequest request,
                                @RequestHeader(value = "X-Twilio-Signature", required = false) String signature) {
    Map<String, String> params = params(request);
    if (!signedByTwilio("/webhooks/twilio/status", params, signature)) {
      throw notSignedByTwilio();
    }
    String sid = params.get("MessageSid");
    String status = params.get("MessageStatus");
    if (sid != null && !MESSAGE_SID.matcher(sid).matches()) {
      throw new InvalidInputException("'MessageSid' is not a Twilio message id", List.of("MessageSid: letters and digits, at most 64"));
    }
    if (sid != null && status != null) {
      ledger.providerStatus(sid, status);
    }
    return ResponseEntity.noContent().build();
  }

  private boolean signedByTwilio(String path, Map<String, String> params, String signature) {
    String token = properties.twilio().authToken();
    if (signature == null || token == null || token.isBlank()) {
      return false;
    }
    return new RequestValidator(token).validate(publicAddress.trackedLinkBaseUrl() + path, params, signature);
  }

  private static Map<String, String> params(HttpServletRequest request) {
    Map<String, String> params = new HashMap<>();
    request.getParameterMap().forEach((name, values) -> params.put(name, values.length == 0 ? "" : values[0]));
    return params;
  }

  private static ResponseEntity<String> twiml(String body) {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(body);
  }

  /** Answered as a 403 problem detail, as every refused request. */
  private static ForbiddenException notSignedByTwilio() {
    return new ForbiddenException("Only requests signed by Twilio (X-Twilio-Signature) are accepted");
  }
}
