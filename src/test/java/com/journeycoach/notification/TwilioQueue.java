package com.journeycoach.notification;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for Twilio's Messages resource that keeps Twilio's queue: an accepted message waits
 * in its sender's queue ({@code queued}, no {@code date_sent}) until {@link #sendNext} takes it out
 * ({@code sent}, {@code date_sent} set), as Twilio sends about one message a second per long code.
 * The list answers as Twilio's does: filters {@code To}, {@code From} and {@code DateSent} (which a
 * queued message never matches), newest first (not yet sent ahead, then by date sent), in pages
 * with {@code next_page_uri}.
 */
final class TwilioQueue implements ResponseDefinitionTransformerV2 {

  static final String NAME = "twilio-queue";
  static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", java.util.Locale.US);

  /** One message Twilio has accepted. */
  static final class Sms {
    final String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
    final String to;
    final String from;
    final String body;
    final Instant created;
    volatile Instant sent;

    Sms(String to, String from, String body, Instant created) {
      this.to = to;
      this.from = from;
      this.body = body;
      this.created = created;
    }
  }

  private final String accountSid;
  private final String messagesPath;
  private final List<Sms> accepted = new ArrayList<>();
  private final Map<String, List<Sms>> queueOfSender = new HashMap<>();
  private final AtomicInteger acceptThenCut = new AtomicInteger();
  private final AtomicInteger cutBeforeAccepting = new AtomicInteger();
  private final AtomicInteger acceptThenFail = new AtomicInteger();
  private final AtomicInteger lookups = new AtomicInteger();
  private final ObjectMapper json = new ObjectMapper();
  private volatile int pageSize = 50;

  TwilioQueue(String accountSid) {
    this.accountSid = accountSid;
    this.messagesPath = "/2010-04-01/Accounts/" + accountSid + "/Messages.json";
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  synchronized void reset() {
    accepted.clear();
    queueOfSender.clear();
    acceptThenCut.set(0);
    cutBeforeAccepting.set(0);
    acceptThenFail.set(0);
    lookups.set(0);
    pageSize = 50;
  }

  /** The next {@code count} messages are queued, but the connection breaks before the answer: an unknown outcome. */
  void acceptThenCut(int count) {
    acceptThenCut.set(count);
  }

  /** The next {@code count} messages are queued, but Twilio (or a gateway in front of it) answers 500. */
  void acceptThenFail(int count) {
    acceptThenFail.set(count);
  }

  /** The next {@code count} requests to create a message break before Twilio takes them. */
  void cutBeforeAccepting(int count) {
    cutBeforeAccepting.set(count);
  }

  /** The most a page of the list holds, whatever PageSize asks (to make the list page). */
  void pageSize(int pageSize) {
    this.pageSize = pageSize;
  }

  /** Twilio sends the next message in this sender's queue. */
  synchronized void sendNext(String from) {
    List<Sms> queue = queueOfSender.getOrDefault(from, new ArrayList<>());
    if (!queue.isEmpty()) {
      queue.remove(0).sent = Instant.now();
    }
  }

  /** An earlier message of this text to this number, long sent: as if sent on the given day. */
  synchronized Sms sentBefore(String to, String from, String body, Instant at) {
    Sms sms = new Sms(to, from, body, at);
    sms.sent = at;
    accepted.add(sms);
    return sms;
  }

  /** Another message to this number, accepted now and queued. */
  synchronized Sms accept(String to, String from, String body) {
    Sms sms = new Sms(to, from, body, Instant.now());
    accepted.add(sms);
    queueOfSender.computeIfAbsent(from, f -> new ArrayList<>()).add(sms);
    return sms;
  }

  /** How often the list was asked. */
  int lookups() {
    return lookups.get();
  }

  synchronized List<Sms> accepted() {
    return List.copyOf(accepted);
  }

  synchronized List<Sms> queued(String from) {
    return List.copyOf(queueOfSender.getOrDefault(from, List.of()));
  }

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    Request request = serveEvent.getRequest();
    ResponseDefinition stub = serveEvent.getResponseDefinition();
    if (!request.getUrl().startsWith(messagesPath)) {
      return error(stub, 404, "no such resource");
    }
    if (request.getMethod().equals(RequestMethod.POST)) {
      return create(stub, form(request.getBodyAsString()));
    }
    if (request.getMethod().equals(RequestMethod.GET)) {
      return list(stub, request.getUrl());
    }
    return error(stub, 405, "method not allowed");
  }

  private ResponseDefinition create(ResponseDefinition stub, Map<String, String> form) {
    if (cutBeforeAccepting.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return ResponseDefinitionBuilder.like(stub).but().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
    }
    Sms sms = new Sms(form.get("To"), form.get("From"), form.get("Body"), Instant.now());
    synchronized (this) {
      accepted.add(sms);
      queueOfSender.computeIfAbsent(sms.from, from -> new ArrayList<>()).add(sms);
    }
    if (acceptThenCut.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return ResponseDefinitionBuilder.like(stub).but().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
    }
    if (acceptThenFail.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return error(stub, 500, "Internal Server Error");
    }
    return ResponseDefinitionBuilder.like(stub).but().withStatus(201).withHeader("Content-Type", "application/json")
        .withBody(message(sms).toString()).build();
  }

  private ResponseDefinition list(ResponseDefinition stub, String url) {
    lookups.incrementAndGet();
    Map<String, String> query = form(url.contains("?") ? url.substring(url.indexOf('?') + 1) : "");
    String to = query.get("To");
    String from = query.get("From");
    int size = Math.min(pageSize, Integer.parseInt(query.getOrDefault("PageSize", "50")));
    int page = Integer.parseInt(query.getOrDefault("Page", "0"));
    List<Sms> matching;
    synchronized (this) {
      matching = accepted.stream()
          .filter(sms -> to == null || sms.to.equals(to))
          .filter(sms -> from == null || sms.from.equals(from))
          .filter(sms -> dateSentMatches(sms, query))
          // newest first: not yet sent (by creation) ahead of those sent (by date sent)
          .sorted(Comparator.comparing((Sms sms) -> sms.sent == null ? 0 : 1)
              .thenComparing(sms -> sms.sent == null ? sms.created : sms.sent, Comparator.reverseOrder()))
          .toList();
    }
    ArrayNode messages = json.createArrayNode();
    matching.stream().skip((long) page * size).limit(size).forEach(sms -> messages.add(message(sms)));
    String base = messagesPath + "?" + (to == null ? "" : "To=" + encode(to) + "&") + (from == null ? "" : "From=" + encode(from) + "&")
        + "PageSize=" + size;
    ObjectNode body = json.createObjectNode();
    body.set("messages", messages);
    body.put("uri", base + "&Page=" + page).put("first_page_uri", base + "&Page=0").put("page", page).put("page_size", size)
        .put("start", page * size).put("end", page * size + Math.max(0, messages.size() - 1));
    if ((long) (page + 1) * size < matching.size()) {
      body.put("next_page_uri", base + "&Page=" + (page + 1) + "&PageToken=PA" + (page + 1));
    } else {
      body.putNull("next_page_uri");
    }
    body.putNull("previous_page_uri");
    return ResponseDefinitionBuilder.like(stub).but().withStatus(200).withHeader("Content-Type", "application/json")
        .withBody(body.toString()).build();
  }

  /** Twilio's DateSent filter (a day, or a time, with > or <): a message not sent yet has no date and never matches. */
  private static boolean dateSentMatches(Sms sms, Map<String, String> query) {
    for (Map.Entry<String, String> parameter : query.entrySet()) {
      if (parameter.getKey().startsWith("DateSent")) {
        if (sms.sent == null) {
          return false;
        }
        Instant at = instant(parameter.getValue());
        String op = parameter.getKey().substring("DateSent".length());
        if (op.startsWith(">") && sms.sent.isBefore(at) || op.startsWith("<") && sms.sent.isAfter(at)) {
          return false;
        }
      }
    }
    return true;
  }

  private static Instant instant(String text) {
    try {
      return ZonedDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(text.replace("Z", "")).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException notATime) {
        return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
      }
    }
  }

  private ObjectNode message(Sms sms) {
    Instant sent = sms.sent;
    ObjectNode node = json.createObjectNode().put("sid", sms.sid).put("account_sid", accountSid)
        .put("to", sms.to).put("from", sms.from).put("body", sms.body).put("status", sent == null ? "queued" : "sent")
        .put("direction", "outbound-api").put("num_segments", "1").put("num_media", "0").put("api_version", "2010-04-01")
        .put("date_created", rfc2822(sms.created)).put("date_updated", rfc2822(sent == null ? sms.created : sent))
        .put("uri", "/2010-04-01/Accounts/" + accountSid + "/Messages/" + sms.sid + ".json");
    if (sent == null) {
      node.putNull("date_sent");
    } else {
      node.put("date_sent", rfc2822(sent));
    }
    return node;
  }

  private static String rfc2822(Instant at) {
    return RFC_2822.format(at.atZone(ZoneOffset.UTC));
  }

  private static ResponseDefinition error(ResponseDefinition stub, int status, String message) {
    return ResponseDefinitionBuilder.like(stub).but().withStatus(status).withHeader("Content-Type", "application/json")
        .withBody("{\"code\":20404,\"message\":\"" + message + "\",\"status\":" + status + "}").build();
  }

  private static String encode(String value) {
    return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0) {
        form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }
}
