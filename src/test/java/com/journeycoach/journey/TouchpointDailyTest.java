package com.journeycoach.journey;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeycoach.MariaDb;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The daily touchpoint counts equal a count of the raw touchpoints after a mixed sequence of writes: touchpoints there
 * before the counts existed (V30 fills them), then inserts with and without asset over days and distributors, in
 * batches and one by one, deletes and updates that move a touchpoint to another day, asset, prospect or kind. On H2
 * and on MariaDB (each its own triggers).
 */
class TouchpointDailyTest {

  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final List<String> KINDS = List.of("SHARED", "VIEWED", "FOLLOW_UP_ANSWERED", "MEETING_HELD", "PURCHASED");

  @Test
  void onH2() {
    mixedWritesKeepTheCountsEqualToTheTouchpoints(
        new DriverManagerDataSource("jdbc:h2:mem:daily-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", ""));
  }

  @Test
  @Tag("mariadb")
  @ExtendWith(MariaDb.class)
  void onMariaDb() {
    mixedWritesKeepTheCountsEqualToTheTouchpoints(
        new DriverManagerDataSource(MariaDb.freshDatabase(), MariaDb.user(), MariaDb.password()));
  }

  /** Two transactions adding the first touchpoint of the same day, asset, distributor and kind at once both count. */
  @Test
  void concurrentFirstTouchpointsOfADayBothCountOnH2() throws Exception {
    DriverManagerDataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:daily-concurrent-" + System.nanoTime()
        + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000", "sa", "");
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    JdbcClient jdbc = JdbcClient.create(dataSource);
    jdbc.sql("INSERT INTO distributor (id, first_name, last_name, email, time_zone, experienced, created_at)"
        + " VALUES ('dana', 'Dana', 'Tester', 'x@example.com', 'UTC', FALSE, ?)").param(ts(T0)).update();
    jdbc.sql("INSERT INTO prospect (id, distributor_id, first_name, audience, status, created_at, updated_at)"
        + " VALUES ('p1', 'dana', 'P', 'PRODUCT_CUSTOMER', 'ACTIVE', ?, ?)").params(ts(T0), ts(T0)).update();
    try (java.sql.Connection first = dataSource.getConnection(); java.sql.Connection second = dataSource.getConnection()) {
      first.setAutoCommit(false);
      second.setAutoCommit(false);
      insertOn(first, "t1");
      java.util.concurrent.CompletableFuture<Void> other = java.util.concurrent.CompletableFuture.runAsync(() -> {
        try {
          insertOn(second, "t2");
          second.commit();
        } catch (java.sql.SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      Thread.sleep(500);
      first.commit();
      other.get(20, java.util.concurrent.TimeUnit.SECONDS);
    }
    assertThat(counts(jdbc)).isEqualTo(scan(jdbc)).containsValue(2L);
  }

  private static void insertOn(java.sql.Connection connection, String id) throws java.sql.SQLException {
    try (java.sql.PreparedStatement insert = connection.prepareStatement("INSERT INTO touchpoint (id, idempotency_key, prospect_id,"
        + " asset_id, share_id, kind, source, occurred_at, recorded_at, journey_effect, sequence_number)"
        + " VALUES (?, ?, 'p1', NULL, NULL, 'VIEWED', 'test', ?, ?, 'NONE', 1)")) {
      insert.setString(1, id);
      insert.setString(2, "k:" + id);
      insert.setTimestamp(3, ts(T0));
      insert.setTimestamp(4, ts(T0));
      insert.executeUpdate();
    }
  }

  private static void mixedWritesKeepTheCountsEqualToTheTouchpoints(DataSource dataSource) {
    UniformRandomProvider random = RandomSource.SPLIT_MIX_64.create(18L);
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("26").load().migrate();
    JdbcClient jdbc = JdbcClient.create(dataSource);
    for (String asset : List.of("a1", "a2", "a3")) {
      jdbc.sql("INSERT INTO asset (id, title, asset_type, status, created_at, updated_at) VALUES (?, 'Asset', 'VIDEO', 'ACTIVE', ?, ?)")
          .params(asset, ts(T0), ts(T0)).update();
    }
    List<String> prospects = new ArrayList<>();
    for (String distributor : List.of("dana", "noel", "omar")) {
      jdbc.sql("INSERT INTO distributor (id, first_name, last_name, email, time_zone, experienced, created_at)"
          + " VALUES (?, ?, 'Tester', 'x@example.com', 'UTC', FALSE, ?)").params(distributor, distributor, ts(T0)).update();
      for (int p = 0; p < 4; p++) {
        String prospect = distributor + "-p" + p;
        prospects.add(prospect);
        jdbc.sql("INSERT INTO prospect (id, distributor_id, first_name, audience, status, created_at, updated_at)"
            + " VALUES (?, ?, 'P', 'PRODUCT_CUSTOMER', 'ACTIVE', ?, ?)").params(prospect, distributor, ts(T0), ts(T0)).update();
      }
    }
    List<String> touchpoints = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      touchpoints.add(insert(jdbc, random, prospects));
    }
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("31").load().migrate();
    assertThat(counts(jdbc)).as("filled from the touchpoints there before").isEqualTo(scan(jdbc)).isNotEmpty();

    for (int i = 0; i < 400; i++) {
      int what = random.nextInt(10);
      if (what < 6 || touchpoints.isEmpty()) {
        touchpoints.add(insert(jdbc, random, prospects));
      } else if (what < 8) {
        String id = touchpoints.remove(random.nextInt(touchpoints.size()));
        jdbc.sql("DELETE FROM touchpoint WHERE id = ?").param(id).update();
      } else {
        String id = touchpoints.get(random.nextInt(touchpoints.size()));
        switch (random.nextInt(4)) {
          case 0 -> jdbc.sql("UPDATE touchpoint SET occurred_at = ? WHERE id = ?").params(ts(at(random)), id).update();
          case 1 -> jdbc.sql("UPDATE touchpoint SET asset_id = ? WHERE id = ?").params(asset(random), id).update();
          case 2 -> jdbc.sql("UPDATE touchpoint SET prospect_id = ? WHERE id = ?")
              .params(prospects.get(random.nextInt(prospects.size())), id).update();
          default -> jdbc.sql("UPDATE touchpoint SET kind = ? WHERE id = ?").params(KINDS.get(random.nextInt(KINDS.size())), id).update();
        }
      }
    }
    // a delete of many at once, as a clean-up by SQL would
    jdbc.sql("DELETE FROM touchpoint WHERE kind = 'MEETING_HELD'").update();

    Map<String, Long> scanned = scan(jdbc);
    assertThat(counts(jdbc)).isEqualTo(scanned);
    assertThat(scanned.values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(jdbc.sql("SELECT COUNT(*) FROM touchpoint").query(Long.class).single()).isGreaterThan(100);
  }

  private static String insert(JdbcClient jdbc, UniformRandomProvider random, List<String> prospects) {
    String id = UUID.randomUUID().toString();
    Instant at = at(random);
    jdbc.sql("INSERT INTO touchpoint (id, idempotency_key, prospect_id, asset_id, share_id, kind, source, occurred_at, recorded_at,"
            + " journey_effect, sequence_number) VALUES (?, ?, ?, ?, NULL, ?, 'test', ?, ?, 'NONE', 1)")
        .params(id, "k:" + id, prospects.get(random.nextInt(prospects.size())), asset(random), KINDS.get(random.nextInt(KINDS.size())),
            ts(at), ts(at)).update();
    return id;
  }

  private static Instant at(UniformRandomProvider random) {
    // over ten days, some just before and after midnight
    return T0.plus(Duration.ofDays(random.nextInt(10))).plus(Duration.ofMinutes(random.nextBoolean() ? random.nextInt(3) : 1437));
  }

  private static String asset(UniformRandomProvider random) {
    int a = random.nextInt(4);
    return a == 3 ? null : "a" + (a + 1);
  }

  /** The daily counts, leaving out those that fell to 0. */
  private static Map<String, Long> counts(JdbcClient jdbc) {
    Map<String, Long> counts = new TreeMap<>();
    jdbc.sql("SELECT touch_day, asset_id, distributor_id, kind, touchpoints FROM journey_touchpoint_daily WHERE touchpoints <> 0")
        .query(rs -> {
          counts.put(rs.getDate(1).toLocalDate() + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4), rs.getLong(5));
        });
    return counts;
  }

  /** The same, counted from every raw touchpoint in Java. */
  private static Map<String, Long> scan(JdbcClient jdbc) {
    Map<String, Long> counts = new TreeMap<>();
    jdbc.sql("SELECT t.occurred_at, t.asset_id, p.distributor_id, t.kind FROM touchpoint t JOIN prospect p ON p.id = t.prospect_id")
        .query(rs -> {
          String day = rs.getTimestamp(1).toLocalDateTime().toLocalDate().toString();
          String asset = rs.getString(2) == null ? "" : rs.getString(2);
          counts.merge(day + "|" + asset + "|" + rs.getString(3) + "|" + rs.getString(4), 1L, Long::sum);
        });
    return counts;
  }

  private static Timestamp ts(Instant instant) {
    return Timestamp.from(instant);
  }
}
