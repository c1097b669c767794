package com.journeycoach.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.journeycoach.MariaDb;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * V16 on a database that already holds thresholds, on H2 and MariaDB: every threshold gets a measure and
 * bounds that hold its default, stored values are left as they were (one out of bounds is read as its
 * default, see {@code ThresholdBoundsTests}), and a threshold added later without a measure is refused.
 */
class ThresholdBoundsMigrationTest {

  @Test
  void onH2() {
    upgrade(new DriverManagerDataSource("jdbc:h2:mem:bounds-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", ""));
  }

  @Test
  @Tag("mariadb")
  @ExtendWith(MariaDb.class)
  void onMariaDb() {
    upgrade(new DriverManagerDataSource(MariaDb.freshDatabase(), MariaDb.user(), MariaDb.password()));
  }

  private static void upgrade(DataSource dataSource) {
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("15").load().migrate();
    JdbcClient jdbc = JdbcClient.create(dataSource);
    jdbc.sql("UPDATE threshold SET threshold_value = '25' WHERE name = 'notification.window.start-hour'").update();
    jdbc.sql("UPDATE threshold SET threshold_value = 'PT50H' WHERE name = 'pace.prospect-development.view'").update();

    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("16").load().migrate();

    List<Map<String, Object>> rows = jdbc.sql("SELECT name, kind, measure, min_value, max_value, default_value FROM threshold")
        .query().listOfRows();
    assertThat(rows).hasSizeGreaterThan(30);
    for (Map<String, Object> row : rows) {
      String name = (String) row.get("name");
      Threshold.Measure measure = Threshold.Measure.valueOf((String) row.get("measure"));
      assertThat(measure.kind().name()).as(name).isEqualTo(row.get("kind"));
      ThresholdBounds bounds = ThresholdBounds.of(measure, (String) row.get("min_value"), (String) row.get("max_value"));
      assertThat(bounds.minimum()).as("%s states its own minimum", name).isEqualTo(row.get("min_value"));
      assertThat(bounds.maximum()).as("%s states its own maximum", name).isEqualTo(row.get("max_value"));
      assertThat(bounds.admits((String) row.get("default_value"))).as("the default of %s lies within %s", name, bounds.expected())
          .isTrue();
    }
    assertThat(measureOf(jdbc, "notification.window.start-hour")).isEqualTo("HOUR_OF_DAY");
    assertThat(measureOf(jdbc, "coaching.cap.nudges-per-day")).isEqualTo("COUNT");
    assertThat(measureOf(jdbc, "tuning.pace-quantile")).isEqualTo("FRACTION");
    assertThat(measureOf(jdbc, "pace.prospect-development.view")).isEqualTo("DURATION");
    // values are the managers': the migration changes none
    assertThat(valueOf(jdbc, "notification.window.start-hour")).isEqualTo("25");
    assertThat(valueOf(jdbc, "pace.prospect-development.view")).isEqualTo("PT50H");

    assertThatThrownBy(() -> jdbc.sql("INSERT INTO threshold (name, kind, threshold_value, description, updated_at, updated_by,"
        + " default_value) VALUES ('test.unbounded', 'NUMBER', '1', 'no measure', CURRENT_TIMESTAMP, 'test', '1')").update())
        .as("a threshold needs a measure").isNotNull();
  }

  private static String measureOf(JdbcClient jdbc, String name) {
    return jdbc.sql("SELECT measure FROM threshold WHERE name = ?").param(name).query(String.class).single();
  }

  private static String valueOf(JdbcClient jdbc, String name) {
    return jdbc.sql("SELECT threshold_value FROM threshold WHERE name = ?").param(name).query(String.class).single();
  }
}
