package com.journeycoach.coaching;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rules versions shared by every node on one database. A successful reload (API or rules folder)
 * stores the rule sources that compiled as a new version; every node looks for the newest version every
 * {@code journey.rules.follow-interval} and, when it is not the one it runs, compiles the stored sources
 * and swaps them in, keeping the running rules when they do not compile. A node starting on a database
 * with a stored version runs that version, whatever its own rules folder holds.
 */
@Component
public class RuleVersions implements SmartLifecycle {

  /** Two nodes reloading at the same moment both take the next number; the later one takes the one after. */
  private static final int RECORD_ATTEMPTS = 5;

  private static final Logger log = LoggerFactory.getLogger(RuleVersions.class);

  private final RuleBook ruleBook;
  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final RulesProperties properties;
  /** The newest stored version this node has taken up: runs it, or tried and could not compile it. */
  private volatile long seen;
  /** The stored version this node runs, 0 while it runs its own rules folder. */
  private volatile long running;
  private volatile ScheduledExecutorService poll;

  public RuleVersions(RuleBook ruleBook, JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock,
                      RulesProperties properties) {
    this.ruleBook = ruleBook;
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
    this.clock = clock;
    this.properties = properties;
    ruleBook.listenToReloads(this::record);
    // before any decision: a node starting on a database with a stored version runs that version
    follow();
  }

  /** The stored version this node runs, 0 while it runs its own rules folder (none stored, or none that compiles here). */
  public long running() {
    return running;
  }

  /** Runs the newest stored version if this node does not run it yet. */
  void follow() {
    // one lock with the reloads (RuleBook.reload holds it while it swaps and records), so a version
    // followed here never overwrites a newer one this node has just reloaded
    synchronized (ruleBook) {
      long newest;
      try {
        newest = newest();
      } catch (RuntimeException e) {
        log.warn("Cannot look for a new version of the coaching rules; the running rules stay", e);
        return;
      }
      if (newest == 0 || newest == seen) {
        return;
      }
      seen = newest;
      try {
        RuleBook.Loaded loaded = ruleBook.use(filesOf(newest));
        running = newest;
        log.info("Coaching rules version {} taken from the database: {}", newest, loaded.files().keySet());
      } catch (RuleCompilationException e) {
        log.error("Coaching rules version {} does not compile on this node; the running rules stay: {}", newest, e.errors());
      } catch (RuntimeException e) {
        seen = 0;
        log.warn("Cannot read coaching rules version {}; the running rules stay", newest, e);
      }
    }
  }

  /** Stores a reload's rule sources as the next version, which this node then runs. */
  private void record(RuleBook.Loaded loaded, String by) {
    for (int attempt = 1; ; attempt++) {
      try {
        long version = transaction.execute(status -> insert(loaded.files(), by));
        seen = version;
        running = version;
        log.info("Coaching rules version {} recorded (reloaded by {})", version, by);
        return;
      } catch (DuplicateKeyException e) {
        if (attempt == RECORD_ATTEMPTS) {
          throw e;
        }
      }
      // any other failure is thrown: the reload's caller learns that the other nodes will not follow
    }
  }

  private long insert(Map<String, String> files, String by) {
    long version = newest() + 1;
    jdbc.sql("INSERT INTO rule_version (version, reloaded_by, reloaded_at) VALUES (?, ?, ?)")
        .params(version, by, Timestamp.from(clock.instant())).update();
    files.forEach((name, source) -> jdbc.sql("INSERT INTO rule_version_file (version, name, source) VALUES (?, ?, ?)")
        .params(version, name, source).update());
    return version;
  }

  private long newest() {
    return jdbc.sql("SELECT MAX(version) FROM rule_version").query((rs, row) -> rs.getLong(1)).single();
  }

  private Map<String, String> filesOf(long version) {
    Map<String, String> files = new TreeMap<>();
    jdbc.sql("SELECT name, source FROM rule_version_file WHERE version = ?").param(version)
        .query(rs -> {
          files.put(rs.getString(1), rs.getString(2));
        });
    return files;
  }

  @Override
  public void start() {
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "rules-version-follower");
      thread.setDaemon(true);
      return thread;
    });
    long interval = properties.followInterval().toMillis();
    executor.scheduleWithFixedDelay(this::follow, interval, interval, TimeUnit.MILLISECONDS);
    poll = executor;
  }

  @Override
  public void stop() {
    ScheduledExecutorService executor = poll;
    poll = null;
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return poll != null;
  }
}
