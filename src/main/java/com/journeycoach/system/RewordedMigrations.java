package com.journeycoach.system;

import java.sql.Connection;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Migrations whose comment was reworded after databases had applied them. Flyway checksums the whole
 * file, comments included, and refuses to start when a recorded checksum differs; a database that
 * recorded exactly the old file's checksum gets the new one before migrating. Any other difference
 * still stops the start, as Flyway means it to.
 */
@Configuration
public class RewordedMigrations {

  /** Version: the checksum of the file as released, and of the file now. */
  static final Map<String, Checksums> REWORDED = Map.of(
      // V6's first comment named a tracker's number
      "6", new Checksums(1334404938, 268894036));

  record Checksums(int released, int now) {
  }

  @Bean
  FlywayMigrationStrategy migrateAfterRewording() {
    return flyway -> {
      realign(flyway);
      migrate(flyway);
    };
  }

  /**
   * Two nodes starting at once on an empty database: one creates Flyway's history table, the other may find it
   * still empty and refuse to baseline it. A moment later the table holds the first node's work, so migrating
   * again takes it up (under Flyway's lock) instead of stopping the start; any other failure stops it at once.
   */
  static void migrate(Flyway flyway) {
    for (int attempt = 1; ; attempt++) {
      try {
        flyway.migrate();
        return;
      } catch (FlywayException e) {
        if (attempt >= 10 || e.getMessage() == null || !e.getMessage().contains("already exists, and is empty")) {
          throw e;
        }
        try {
          Thread.sleep(500L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  static void realign(Flyway flyway) {
    JdbcTemplate jdbc = new JdbcTemplate(flyway.getConfiguration().getDataSource());
    // Flyway creates its history table with quoted names (lower case on H2)
    String quote = jdbc.execute((Connection connection) -> connection.getMetaData().getIdentifierQuoteString()).strip();
    String table = quote + flyway.getConfiguration().getTable() + quote;
    for (MigrationInfo applied : flyway.info().applied()) {
      Checksums checksums = applied.getVersion() == null ? null : REWORDED.get(applied.getVersion().getVersion());
      if (checksums != null && applied.getChecksum() != null && applied.getChecksum() == checksums.released()) {
        jdbc.update("UPDATE " + table + " SET " + quote + "checksum" + quote + " = ? WHERE " + quote + "version" + quote + " = ? AND "
                + quote + "checksum" + quote + " = ?", checksums.now(),
            applied.getVersion().getVersion(), checksums.released());
      }
    }
  }
}
