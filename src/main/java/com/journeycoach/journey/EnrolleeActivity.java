package com.journeycoach.journey;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What a distributor did in the last days, as a sponsor's check-in shows it: prospects added, shares, views, sales. */
@Component
class EnrolleeActivity {

  /** Counts since a moment; {@link #text} says them in a sentence. */
  record Summary(long days, int prospectsAdded, int shares, int views, int sales) {

    String text() {
      return "In the last " + days + (days == 1 ? " day" : " days") + ": " + count(prospectsAdded, "prospect") + " added, "
          + count(shares, "asset") + " shared, " + count(views, "view") + ", " + count(sales, "sale") + ".";
    }

    private static String count(int n, String noun) {
      return n + " " + noun + (n == 1 ? "" : "s");
    }
  }

  private final JdbcClient jdbc;
  private final Clock clock;

  EnrolleeActivity(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  Summary ofLast(String distributorId, long days) {
    Timestamp since = Timestamp.from(clock.instant().minus(Duration.ofDays(days)));
    return new Summary(days,
        count("SELECT COUNT(*) FROM people_prospect WHERE distributor_id = ? AND created_at >= ?", distributorId, since),
        count("SELECT COUNT(*) FROM content_asset_share WHERE distributor_id = ? AND shared_at >= ?", distributorId, since),
        count("SELECT COUNT(*) FROM content_asset_share WHERE distributor_id = ? AND first_viewed_at >= ?", distributorId, since),
        count("SELECT COUNT(*) FROM touchpoint t JOIN people_prospect p ON p.id = t.prospect_id"
            + " WHERE p.distributor_id = ? AND t.kind = 'PURCHASED' AND t.occurred_at >= ?", distributorId, since));
  }

  private int count(String sql, String distributorId, Timestamp since) {
    return jdbc.sql(sql).params(distributorId, since).query(Integer.class).single();
  }
}
