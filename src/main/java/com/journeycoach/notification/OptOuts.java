package com.journeycoach.notification;

import java.time.Clock;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Who asked not to be reached on a channel (SMS STOP, email unsubscribe). */
@Service
public class OptOuts {

  private final JdbcClient jdbc;
  private final Clock clock;

  public OptOuts(JdbcClient jdbc, Clock clock) {
    this.clock = clock;
    this.jdbc = jdbc;
  }

  public boolean isOptedOut(String address, Channel channel) {
    return jdbc.sql("SELECT COUNT(*) FROM opt_out WHERE address = ? AND channel = ?")
        .params(normalise(address), channel.name()).query(Integer.class).single() > 0;
  }

  @Transactional
  public void optOut(String address, Channel channel, String source) {
    if (!isOptedOut(address, channel)) {
      jdbc.sql("INSERT INTO opt_out (address, channel, opted_out_at, source) VALUES (?, ?, ?, ?)")
          .params(normalise(address), channel.name(), Timestamp.from(clock.instant()), source).update();
    }
  }

  public void optIn(String address, Channel channel) {
    jdbc.sql("DELETE FROM opt_out WHERE address = ? AND channel = ?").params(normalise(address), channel.name()).update();
  }

  private static String normalise(String address) {
    return address.strip().toLowerCase(Locale.ROOT);
  }
}
