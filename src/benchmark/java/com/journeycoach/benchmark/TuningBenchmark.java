package com.journeycoach.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeycoach.MariaDb;
import com.journeycoach.content.Catalog;
import com.journeycoach.content.SampleCatalog;
import com.journeycoach.statistics.ContentDriftCheck;
import com.journeycoach.statistics.PaceTuner;
import com.journeycoach.statistics.ThresholdTuning;
import com.journeycoach.content.Shares;
import com.journeycoach.demo.MarketHistory;
import com.journeycoach.journey.FollowUpAnswers;
import com.journeycoach.journey.ForecastRecords;
import com.journeycoach.journey.Touchpoints;
import com.journeycoach.people.Prospects;
import com.journeycoach.demo.SimulatedMarket;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
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
 * The tuning run (pace proposals and the content drift assessment) over a million stored
 * touchpoints on MariaDB, with the shares, follow-up answers and prospects the queries read,
 * written in JDBC batches by {@link MarketHistory} from a seeded {@link SimulatedMarket}.
 * The same run over the first 100 000 touchpoints is the baseline, and a plain
 * {@code SELECT COUNT(*)} of the touchpoint table a second one. Prints seconds and peak heap;
 * asserts nothing about speed.
 *
 * <p>{@code mvn -B -Pbenchmark verify -Dtest=TuningBenchmark -Dsurefire.failIfNoSpecifiedTests=false};
 * {@code -Djourney.benchmark.touchpoints=N} changes the size (default 1 000 000).
 */
@Tag("benchmark")
@ExtendWith(MariaDb.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
    properties = {"camunda.bpm.process-engine-name=tuning-bench", "journey.catalog.tracked-link-base-url=http://localhost:8080",
        "journey.notifications.require-real-channels=false"})
@ActiveProfiles({"test", "mysql"})
@DirtiesContext
class TuningBenchmark {

  static final long TOUCHPOINTS = Long.getLong("journey.benchmark.touchpoints", 1_000_000);
  static final long BASELINE_TOUCHPOINTS = TOUCHPOINTS / 10;
  static final Path RESULTS = Path.of("target", "benchmark-results.txt");

  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  Catalog catalog;
  @Autowired
  SampleCatalog sampleCatalog;
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
    // batched inserts become multi-row INSERTs, which is what makes a million rows quick to write
    String url = MariaDb.freshDatabase() + "&rewriteBatchedStatements=true";
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", MariaDb::user);
    registry.add("spring.datasource.password", MariaDb::password);
  }

  record Run(double seconds, long peakHeapBytes, int proposals, int alerts) {
  }

  @Test
  void tuningOverAMillionTouchpoints() throws IOException {
    sampleCatalog.loadIfEmpty();
    SimulatedMarket market = new SimulatedMarket(42, catalog.activeInSequence(), SimulatedMarket.StepMedians.TYPICAL);
    List<SimulatedMarket.Trader> traders = market.addTraders("bench", 200);
    Instant now = Instant.now();
    jdbc.batchUpdate("INSERT INTO distributor (id, first_name, last_name, email, time_zone, experienced, created_at)"
            + " VALUES (?, ?, 'Seller', ?, 'UTC', FALSE, ?)",
        traders.stream().map(t -> new Object[] {t.id(), t.firstName(), t.id() + "@example.com", Timestamp.from(now)}).toList());
    MarketHistory history = new MarketHistory(new MarketHistory.Owners(prospects, shares, followUps, touchpoints, forecasts), market, 2000);

    long start = System.nanoTime();
    MarketHistory.Written baselineData = history.write(now, 400, Long.MAX_VALUE, BASELINE_TOUCHPOINTS);
    analyze();
    double baselineInsertSeconds = seconds(start);
    Run baseline = measure();

    start = System.nanoTime();
    MarketHistory.Written data = history.write(now, 400, Long.MAX_VALUE, TOUCHPOINTS);
    analyze();
    double insertSeconds = baselineInsertSeconds + seconds(start);
    long counted = jdbc.queryForObject("SELECT COUNT(*) FROM touchpoint", Long.class);
    start = System.nanoTime();
    jdbc.queryForObject("SELECT COUNT(*) FROM touchpoint WHERE source = 'history'", Long.class);
    double scanSeconds = seconds(start);
    Run full = measure();

    String report = String.format(Locale.ROOT, """
        Tuning benchmark on MariaDB, %s
          written: %d touchpoints, %d prospects, %d shares, %d follow-up answers in %.1f s (%.0f rows/s)
          baseline: tuning over %d touchpoints: %.2f s, peak heap %.0f MB (%d proposals, %d drift alerts)
          tuning over %d touchpoints: %.2f s, peak heap %.0f MB (%d proposals, %d drift alerts)
          ratio 1M / 100k: %.2f; full scan of the touchpoint table (COUNT(*) with a filter): %.2f s; tuning / scan: %.2f
        """, now, data.touchpoints(), data.prospects(), data.shares(), data.followUps(), insertSeconds,
        (data.touchpoints() + data.prospects() + data.shares() + data.followUps()) / insertSeconds,
        baselineData.touchpoints(), baseline.seconds(), mb(baseline.peakHeapBytes()), baseline.proposals(), baseline.alerts(),
        data.touchpoints(), full.seconds(), mb(full.peakHeapBytes()), full.proposals(), full.alerts(),
        full.seconds() / baseline.seconds(), scanSeconds, full.seconds() / scanSeconds);
    System.out.println(report);
    Files.createDirectories(RESULTS.getParent());
    Files.writeString(RESULTS, report, StandardOpenOption.CREATE, StandardOpenOption.APPEND);

    assertThat(counted).isGreaterThanOrEqualTo(TOUCHPOINTS);
    assertThat(full.proposals()).as("the history's converted journeys give pace proposals").isPositive();
  }

  private void analyze() {
    jdbc.execute("ANALYZE TABLE prospect, asset_share, follow_up_answer, touchpoint");
  }

  /** One tuning run after a GC, with the heap pools' peaks reset: the sum of their peaks bounds the run's peak heap from above. */
  private Run measure() {
    List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP).toList();
    System.gc();
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    long start = System.nanoTime();
    List<PaceTuner.Proposal> proposals = tuning.proposals();
    int alerts = drift.assess().size();
    double seconds = seconds(start);
    long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    return new Run(seconds, peak, proposals.size(), alerts);
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static double mb(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }
}
