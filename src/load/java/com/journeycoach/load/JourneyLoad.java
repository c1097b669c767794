package com.journeycoach.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.exitBlockOnFail;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import com.journeycoach.Http;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The HTTP side under load, as the people and systems around a journey use it: a distributor adds a
 * prospect ({@code /api}) and shares the first asset from their task ({@code /engine-rest}, as
 * Tasklist does), the prospect opens the tracked link, the distributor answers the follow-up
 * ({@code /engine-rest}), and the shop reports the purchase ({@code /api}, an integrator), which closes
 * the journey. {@link #USERS} virtual distributors loop through it for {@link #DURATION}; with two
 * nodes each virtual user keeps to one node (Gatling hands the base addresses out round-robin, as a
 * load balancer with sticky sessions would). Run by {@code mvn -B -Pload verify}: see docs/benchmarks.md.
 */
abstract class JourneyLoad extends Simulation {

  static final int DISTRIBUTORS = 40;
  static final int USERS = Integer.getInteger("load.users", 16);
  static final Duration RAMP = Duration.ofSeconds(10);
  static final Duration DURATION = Duration.ofSeconds(Long.getLong("load.seconds", 90));

  private final LoadCluster cluster;

  JourneyLoad(int nodes) {
    cluster = new LoadCluster(nodes, DISTRIBUTORS);
    AtomicInteger next = new AtomicInteger();
    // each virtual user is a client of its own (a documentation address): the login throttle counts per client
    Iterator<Map<String, Object>> distributors = Stream.generate(() -> {
      int n = next.getAndIncrement();
      return Map.<String, Object>of("distributor", LoadCluster.distributorId(n % DISTRIBUTORS),
          "client", "198.51.100." + (1 + n % 250));
    }).iterator();
    HttpProtocolBuilder protocol = http.baseUrls(cluster.baseUrls())
        .acceptHeader("application/json")
        .contentTypeHeader("application/json")
        .disableFollowRedirect()
        .header("X-Forwarded-For", "#{client}")
        .warmUp(cluster.baseUrls().get(0) + "/actuator/health");
    ScenarioBuilder journeys = scenario("A journey from new prospect to purchase")
        .feed(distributors)
        // a failed step ends that journey (the next one starts), instead of failing every step after it
        .during(DURATION).on(exitBlockOnFail().on(journey()));
    setUp(journeys.injectClosed(constantConcurrentUsers(USERS).during(DURATION.plus(RAMP))))
        .protocols(protocol)
        .assertions(global().failedRequests().percent().lt(1.0));
  }

  private static ChainBuilder journey() {
    return exec(asDistributor(http("add a prospect (/api)").post("/api/prospects")
            .body(StringBody("{\"firstName\":\"Pat\",\"lastName\":\"Load\",\"audience\":\"PRODUCT_CUSTOMER\"}"))
            .check(status().is(201), jmesPath("id").saveAs("prospect"))))
        .exec(openTask("share task (/engine-rest)"))
        .exec(asDistributor(http("share form (/engine-rest)").get("/engine-rest/task/#{task}/form-variables")
            .check(status().is(200), jmesPath("shareLink.value").saveAs("link"))))
        .exec(asDistributor(http("share the asset (/engine-rest)").post("/engine-rest/task/#{task}/submit-form")
            .body(StringBody("{\"variables\":{\"shareChannel\":{\"value\":\"SMS\"}}}"))
            .check(status().is(204))))
        .exec(session -> {
          String link = session.getString("link");
          return session.set("linkPath", link.substring(link.indexOf("/s/")));
        })
        .exec(http("open the tracked link (prospect)").get("#{linkPath}")
            .header("User-Agent", Http.PROSPECTS_BROWSER).header("Accept", "text/html")
            .check(status().is(302)))
        .exec(openTask("follow-up task (/engine-rest)"))
        .exec(asDistributor(http("answer the follow-up (/engine-rest)").post("/engine-rest/task/#{task}/submit-form")
            .body(StringBody("{\"variables\":{\"interestChange\":{\"value\":\"2\"},\"purchaseIntent\":{\"value\":\"HIGH\"},"
                + "\"closeEstimate\":{\"value\":80},\"followUpNotes\":{\"value\":\"Wants to start next week\"}}}"))
            .check(status().is(204))))
        .exec(http("purchase from the shop (integrator, /api)").post("/api/touchpoints")
            .basicAuth(LoadCluster.INTEGRATOR_ID, LoadCluster.PASSWORD)
            .body(StringBody("{\"idempotencyKey\":\"order-#{prospect}\",\"kind\":\"PURCHASED\",\"prospectId\":\"#{prospect}\","
                + "\"source\":\"shop\"}"))
            .check(status().is(201)));
  }

  /** The distributor's open task of this prospect's journey. */
  private static ChainBuilder openTask(String name) {
    return exec(asDistributor(http(name).get("/engine-rest/task?processInstanceBusinessKey=#{prospect}&assignee=#{distributor}")
        .check(status().is(200), jmesPath("[0].id").saveAs("task"))));
  }

  private static io.gatling.javaapi.http.HttpRequestActionBuilder asDistributor(
      io.gatling.javaapi.http.HttpRequestActionBuilder request) {
    return request.basicAuth("#{distributor}", LoadCluster.PASSWORD);
  }

  @Override
  public void after() {
    cluster.close();
  }
}
