package com.journeycoach.system;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.spring.boot.starter.property.JobExecutionProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses to start when the job executor's threads could take every database connection. A
 * <i>Send nudge</i> job holds a connection and asks for a second (the send ledger writes in a
 * transaction of its own), so with threads x 2 at the pool size every thread waits for a
 * connection no thread gives back: 20 threads on a pool of 20 sent 187 of 1,000 reminders in
 * 490 s. The rule: pool size >= 2 x job threads + {@value #HEADROOM}.
 */
@Component
class ConnectionPoolRule {

  static final int CONNECTIONS_PER_JOB_THREAD = 2;
  /** Job acquisition holds one; the rest serve HTTP requests and other work while every job thread sends. */
  static final int HEADROOM = 5;
  static final String THREADS_PROPERTY = "camunda.bpm.job-execution.max-pool-size";
  static final String POOL_PROPERTY = "spring.datasource.hikari.maximum-pool-size";

  ConnectionPoolRule(CamundaBpmProperties camunda, DataSource dataSource, Environment environment) throws SQLException {
    JobExecutionProperty jobs = camunda.getJobExecution();
    // the starter runs the job executor unless this is false (JobExecutionProperty.isEnabled() says false when unset)
    boolean jobsRun = environment.getProperty("camunda.bpm.job-execution.enabled", Boolean.class, true);
    if (!jobsRun || !dataSource.isWrapperFor(HikariDataSource.class)) {
      return;
    }
    int jobThreads = Math.max(jobs.getCorePoolSize(), jobs.getMaxPoolSize());
    int poolSize = dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize();
    violation(jobThreads, poolSize).ifPresent(message -> {
      throw new IllegalStateException(message);
    });
  }

  static int connectionsNeeded(int jobThreads) {
    return CONNECTIONS_PER_JOB_THREAD * jobThreads + HEADROOM;
  }

  /** Why this pair can stall a node, or empty when the pool is large enough. */
  static Optional<String> violation(int jobThreads, int poolSize) {
    int needed = connectionsNeeded(jobThreads);
    if (poolSize >= needed) {
      return Optional.empty();
    }
    int mostThreads = Math.max(0, (poolSize - HEADROOM) / CONNECTIONS_PER_JOB_THREAD);
    return Optional.of(("The database pool is too small for the job executor: %d job threads (%s) take up to %d"
        + " connections each, plus %d for job acquisition and requests, %d in all, but the pool has %d (%s,"
        + " JOURNEY_DB_POOL_SIZE). A node could stall with every thread waiting for a connection. Set the pool to"
        + " at least %d or the job threads to at most %d (docs/operations.md, \"Connections and job threads\").")
        .formatted(jobThreads, THREADS_PROPERTY, CONNECTIONS_PER_JOB_THREAD, HEADROOM, needed, poolSize, POOL_PROPERTY,
            needed, mostThreads));
  }
}
