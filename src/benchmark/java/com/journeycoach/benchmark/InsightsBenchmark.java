package com.journeycoach.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeycoach.MariaDb;
import com.journeycoach.content.Catalog;
import com.journeycoach.content.SampleCatalog;
import com.journeycoach.content.Shares;
import com.journeycoach.demo.MarketHistory;
import com.journeycoach.demo.SimulatedMarket;
import com.journeycoach.journey.FollowUpAnswers;
import com.journeycoach.journey.ForecastRecords;
import com.journeycoach.journey.Touchpoints;
import com.journeycoach.people.Prospects;
import com.journeycoach.statistics.ContentDriftCheck;
import com.journeycoach.statistics.ContentInsights;
import com.journeycoach.statistics.DistributorInsights;
import com.journeycoach.statistics.JourneyInsights;
import com.journeycoach.statistics.ThresholdTuning;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Each Insights request (what its resource computes: distributors, content, journeys) and the tuning run (pace
 * proposals and the drift assessment) on MariaDB at two sizes of history written by {@link MarketHistory}: first
 * {@code journey.benchmark.touchpoints} (default 1 000 000), then ten times as many in the same database. Each is timed
 * as the median of {@code journey.benchmark.repeats} (5) calls after one warm-up call; prints the times and the ratio
 * of the larger size to the smaller; asserts nothing about speed.
 *
 * <p>{@code mvn -B -Pbenchmark verify -Dtest=InsightsBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 */
@Tag("benchmark")
@ExtendWith(MariaDb.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = {"camunda.bpm.process-engine-name=insights-bench", "journey.catalog.tracked-link-base-url=http://localhost:8080",
        "journey.notifications.require-real-channels=false"})
@ActiveProfiles({"test", "mysql"})
@DirtiesContext
class InsightsBenchmark {

  static final long FIRST_SIZE = Long.getLong("journey.benchmark.touchpoints", 1_000_000);
  static final long SECOND_SIZE = Long.getLong("journey.benchmark.second-touchpoints", 10 * FIRST_SIZE);
  static final int REPEATS = Integer.getInteger("journey.benchmark.repeats", 5);
  static final Path RESULTS = Path.of("target", "benchmark-results.txt");

  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  Catalog catalog;
  @Autowired
  SampleCatalog sampleCatalog;
  @Autowired
  DistributorInsights distributorInsights;
  @Autowired
  ContentInsights contentInsights;
  @Autowired
  JourneyInsights journeyInsights;
  @Autowired
  ThresholdTuning tuning;
  @Autowired
  ContentDriftCheck drift;
  @Autowired
  Prospects prospects;
  @Autowired
  Shares shares;
  @Autowired
  FollowUpAnswers followUps;
  @Autowired
  Touchpoints touchpoints;
  @Autowired
  ForecastRecords forecasts;

  @DynamicPropertySource
  static void mariaDb(DynamicPropertyRegistry registry) {
    // batched inserts become multi-row INSERTs
    String url = MariaDb.freshDatabase() + "&rewriteBatchedStatements=true";
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", MariaDb::user);
    registry.add("spring.datasource.password", MariaDb::password);
  }

  @Test
  void insightsAndTuningAtTwoSizes() throws IOException {
    sampleCatalog.loadIfEmpty();
    SimulatedMarket market = new SimulatedMarket(42, catalog.activeInSequence(), SimulatedMarket.StepMedians.TYPICAL);
    List<SimulatedMarket.Trader> traders = market.addTraders("bench", 200);
    Instant now = Instant.now();
    jdbc.batchUpdate("INSERT INTO distributor (id, first_name, last_name, email, time_zone, experienced, created_at)"
            + " VALUES (?, ?, 'Seller', ?, 'UTC', FALSE, ?)",
        traders.stream().map(t -> new Object[] {t.id(), t.firstName(), t.id() + "@example.com",
            Timestamp.from(now.minusSeconds(86_400L * (400 - traders.indexOf(t))))}).toList());
    MarketHistory history = new MarketHistory(new MarketHistory.Owners(prospects, shares, followUps, touchpoints, forecasts), market, 2000);

    long start = System.nanoTime();
    MarketHistory.Written first = history.write(now, 400, Long.MAX_VALUE, FIRST_SIZE);
    analyze();
    double firstWrite = seconds(start);
    Map<String, Double> small = measure();

    start = System.nanoTime();
    MarketHistory.Written second = history.write(now, 400, Long.MAX_VALUE, SECOND_SIZE);
    analyze();
    double secondWrite = seconds(start);
    Map<String, Double> large = measure();

    StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
        "Insights benchmark on MariaDB, %s%n  written: %d touchpoints in %.0f s, then %d in %.0f s (%d prospects, %d shares)%n"
            + "  %-14s %12s %12s %8s%n", now, first.touchpoints(), firstWrite, second.touchpoints(), secondWrite, second.prospects(),
        second.shares(), "request", first.touchpoints() + " tp", second.touchpoints() + " tp", "ratio"));
    for (String name : small.keySet()) {
      report.append(String.format(Locale.ROOT, "  %-14s %9.0f ms %9.0f ms %7.2fx%n", name, 1000 * small.get(name), 1000 * large.get(name),
          large.get(name) / small.get(name)));
    }
    System.out.println(report);
    Files.createDirectories(RESULTS.getParent());
    Files.writeString(RESULTS, report.toString(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    assertThat(second.touchpoints()).isGreaterThan(first.touchpoints());
  }

  private void analyze() {
    jdbc.execute("ANALYZE TABLE prospect, distributor, asset_share, follow_up_answer, touchpoint, touchpoint_daily");
  }

  /** The median seconds of each request, after a warm-up call. */
  private Map<String, Double> measure() {
    Map<String, Runnable> requests = new LinkedHashMap<>();
    requests.put("distributors", () -> distributorInsights.report(Optional.empty()));
    requests.put("content", () -> contentInsights.report(Optional.empty(), Optional.empty()));
    requests.put("journeys", () -> journeyInsights.report(Optional.empty(), journeyInsights.today().minusWeeks(25),
        journeyInsights.today()));
    requests.put("tuning run", () -> {
      tuning.proposals();
      drift.assess();
    });
    Map<String, Double> medians = new LinkedHashMap<>();
    requests.forEach((name, request) -> {
      request.run();
      List<Double> times = new ArrayList<>();
      for (int i = 0; i < REPEATS; i++) {
        long start = System.nanoTime();
        request.run();
        times.add(seconds(start));
      }
      times.sort(Double::compare);
      medians.put(name, times.get(times.size() / 2));
    });
    return medians;
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
