package com.journeycoach.notification;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.HttpMethod;
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
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.http.Header;

/**
 * SMS through the Twilio SDK. Twilio takes no idempotency key, so after an attempt of unknown
 * outcome {@link #findSent} asks Twilio's message list for this text to this number, queued or sent.
 */
class TwilioSms implements Sender {

  /** How far Twilio's clock may be behind ours, and a request's way there: a message created this much before the attempt may be its. */
  static final Duration CLOCK_MARGIN = Duration.ofSeconds(60);
  private static final long PAGE_SIZE = 100;
  private static final int SERVER_ERROR = 500;

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
      if (e.getStatusCode() != null && e.getStatusCode() >= SERVER_ERROR) {
        // Twilio, or a gateway in front of it, failed while handling the request: it may have taken the message
        throw new ProviderException("Twilio failed handling the SMS: " + e.getMessage(), false, e);
      }
      // Twilio refused the request (4xx): nothing was queued
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

  /**
   * Sends the SDK's requests to another base address (a regional gateway, or a stand-in in tests), and
   * waits out Twilio's rate limit: a 429 (Too Many Requests) means Twilio took nothing, so the same request
   * goes again after the pause Twilio asks for in {@code Retry-After}, else after 1, 2, 4 ... s, within
   * {@link #RATE_LIMIT_BUDGET} in all. The job's thread waits meanwhile, so a node that meets the limit sends
   * more slowly instead of failing; the send ledger is not involved (nothing is in doubt). After the budget
   * the 429 goes to the SDK, which reports it as Twilio refusing: the job is retried later.
   */
  static final class BaseUrlHttpClient extends NetworkHttpClient {

    /** The longest a request waits for Twilio's rate limit in all: well within a job's lock time (5 min). */
    static final Duration RATE_LIMIT_BUDGET = Duration.ofSeconds(60);
    static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    static final int TOO_MANY_REQUESTS = 429;
    private static final String TWILIO_API = "https://api.twilio.com";
    private final String baseUrl;
    private final Sleeper sleeper;

    /** How a pause is waited: {@link Thread#sleep} but in tests. */
    interface Sleeper {
      void sleep(Duration pause) throws InterruptedException;
    }

    BaseUrlHttpClient(String baseUrl) {
      this(baseUrl, pause -> Thread.sleep(pause.toMillis()));
    }

    BaseUrlHttpClient(String baseUrl, Sleeper sleeper) {
      this.baseUrl = baseUrl == null || baseUrl.isBlank() ? TWILIO_API : baseUrl.replaceAll("/+$", "");
      this.sleeper = sleeper;
    }

    /**
     * The SDK repeats a request Twilio answered with a 5xx up to three times, 100 ms apart; a message Twilio took
     * before failing would go out again. A request that creates something is made once: its outcome is in doubt
     * and the send ledger looks it up before any second try.
     */
    @Override
    public Response reliableRequest(Request request) {
      return request.getMethod() == HttpMethod.POST ? makeRequest(request) : super.reliableRequest(request);
    }

    @Override
    public Response makeRequest(Request request) {
      Duration waited = Duration.ZERO;
      Duration backOff = FIRST_PAUSE;
      while (true) {
        Response response = makeRequestOnce(request);
        if (response.getStatusCode() != TOO_MANY_REQUESTS) {
          return response;
        }
        Duration pause = retryAfter(response).orElse(backOff);
        if (waited.plus(pause).compareTo(RATE_LIMIT_BUDGET) > 0) {
          return response;
        }
        try {
          sleeper.sleep(pause);
        } catch (InterruptedException e) {
          // the node is stopping: Twilio took nothing, the job is retried
          Thread.currentThread().interrupt();
          return response;
        }
        waited = waited.plus(pause);
        backOff = backOff.multipliedBy(2);
      }
    }

    /** Twilio's {@code Retry-After}: seconds, or an HTTP date. */
    static Optional<Duration> retryAfter(Response response) {
      if (response.getHeaders() == null) {
        return Optional.empty();
      }
      for (Header header : response.getHeaders()) {
        if ("Retry-After".equalsIgnoreCase(header.getName()) && header.getValue() != null) {
          String value = header.getValue().trim();
          try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
          } catch (NumberFormatException notSeconds) {
            try {
              Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
              Duration until = Duration.between(Instant.now(), at);
              return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (DateTimeParseException notADate) {
              return Optional.empty();
            }
          }
        }
      }
      return Optional.empty();
    }

    private Response makeRequestOnce(Request request) {
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
