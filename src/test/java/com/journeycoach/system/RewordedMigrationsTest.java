package com.journeycoach.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** A database that applied V6 as released (with its old comment) still starts; another checksum still stops it. */
class RewordedMigrationsTest {

  private static Flyway flyway(String name) {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:reworded-" + name + ";DB_CLOSE_DELAY=-1");
    return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").table("jc_flyway_history").load();
  }

  private static void recordV6As(Flyway flyway, int checksum) {
    flyway.migrate();
    new JdbcTemplate(flyway.getConfiguration().getDataSource())
        .update("UPDATE \"jc_flyway_history\" SET \"checksum\" = ? WHERE \"version\" = '6'", checksum);
  }

  @Test
  void theReleasedChecksumOfARewordedMigrationIsRealignedAndTheStartGoesOn() {
    Flyway flyway = flyway("released");
    recordV6As(flyway, RewordedMigrations.REWORDED.get("6").released());
    assertThatThrownBy(flyway::validate).as("Flyway alone refuses it").isInstanceOf(FlywayValidateException.class);

    RewordedMigrations.realign(flyway);

    flyway.validate();
    assertThat(new JdbcTemplate(flyway.getConfiguration().getDataSource())
        .queryForObject("SELECT \"checksum\" FROM \"jc_flyway_history\" WHERE \"version\" = '6'", Integer.class))
        .isEqualTo(RewordedMigrations.REWORDED.get("6").now());
  }

  @Test
  void anyOtherChecksumStillStopsTheStart() {
    Flyway flyway = flyway("tampered");
    recordV6As(flyway, 42);

    RewordedMigrations.realign(flyway);

    assertThatThrownBy(flyway::validate).isInstanceOf(FlywayValidateException.class);
  }
}
