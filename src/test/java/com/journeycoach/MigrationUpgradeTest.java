package com.journeycoach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Upgrading a database that already holds journeys: V9 fills each distributor's forecast sums from
 * the journeys closed before it (the last close estimate of each, and whether it converted), keeps
 * every row, and leaves the answers given before it unnumbered; V11 counts the prospects each
 * distributor had added onto their row; V15 gives every threshold its default, a tuned one its first value; V17
 * scopes the touchpoints' idempotency keys, the application's own keeping theirs. On H2 and on MariaDB.
 */
class MigrationUpgradeTest {

  private static final Instant T0 = Instant.parse("2026-11-01T09:00:00Z");

  @Test
  void onH2() {
    upgradeWithJourneysClosedBefore(new DriverManagerDataSource("jdbc:h2:mem:upgrade-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
        "sa", ""));
  }

  @Test
  @Tag("mariadb")
  @ExtendWith(MariaDb.class)
  void onMariaDb() {
    upgradeWithJourneysClosedBefore(new DriverManagerDataSource(MariaDb.freshDatabase(), MariaDb.user(), MariaDb.password()));
  }

  private static void upgradeWithJourneysClosedBefore(DataSource dataSource) {
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("8").load().migrate();
    JdbcClient jdbc = JdbcClient.create(dataSource);
    jdbc.sql("INSERT INTO asset (id, title, asset_type, status, created_at, updated_at) VALUES ('a1', 'Asset', 'VIDEO', 'ACTIVE', ?, ?)")
        .params(ts(0), ts(0)).update();
    distributor(jdbc, "dana");
    distributor(jdbc, "noel");
    // dana: won after estimates of 20 then 80; lost after 60; still open after 90; won with no answer
    prospect(jdbc, "won", "dana", "WON", 20, 80);
    prospect(jdbc, "lost", "dana", "LOST", 60);
    prospect(jdbc, "open", "dana", "ACTIVE", 90);
    prospect(jdbc, "bought", "dana", "WON");
    // noel: nothing closed
    prospect(jdbc, "noels", "noel", "NURTURE", 50);
    // the view pace tuned twice (P3D -> PT60H -> PT50H) before V15 gave thresholds their defaults
    jdbc.sql("UPDATE threshold SET threshold_value = 'PT50H' WHERE name = 'pace.prospect-development.view'").update();
    jdbc.sql("INSERT INTO threshold_history (id, name, old_value, new_value, reason, changed_at, changed_by) VALUES"
        + " ('h1', 'pace.prospect-development.view', 'P3D', 'PT60H', 'tuned', ?, 'threshold-tuning'),"
        + " ('h2', 'pace.prospect-development.view', 'PT60H', 'PT50H', 'tuned', ?, 'threshold-tuning')").params(ts(1), ts(2)).update();

    // touchpoints the journey and the tracked link recorded, and two reported through the API (one with the default source)
    touchpoint(jdbc, "tp-shared", "share:s-won:shared", "SHARED", "journey");
    touchpoint(jdbc, "tp-viewed", "share:s-won:viewed", "VIEWED", "tracked-link");
    touchpoint(jdbc, "tp-order", "order-1001", "PURCHASED", "shop");
    touchpoint(jdbc, "tp-crm", "crm-7", "MEETING_HELD", "api:crm");

    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();

    assertThat(sums(jdbc, "dana")).containsExactly(2L, 140L, 1L);
    assertThat(sums(jdbc, "noel")).containsExactly(0L, 0L, 0L);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM follow_up_answer").query(Long.class).single()).isEqualTo(5);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM follow_up_answer WHERE answer_number IS NOT NULL").query(Long.class).single())
        .isZero();
    // V11: the prospects each distributor had added, counted onto their row
    assertThat(jdbc.sql("SELECT prospects_added FROM distributor WHERE id = 'dana'").query(Integer.class).single()).isEqualTo(4);
    assertThat(jdbc.sql("SELECT prospects_added FROM distributor WHERE id = 'noel'").query(Integer.class).single()).isEqualTo(1);
    // V15: a threshold's default is the value its migration gave it, a changed one's the first old value
    assertThat(jdbc.sql("SELECT default_value FROM threshold WHERE name = 'pace.prospect-development.view'").query(String.class)
        .single()).isEqualTo("P3D");
    assertThat(jdbc.sql("SELECT threshold_value FROM threshold WHERE name = 'pace.prospect-development.view'").query(String.class)
        .single()).isEqualTo("PT50H");
    assertThat(jdbc.sql("SELECT default_value FROM threshold WHERE name = 'pace.prospect-development.share'").query(String.class)
        .single()).isEqualTo("P2D");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM threshold WHERE default_value IS NULL").query(Long.class).single()).isZero();
    // V17: the application's old keys stay its own (a retried step or a second open still finds them taken); the
    // API's old ones, whose caller was not recorded, are nobody's, so a caller's same key is their own
    assertThat(jdbc.sql("SELECT id, key_scope FROM touchpoint ORDER BY id").query().listOfRows())
        .extracting(row -> row.get("id") + "=" + row.get("key_scope"))
        .containsExactly("tp-crm=legacy", "tp-order=legacy", "tp-shared=app", "tp-viewed=app");
    assertThatThrownBy(() -> touchpoint(jdbc, "tp-shared-again", "share:s-won:shared", "SHARED", "journey"))
        .isInstanceOf(DuplicateKeyException.class);
    jdbc.sql("INSERT INTO touchpoint (id, idempotency_key, prospect_id, kind, source, occurred_at, recorded_at, journey_effect,"
        + " sequence_number, key_scope) VALUES ('tp-order-shop', 'order-1001', 'won', 'PURCHASED', 'shop', ?, ?, 'STORED', 9,"
        + " 'user:shop')").params(ts(5), ts(5)).update();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM touchpoint WHERE idempotency_key = 'order-1001'").query(Long.class).single())
        .isEqualTo(2);
  }

  /** A touchpoint of the prospect 'won' as written before V17 (and, without a scope, as MarketHistory writes one still). */
  private static void touchpoint(JdbcClient jdbc, String id, String key, String kind, String source) {
    jdbc.sql("INSERT INTO touchpoint (id, idempotency_key, prospect_id, kind, source, occurred_at, recorded_at, journey_effect,"
        + " sequence_number) VALUES (?, ?, 'won', ?, ?, ?, ?, 'STORED', (SELECT COUNT(*) + 1 FROM touchpoint t))")
        .params(id, key, kind, source, ts(4), ts(4)).update();
  }

  private static Object[] sums(JdbcClient jdbc, String distributorId) {
    Map<String, Object> row = jdbc.sql("SELECT closed_journeys, close_estimate_sum, converted_journeys FROM distributor WHERE id = ?")
        .param(distributorId).query().singleRow();
    return row.values().stream().map(value -> ((Number) value).longValue()).toArray();
  }

  private static void distributor(JdbcClient jdbc, String id) {
    jdbc.sql("INSERT INTO distributor (id, first_name, last_name, email, time_zone, experienced, created_at)"
        + " VALUES (?, 'First', 'Last', ?, 'UTC', FALSE, ?)").params(id, id + "@example.com", ts(0)).update();
  }

  /** A prospect with one share and a follow-up answer per estimate, an hour apart. */
  private static void prospect(JdbcClient jdbc, String id, String distributorId, String status, int... estimates) {
    jdbc.sql("INSERT INTO prospect (id, distributor_id, first_name, audience, status, created_at, updated_at)"
        + " VALUES (?, ?, 'Pat', 'PRODUCT_CUSTOMER', ?, ?, ?)").params(id, distributorId, status, ts(0), ts(0)).update();
    jdbc.sql("INSERT INTO asset_share (id, token, prospect_id, asset_id, distributor_id, created_at, view_count)"
        + " VALUES (?, ?, ?, 'a1', ?, ?, 1)").params("s-" + id, "t-" + id, id, distributorId, ts(0)).update();
    for (int i = 0; i < estimates.length; i++) {
      jdbc.sql("INSERT INTO follow_up_answer (id, share_id, prospect_id, distributor_id, interest_change, purchase_intent,"
              + " close_estimate, answered_at) VALUES (?, ?, ?, ?, 0, 'LOW', ?, ?)")
          .params("f-" + id + "-" + i, "s-" + id, id, distributorId, estimates[i], ts(i + 1)).update();
    }
  }

  private static Timestamp ts(int hours) {
    return Timestamp.from(T0.plusSeconds(3600L * hours));
  }
}
