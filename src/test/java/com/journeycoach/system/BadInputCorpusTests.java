package com.journeycoach.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.journeycoach.Http;
import com.journeycoach.TestUsers;
import com.journeycoach.content.Asset;
import com.journeycoach.content.AssetType;
import com.journeycoach.people.Audience;
import com.journeycoach.content.Catalog;
import com.journeycoach.content.CatalogProperties;
import com.journeycoach.content.SampleCatalog;
import com.journeycoach.content.Shares;
import com.journeycoach.journey.Touchpoints;
import com.journeycoach.people.Distributors;
import com.journeycoach.people.Prospect;
import com.journeycoach.people.Prospects;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The bad-input corpus ({@code src/test/resources/bad-input/}): every request is refused with a 4xx,
 * its body shows no internals (stack traces, SQL, class names), and nothing stored changes (every
 * row of the application's tables and Camunda's runtime and identity tables, read before and after
 * each template's requests). Failures listed in {@code bad-input/known.txt} are reported but do not fail
 * the build; a known entry that no longer fails does, so the list only shrinks. Then odd but valid input
 * ({@code bad-input/good-input.txt}) is accepted and stored exactly.
 */
abstract class BadInputCorpusTests {

  /** What an error body must not show. */
  static final List<String> INTERNALS = List.of("\tat ", "Exception:", "SELECT ", "INSERT ", "UPDATE ", "ACT_",
      "SQLState", "SQL state", "JDBC", "com.journeycoach.", "org.camunda.", "java.", "javax.", "jakarta.", "org.springframework.",
      "org.hibernate", "com.fasterxml.", "org.apache.");

  @LocalServerPort
  int port;
  @Autowired
  DataSource dataSource;
  @Autowired
  Distributors distributors;
  @Autowired
  Prospects prospects;
  @Autowired
  Shares shares;
  @Autowired
  Touchpoints touchpoints;
  @Autowired
  Catalog catalog;
  @Autowired
  SampleCatalog sampleCatalog;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  IdentityService identity;
  @Autowired
  CatalogProperties publicAddress;
  @Value("${journey.notifications.twilio.auth-token:}")
  String twilioToken;

  final ObjectMapper json = new ObjectMapper();

  abstract String database();

  @Test
  void everyBadRequestIsRefusedWithA4xxShowingNoInternalsAndChangingNothing() throws Exception {
    Http http = new Http(port);
    Map<String, String> fixtures = fixtures();
    Map<String, String> logins = logins(fixtures);
    BadInputCorpus corpus = BadInputCorpus.load("bad-input/corpus.txt", "bad-input/values.txt");
    Set<String> known = Set.copyOf(knownFailures());

    int requests = 0;
    int serverErrors = 0;
    int withInternals = 0;
    int changed = 0;
    int withoutHeaders = 0;
    List<String> failures = new ArrayList<>();
    Map<String, String> failedTemplates = new TreeMap<>();
    long started = System.nanoTime();
    for (BadInputCorpus.Template template : corpus.templates) {
      List<BadInputCorpus.Request> expanded = corpus.expand(template, fixtures::get);
      StoredData before = StoredData.of(dataSource);
      List<String> accepted = new ArrayList<>();
      for (BadInputCorpus.Request request : expanded) {
        HttpResponse<String> response = http.send(build(http, request, logins));
        requests++;
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        String shown = withoutEcho(body, request.value());
        List<String> internals = INTERNALS.stream().filter(shown::contains).toList();
        if (status >= 500) {
          serverErrors++;
        }
        if (!internals.isEmpty()) {
          withInternals++;
        }
        boolean headers = response.headers().firstValue("X-Content-Type-Options").filter("nosniff"::equals).isPresent()
            && response.headers().firstValue("X-Frame-Options").filter(v -> v.equals("DENY") || v.equals("SAMEORIGIN")).isPresent();
        // Tomcat refuses some URLs (an encoded slash, %00, broken UTF-8) before any filter of the application runs
        boolean refusedByTomcat = status == 400 && body.startsWith("<!doctype html><html lang=\"en\"><head><title>HTTP Status 400");
        headers = headers || refusedByTomcat;
        if (!headers) {
          withoutHeaders++;
        }
        if (status < 400 || status >= 500 || !internals.isEmpty() || !headers) {
          accepted.add(request.label());
          failures.add(request.label() + " -> " + status + (internals.isEmpty() ? "" : " showing " + internals)
              + (headers ? "" : " without X-Content-Type-Options/X-Frame-Options") + ": "
              + BadInputCorpus.abbreviate(body, 300));
          failedTemplates.merge(template.name(), "", (a, b) -> a);
        }
      }
      List<String> changes = StoredData.of(dataSource).changesSince(before);
      if (!changes.isEmpty()) {
        changed++;
        failures.add(template.name() + " changed stored data (answered otherwise than 4xx: " + accepted + "): "
            + BadInputCorpus.abbreviate(String.join("; ", changes), 600));
        failedTemplates.merge(template.name(), "", (a, b) -> a);
      }
    }
    long seconds = (System.nanoTime() - started) / 1_000_000_000L;

    List<String> unexpected = failures.stream().filter(f -> !known.contains(f.split(" ", 2)[0])).toList();
    List<String> knownFailing = failures.stream().filter(f -> known.contains(f.split(" ", 2)[0])).toList();
    Set<String> names = corpus.templates.stream().map(BadInputCorpus.Template::name).collect(java.util.stream.Collectors.toSet());
    List<String> fixedButKnown = known.stream().filter(names::contains).filter(name -> !failedTemplates.containsKey(name)).sorted()
        .toList();
    System.out.printf("Bad-input corpus on %s: %d templates, %d requests, %d answers 5xx, %d bodies with internals,"
            + " %d templates changed stored data, %d answers without security headers (%d s); %d failures on the known list%n",
        database(), corpus.templates.size(), requests, serverErrors, withInternals, changed, withoutHeaders, seconds,
        knownFailing.size());
    knownFailing.forEach(f -> System.out.println("  known: " + f));
    unexpected.forEach(f -> System.out.println("  FAILED: " + f));

    assertThat(requests).isGreaterThanOrEqualTo(500);
    assertThat(unexpected).as("requests not refused cleanly (4xx, no internals, nothing changed)").isEmpty();
    assertThat(fixedButKnown).as("templates on bad-input/known.txt that now pass: take them off the list").isEmpty();
  }

  @Test
  void oddButValidInputIsAcceptedAndStoredExactly() throws Exception {
    Http http = new Http(port);
    Map<String, String> fixtures = fixtures();
    Map<String, String> logins = logins(fixtures);
    BadInputCorpus good = BadInputCorpus.load("bad-input/good-input.txt", "bad-input/values.txt");
    List<String> failures = new ArrayList<>();
    int requests = 0;
    for (BadInputCorpus.Template template : good.templates) {
      for (BadInputCorpus.Request request : good.expand(template, key -> key.equals("unique")
          ? UUID.randomUUID().toString().substring(0, 8) : fixtures.get(key))) {
        requests++;
        HttpResponse<String> response = http.send(build(http, request, logins));
        if (response.statusCode() / 100 != 2) {
          failures.add(request.label() + " -> " + response.statusCode() + ": " + BadInputCorpus.abbreviate(response.body(), 300));
          continue;
        }
        JsonNode sent = json.readTree(request.body());
        JsonNode created = json.readTree(response.body());
        JsonNode stored = json.readTree(http.send(http.request(request.path() + "/" + created.path("id").asText(),
            logins.get(request.who())).GET().build()).body());
        sent.fieldNames().forEachRemaining(field -> {
          if (sent.get(field).isTextual() && !field.equals("password") && !sent.get(field).equals(stored.get(field))) {
            failures.add(request.label() + ": " + field + " sent " + sent.get(field) + ", read back " + stored.get(field));
          }
        });
      }
    }
    Set<String> known = Set.copyOf(knownFailures());
    List<String> unexpected = failures.stream().filter(f -> !known.contains(f.split("[ :]", 2)[0])).toList();
    System.out.printf("Good odd input on %s: %d requests, %d failures, %d of them known%n", database(), requests, failures.size(),
        failures.size() - unexpected.size());
    failures.forEach(f -> System.out.println((unexpected.contains(f) ? "  FAILED: " : "  known: ") + f));
    assertThat(unexpected).isEmpty();
  }

  private HttpRequest build(Http http, BadInputCorpus.Request request, Map<String, String> logins) throws Exception {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + request.path()));
    String login = logins.get(request.who());
    if (login != null) {
      builder.header("Authorization", login);
    }
    String contentType = switch (request.contentType()) {
      case "json" -> "application/json";
      case "form" -> "application/x-www-form-urlencoded";
      case "none" -> null;
      default -> request.contentType();
    };
    if (contentType != null && !contentType.isBlank()) {
      builder.header("Content-Type", contentType);
    }
    if (request.who().equals("twilio")) {
      builder.header("X-Twilio-Signature", twilioSignature(request));
    }
    HttpRequest.BodyPublisher body = request.body().isEmpty() && request.method().equals("GET") ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8);
    return builder.method(request.method(), body).build();
  }

  /** Twilio's signature: HMAC-SHA1 of the public URL and the sorted form fields, with the auth token. */
  private String twilioSignature(BadInputCorpus.Request request) throws Exception {
    Map<String, String> params = new TreeMap<>();
    for (String pair : request.body().split("&")) {
      String[] nameValue = pair.split("=", 2);
      params.put(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
          nameValue.length > 1 ? URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8) : "");
    }
    StringBuilder data = new StringBuilder(publicAddress.trackedLinkBaseUrl() + request.path());
    params.forEach((k, v) -> data.append(k).append(v));
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(twilioToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
  }

  /** The body without what the request itself sent (an answer may name the bad value it refuses). */
  private static String withoutEcho(String body, String value) {
    String shown = body;
    if (value.isEmpty()) {
      return shown;
    }
    String raw = BadInputCorpus.raw(value);
    String decoded = raw;
    try {
      decoded = URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      // not URL-encoded
    }
    for (String sent : List.of(value, raw, raw.replace("\"", "\\\""), decoded)) {
      if (sent.length() > 3) {
        shown = shown.replace(sent, "");
      }
    }
    return shown;
  }

  private static List<String> knownFailures() {
    try (var in = BadInputCorpusTests.class.getClassLoader().getResourceAsStream("bad-input/known.txt")) {
      if (in == null) {
        return List.of();
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#")).map(line -> line.split("\\s+", 2)[0]).toList();
    }  catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private Map<String, String> logins(Map<String, String> fixtures) {
    Map<String, String> logins = new HashMap<>();
    logins.put("stranger", Http.basic("nobody-" + fixtures.get("me"), "Wrong-Secret-42"));
    logins.put("distributor", Http.basic(fixtures.get("me"), TestUsers.PASSWORD));
    logins.put("other", Http.basic(fixtures.get("them"), TestUsers.PASSWORD));
    logins.put("manager", Http.basic(fixtures.get("manager"), TestUsers.PASSWORD));
    logins.put("owner", Http.basic(fixtures.get("owner"), TestUsers.PASSWORD));
    logins.put("integrator", Http.basic(fixtures.get("integrator"), TestUsers.PASSWORD));
    return logins;
  }

  private Map<String, String> fixtures;

  /**
   * The people and things the corpus refers to: two distributors with a prospect each, and an open task
   * of every form, worked by the one who sends the corpus line.
   */
  private Map<String, String> fixtures() {
    if (fixtures != null) {
      return fixtures;
    }
    sampleCatalog.loadIfEmpty();
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> f = new HashMap<>();
    String me = "bad-dana-" + suffix;
    String them = "bad-eli-" + suffix;
    String enrollee = "bad-kid-" + suffix;
    String manager = "bad-manager-" + suffix;
    String owner = "bad-owner-" + suffix;
    String integrator = "bad-integrator-" + suffix;
    TestUsers.ensureDistributor(distributors, me, null);
    TestUsers.ensureDistributor(distributors, them, null);
    TestUsers.ensureDistributor(distributors, enrollee, me);
    TestUsers.ensure(identity, manager, Groups.MANAGERS);
    TestUsers.ensure(identity, owner, Groups.PROCESS_OWNERS);
    TestUsers.ensure(identity, integrator, Groups.INTEGRATORS);
    f.put("me", me);
    f.put("them", them);
    f.put("manager", manager);
    f.put("owner", owner);
    f.put("integrator", integrator);
    f.put("threshold", "coaching.cap.nudges-per-day");
    f.put("activeAsset", "cwm-explained");
    String draft = "bad-input-draft-" + suffix;
    catalog.create(new Asset(draft, "A draft", AssetType.VIDEO, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null));
    f.put("asset", draft);

    Prospect shareStep = prospectOf(me);
    Prospect followUpStep = prospectOf(me);
    Prospect meetingStep = prospectOf(me);
    f.put("myProspect", shareStep.id());
    // touchpoints that are wrongly accepted end a journey: they name a prospect of their own
    String reporter = "bad-tp-" + suffix;
    TestUsers.ensureDistributor(distributors, reporter, null);
    f.put("touchProspect", prospectOf(reporter).id());
    f.put("task:Task_ShareAsset", openTask(shareStep.id()).getId());
    shareAndView(followUpStep.id());
    f.put("task:Task_AskFollowUp", openTask(followUpStep.id()).getId());
    shareAndView(meetingStep.id());
    tasks.complete(openTask(meetingStep.id()).getId(), Map.of("interestChange", "2", "purchaseIntent", "HIGH", "closeEstimate", 80));
    f.put("task:Task_RecordMeetingOutcome", openTask(meetingStep.id()).getId());
    Prospect theirs = prospectOf(them);
    f.put("theirProspect", theirs.id());
    f.put("theirTask", openTask(theirs.id()).getId());

    String onboarding = runtime.createProcessInstanceQuery().processInstanceBusinessKey(me)
        .processDefinitionKey("distributor-onboarding").singleResult().getId();
    f.put("task:Task_CompleteTraining", taskOf(onboarding, "Task_CompleteTraining"));
    runtime.createProcessInstanceModification(onboarding).startBeforeActivity("Task_TakeProductTraining").execute();
    f.put("task:Task_TakeProductTraining", taskOf(onboarding, "Task_TakeProductTraining"));
    String enrolleeOnboarding = runtime.createProcessInstanceQuery().processInstanceBusinessKey(enrollee)
        .processDefinitionKey("distributor-onboarding").singleResult().getId();
    f.put("task:Task_SponsorCheckIn", taskOf(enrolleeOnboarding, "Task_SponsorCheckIn"));
    runtime.setVariable(enrolleeOnboarding, "reviewerId", manager);
    runtime.createProcessInstanceModification(enrolleeOnboarding).startBeforeActivity("Task_ReviewOnboarding").execute();
    f.put("task:Task_ReviewOnboarding", taskOf(enrolleeOnboarding, "Task_ReviewOnboarding"));

    String tuning = runtime.createProcessInstanceByKey("threshold-tuning").setVariable("changesSummary", "a large change")
        .startBeforeActivity("Task_ApproveThresholdChanges").execute().getId();
    f.put("task:Task_ApproveThresholdChanges", claimed(taskOf(tuning, "Task_ApproveThresholdChanges"), manager));
    String review = runtime.createProcessInstanceByKey("asset-review").businessKey(draft).setVariable("assetId", draft)
        .startBeforeActivity("Task_ReviewAsset").execute().getId();
    f.put("task:Task_ReviewAsset", claimed(taskOf(review, "Task_ReviewAsset"), manager));
    String replacement = runtime.createProcessInstanceByKey("asset-review").businessKey(draft).setVariable("assetId", draft)
        .startBeforeActivity("Task_ProvideReplacement").execute().getId();
    f.put("task:Task_ProvideReplacement", claimed(taskOf(replacement, "Task_ProvideReplacement"), owner));
    fixtures = f;
    return f;
  }

  private Prospect prospectOf(String distributorId) {
    return prospects.add(new Prospects.NewProspect(distributorId, "Pat", "Lee", null, null, Audience.PRODUCT_CUSTOMER));
  }

  private Task openTask(String prospectId) {
    return tasks.createTaskQuery().processInstanceBusinessKey(prospectId).processDefinitionKey("prospect-development").singleResult();
  }

  private void shareAndView(String prospectId) {
    String journeyId = runtime.createProcessInstanceQuery().processInstanceBusinessKey(prospectId).singleResult().getId();
    String shareId = (String) runtime.getVariable(journeyId, "shareId");
    tasks.complete(openTask(prospectId).getId(), Map.of("shareChannel", "SMS"));
    touchpoints.viewThroughLink(shares.get(shareId).token()).orElseThrow();
  }

  private String taskOf(String processInstanceId, String taskKey) {
    Task task = tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(taskKey).singleResult();
    assertThat(task).as(taskKey + " of " + processInstanceId).isNotNull();
    return task.getId();
  }

  private String claimed(String taskId, String userId) {
    tasks.claim(taskId, userId);
    return taskId;
  }
}
