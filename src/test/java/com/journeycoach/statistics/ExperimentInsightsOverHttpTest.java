package com.journeycoach.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.journeycoach.JourneyCoachTest;
import com.journeycoach.TestUsers;
import com.journeycoach.WebappSession;
import com.journeycoach.content.Asset;
import com.journeycoach.content.Catalog;
import com.journeycoach.content.SampleCatalog;
import com.journeycoach.experiment.Experiments;
import com.journeycoach.people.Distributors;
import com.journeycoach.system.Groups;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The Experiments tab's resources in Cockpit's API: every experiment and one's figures per arm and segment, whose counts
 * the test takes from the planted rows ({@link ExperimentSeed}) and whose posterior, interval and probability of being
 * best it works out on its own (Beta posteriors, numerical integration); refusals and 400s.
 */
@JourneyCoachTest
class ExperimentInsightsOverHttpTest {

  static final String EXPERIMENTS = "/camunda/api/cockpit/plugin/insights/default/experiments";
  static final String MANAGER = "experiment-insights-manager";
  static final String PROCESS_OWNER = "experiment-insights-owner";

  @LocalServerPort
  int port;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  IdentityService identity;
  @Autowired
  Experiments experiments;
  @Autowired
  SampleCatalog sampleCatalog;
  @Autowired
  Catalog catalog;
  @Autowired
  Distributors distributors;

  final ObjectMapper json = new ObjectMapper();
  ExperimentSeed seed;

  @BeforeEach
  void seed() {
    TestUsers.ensure(identity, MANAGER, Groups.MANAGERS);
    TestUsers.ensure(identity, PROCESS_OWNER, Groups.PROCESS_OWNERS);
    sampleCatalog.loadIfEmpty();
    seed = ExperimentSeed.plant(jdbc, experiments);
  }

  @AfterEach
  void cleanUp() {
    seed.remove();
  }

  private WebappSession manager() {
    return WebappSession.logIn(port, MANAGER, TestUsers.PASSWORD, "cockpit");
  }

  /** The arm first in the default sequence. */
  String defaultArm() {
    return Stream.of(ExperimentSeed.FIRST, ExperimentSeed.SECOND).map(id -> catalog.find(id).orElseThrow())
        .min(Comparator.comparing((Asset a) -> a.sequencePosition() == null ? Integer.MAX_VALUE : a.sequencePosition())
            .thenComparing(Asset::id)).orElseThrow().id();
  }

  /** P(X > Y) for independent Beta posteriors, by the midpoint rule over the density of X and the distribution of Y. */
  static double probabilityAbove(BetaDistribution x, BetaDistribution y) {
    int steps = 20_000;
    double sum = 0;
    for (int i = 0; i < steps; i++) {
      double at = (i + 0.5) / steps;
      sum += x.density(at) * y.cumulativeProbability(at);
    }
    return sum / steps;
  }

  static JsonNode row(JsonNode figures, String segment, String arm) {
    for (JsonNode row : figures.get("arms")) {
      if (row.get("segment").asText().equals(segment) && row.get("assetId").asText().equals(arm)) {
        return row;
      }
    }
    throw new AssertionError("no row " + segment + " " + arm + " in " + figures);
  }

  @Test
  void aManagerReadsTheCountsPosteriorsAndProbabilityOfBeingBestPerArmAndSegment() throws Exception {
    HttpResponse<String> answer = manager().get(EXPERIMENTS + "?experiment=" + seed.experiment.id());

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode page = json.readTree(answer.body());
    JsonNode listed = null;
    for (JsonNode experiment : page.get("experiments")) {
      if (experiment.get("id").asText().equals(seed.experiment.id())) {
        listed = experiment;
      }
    }
    assertThat(listed).isNotNull();
    assertThat(listed.get("name").asText()).isEqualTo(seed.name);
    assertThat(listed.get("status").asText()).isEqualTo("STOPPED");
    assertThat(listed.get("phase").asText()).isEqualTo("PROSPECT_DEVELOPMENT");
    JsonNode figures = page.get("figures");
    assertThat(figures.get("experimentId").asText()).isEqualTo(seed.experiment.id());
    assertThat(figures.get("defaultArm").asText()).isEqualTo(defaultArm());
    assertThat(figures.get("segments")).extracting(JsonNode::asText)
        .containsExactly(ExperimentSeed.BUILDERS, ExperimentSeed.CUSTOMERS, "all");

    for (String segment : List.of(ExperimentSeed.CUSTOMERS, ExperimentSeed.BUILDERS, "all")) {
      for (String arm : List.of(ExperimentSeed.FIRST, ExperimentSeed.SECOND)) {
        long[] counts = seed.counts(segment, arm);
        JsonNode row = row(figures, segment, arm);
        assertThat(new long[] {row.get("suggested").asLong(), row.get("overridden").asLong(), row.get("successes").asLong(),
            row.get("failures").asLong(), row.get("pending").asLong()}).as(segment + " " + arm).containsExactly(counts);
      }
    }
    // the seed holds every kind of pull
    assertThat(java.util.Arrays.stream(seed.counts("all", ExperimentSeed.FIRST)).min().orElse(0)).isPositive();

    // over all segments: Beta(1 + successes, 1 + failures) from a uniform prior
    BetaDistribution[] pooled = new BetaDistribution[2];
    double[] means = new double[2];
    List<String> arms = List.of(ExperimentSeed.FIRST, ExperimentSeed.SECOND);
    for (int a = 0; a < 2; a++) {
      long[] counts = seed.counts("all", arms.get(a));
      pooled[a] = BetaDistribution.of(1 + counts[2], 1 + counts[3]);
      means[a] = (1.0 + counts[2]) / (2.0 + counts[2] + counts[3]);
      JsonNode row = row(figures, "all", arms.get(a));
      assertThat(row.get("posteriorMean").asDouble()).isCloseTo(means[a], within(1e-9));
      assertThat(row.get("lower90").asDouble()).isCloseTo(pooled[a].inverseCumulativeProbability(0.05), within(1e-6));
      assertThat(row.get("upper90").asDouble()).isCloseTo(pooled[a].inverseCumulativeProbability(0.95), within(1e-6));
    }
    double firstBest = probabilityAbove(pooled[0], pooled[1]);
    assertThat(row(figures, "all", ExperimentSeed.FIRST).get("probabilityBest").asDouble()).isCloseTo(firstBest, within(0.015));
    assertThat(row(figures, "all", ExperimentSeed.SECOND).get("probabilityBest").asDouble()).isCloseTo(1 - firstBest, within(0.015));
    int defaultIndex = arms.indexOf(defaultArm());
    for (int a = 0; a < 2; a++) {
      assertThat(row(figures, "all", arms.get(a)).get("expectedLift").asDouble()).isCloseTo(means[a] - means[defaultIndex], within(1e-9));
    }

    // a segment's prior: the pooled posterior, weighing at most 10 observations
    long[] all = seed.counts("all", ExperimentSeed.SECOND);
    long[] own = seed.counts(ExperimentSeed.BUILDERS, ExperimentSeed.SECOND);
    double weight = Math.min(10, all[2] + all[3]);
    double pooledMean = (1.0 + all[2]) / (2.0 + all[2] + all[3]);
    double alpha = 1 + weight * pooledMean + own[2];
    double beta = 1 + weight * (1 - pooledMean) + own[3];
    assertThat(row(figures, ExperimentSeed.BUILDERS, ExperimentSeed.SECOND).get("posteriorMean").asDouble())
        .isCloseTo(alpha / (alpha + beta), within(1e-9));
  }

  @Test
  void theFiguresDownloadAsCsvAndProcessOwnersAndAdministratorsReadThemToo() throws Exception {
    HttpResponse<String> csv = WebappSession.logIn(port, PROCESS_OWNER, TestUsers.PASSWORD, "cockpit")
        .get(EXPERIMENTS + "/csv?experiment=" + seed.experiment.id());

    assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"experiment-arms.csv\"");
    List<String> lines = csv.body().lines().toList();
    assertThat(lines.get(0)).isEqualTo("experiment_id,experiment,segment,arm,default_arm,suggested,overridden,successes,failures,pending,"
        + "posterior_mean,lower_90,upper_90,probability_best,expected_lift");
    assertThat(lines).hasSize(1 + 3 * 2);
    long[] counts = seed.counts(ExperimentSeed.CUSTOMERS, ExperimentSeed.FIRST);
    assertThat(lines).anySatisfy(line -> assertThat(line).startsWith(String.format(Locale.ROOT, "%s,%s,%s,%s,%s,%d,%d,%d,%d,%d,",
        seed.experiment.id(), seed.name, ExperimentSeed.CUSTOMERS, ExperimentSeed.FIRST, ExperimentSeed.FIRST.equals(defaultArm()),
        counts[0], counts[1], counts[2], counts[3], counts[4])));

    assertThat(WebappSession.logIn(port, "admin", TestUsers.ADMIN_PASSWORD, "cockpit").get(EXPERIMENTS).statusCode()).isEqualTo(200);
  }

  @Test
  void anExperimentWithoutSuggestionsShowsZerosNotAnError() throws Exception {
    ExperimentSeed empty = ExperimentSeed.empty(jdbc, experiments);
    try {
      HttpResponse<String> answer = manager().get(EXPERIMENTS + "?experiment=" + empty.experiment.id());

      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      JsonNode figures = json.readTree(answer.body()).get("figures");
      assertThat(figures.get("segments")).extracting(JsonNode::asText).containsExactly("all");
      for (String arm : List.of(ExperimentSeed.FIRST, ExperimentSeed.SECOND)) {
        JsonNode row = row(figures, "all", arm);
        assertThat(row.get("suggested").asLong() + row.get("successes").asLong() + row.get("failures").asLong()).isZero();
        assertThat(row.get("posteriorMean").asDouble()).isEqualTo(0.5);
      }
    } finally {
      empty.remove();
    }
  }

  @Test
  void othersAreRefusedAndWithoutASessionTheAnswerIs401() throws Exception {
    String distributor = "experiment-insights-distributor";
    TestUsers.ensureDistributor(distributors, distributor, null);
    WebappSession inTasklist = WebappSession.logIn(port, distributor, TestUsers.PASSWORD, "tasklist");
    for (String path : List.of(EXPERIMENTS, EXPERIMENTS + "/csv")) {
      HttpResponse<String> refused = inTasklist.get(path);
      assertThat(refused.statusCode()).as(path).isEqualTo(403);
      assertThat(refused.body()).contains("managers, process owners");
      HttpResponse<String> anonymous = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
    }
  }

  @Test
  void badParametersGet400ProblemsNamingThem() throws Exception {
    WebappSession manager = manager();
    assertProblem(manager.get(EXPERIMENTS + "?experiment=no-such-experiment"), "experiment");
    assertProblem(manager.get(EXPERIMENTS + "/csv?experiment=" + java.util.UUID.randomUUID()), "experiment");
    assertProblem(manager.get(EXPERIMENTS + "?experiment="), "experiment");
    assertProblem(manager.get(EXPERIMENTS + "?experiment=" + "x".repeat(65)), "experiment");
    assertProblem(manager.get(EXPERIMENTS + "?experiment=%27%20OR%201%3D1--"), "experiment");
    assertProblem(manager.get(EXPERIMENTS + "?experiment=a&experiment=b"), "experiment");
    assertProblem(manager.get(EXPERIMENTS + "?arm=x"), "arm");
  }

  private void assertProblem(HttpResponse<String> answer, String parameter) throws Exception {
    ProblemAnswers.assertNames(answer, parameter);
  }
}
