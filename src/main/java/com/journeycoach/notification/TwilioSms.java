package com.journeycoach.notification;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.rest.api.v2010.account.MessageReader;
import com.twilio.type.PhoneNumber;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * SMS through the Twilio SDK. Twilio takes no idempotency key, so after an attempt of unknown
 * outcome {@link #findSent} asks Twilio's message list for this text to this number, queued or sent.
 */
class TwilioSms implements Sender {

  /** How far Twilio's clock may be behind ours, and a request's way there: a message created this much before the attempt may be its. */
  static final Duration CLOCK_MARGIN = Duration.ofSeconds(60);
  private static final long PAGE_SIZE = 100;

  private final NotificationProperties.Twilio account;
  private final TwilioRestClient client;
  private final String statusCallbackUrl;

  TwilioSms(NotificationProperties.Twilio account, String statusCallbackUrl) {
    this.account = account;
    this.statusCallbackUrl = statusCallbackUrl;
    this.client = new TwilioRestClient.Builder(account.accountSid(), account.authToken())
        .httpClient(new BaseUrlHttpClient(account.apiBaseUrl()))
        .build();
  }

  @Override
  public String send(Outgoing message) {
    MessageCreator creator = present(account.messagingServiceSid())
        ? Message.creator(new PhoneNumber(message.address()), account.messagingServiceSid(), message.text())
        : Message.creator(new PhoneNumber(message.address()), new PhoneNumber(account.from()), message.text());
    if (statusCallbackUrl != null) {
      creator.setStatusCallback(URI.create(statusCallbackUrl));
    }
    try {
      return creator.create(client).getSid();
    } catch (ApiConnectionException e) {
      // refused: nothing went out; broken or timed out after sending: Twilio may have the message
      throw new ProviderException("Twilio could not be reached: " + e.getMessage(), refusedConnection(e), e);
    } catch (ApiException e) {
      if (e.getCause() instanceof java.io.IOException) {
        // the SDK reports network failures as ApiException too: only a refused connection surely sent nothing
        throw new ProviderException("Twilio could not be reached: " + e.getMessage(), refusedConnection(e), e);
      }
      // Twilio answered with an error: nothing was queued
      throw new ProviderException("Twilio refused the SMS: " + e.getMessage(), true, e);
    }
  }

  /**
   * Every message Twilio holds with this text to this number from this sender, created since the
   * attempt (less {@link #CLOCK_MARGIN}), oldest first, in any state: one still queued has no
   * {@code date_sent}, so no {@code DateSent} filter. Twilio lists the newest first (by date sent,
   * those not sent yet ahead), so paging stops at the first message sent before the attempt.
   */
  @Override
  public List<String> findSent(Outgoing message, Instant since) {
    Instant from = since.minus(CLOCK_MARGIN);
    MessageReader reader = Message.reader().setTo(new PhoneNumber(message.address())).setPageSize(PAGE_SIZE);
    if (!present(account.messagingServiceSid())) {
      // a messaging service picks the sending number from its pool, so only a fixed sender narrows the list
      reader.setFrom(new PhoneNumber(account.from()));
    }
    try {
      List<Message> matches = new ArrayList<>();
      for (Message candidate : reader.read(client)) {
        if (candidate.getDateSent() != null && candidate.getDateSent().toInstant().isBefore(from)) {
          break;
        }
        boolean createdSince = candidate.getDateCreated() == null || !candidate.getDateCreated().toInstant().isBefore(from);
        if (createdSince && message.text().equals(candidate.getBody())) {
          matches.add(candidate);
        }
      }
      // oldest first: an earlier attempt's message before a later one's (docs/journeys.md, "Exactly once")
      matches.sort(Comparator.comparing(TwilioSms::created, Comparator.nullsLast(Comparator.naturalOrder())));
      return matches.stream().map(Message::getSid).toList();
    } catch (ApiException | ApiConnectionException e) {
      throw new ProviderException("Could not ask Twilio whether the SMS went out: " + e.getMessage(), false, e);
    }
  }

  private static Instant created(Message message) {
    return message.getDateCreated() == null ? null : message.getDateCreated().toInstant();
  }

  @Override
  public String name() {
    return "twilio";
  }

  private static boolean refusedConnection(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.net.ConnectException
          || (cause.getMessage() != null && cause.getMessage().contains("Connection refused"))) {
        return true;
      }
    }
    return false;
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  /** Sends the SDK's requests to another base address (a regional gateway, or a stand-in in tests). */
  static final class BaseUrlHttpClient extends NetworkHttpClient {

    private static final String TWILIO_API = "https://api.twilio.com";
    private final String baseUrl;

    BaseUrlHttpClient(String baseUrl) {
      this.baseUrl = baseUrl == null || baseUrl.isBlank() ? TWILIO_API : baseUrl.replaceAll("/+$", "");
    }

    @Override
    public Response makeRequest(Request request) {
      if (baseUrl.equals(TWILIO_API) || !request.getUrl().startsWith(TWILIO_API)) {
        return super.makeRequest(request);
      }
      Request moved = new Request(request.getMethod(), baseUrl + request.getUrl().substring(TWILIO_API.length()));
      if (request.getAuthStrategy() != null) {
        moved.setAuth(request.getAuthStrategy());
      } else if (request.getUsername() != null) {
        moved.setAuth(request.getUsername(), request.getPassword());
      }
      copy(request.getQueryParams(), moved::addQueryParam);
      copy(request.getPostParams(), moved::addPostParam);
      copy(request.getHeaderParams(), moved::addHeaderParam);
      if (request.getContentType() != null) {
        moved.setContentType(request.getContentType());
      }
      if (request.getBody() != null) {
        moved.setBody(request.getBody());
      }
      moved.setUserAgentExtensions(request.getUserAgentExtensions());
      return super.makeRequest(moved);
    }

    private static void copy(Map<String, List<String>> params, java.util.function.BiConsumer<String, String> add) {
      params.forEach((name, values) -> values.forEach(value -> add.accept(name, value)));
    }
  }
}
