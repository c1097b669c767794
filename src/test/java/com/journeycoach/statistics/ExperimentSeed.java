package com.journeycoach.statistics;

import com.journeycoach.content.Phase;
import com.journeycoach.experiment.Experiment;
import com.journeycoach.experiment.Experiments;
import com.journeycoach.experiment.SegmentAttribute;
import com.journeycoach.people.Prospect;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An experiment on the next asset (defined through the service, then stopped at once so it never holds a decision other
 * tests use) with pulls planted as rows: per segment and arm, suggestions whose journeys were won, lost or are still
 * open, some overridden by the distributor, some never shared. The test counts the expected figures from {@link #pulls}.
 */
final class ExperimentSeed {

  static final String FIRST = "verdant-story";
  static final String SECOND = "cwm-explained";
  static final String CUSTOMERS = "audience=PRODUCT_CUSTOMER";
  static final String BUILDERS = "audience=BUSINESS_BUILDER";

  /** One planted suggestion. */
  record Pull(String segment, String arm, Prospect.Status status, boolean overridden, boolean shared) {
  }

  final JdbcClient jdbc;
  final String prefix = "exp-seed-" + UUID.randomUUID().toString().substring(0, 8);
  final String name;
  final Experiment experiment;
  final List<Pull> pulls = new ArrayList<>();

  private ExperimentSeed(JdbcClient jdbc, Experiments experiments) {
    this.jdbc = jdbc;
    this.name = "Seeded first video " + prefix;
    Experiment created = experiments.create(new Experiments.Definition(name, Phase.PROSPECT_DEVELOPMENT, List.of(FIRST, SECOND),
        List.of(SegmentAttribute.AUDIENCE), null), "insights-seed");
    this.experiment = experiments.stop(created.id(), "insights-seed");
  }

  /** An experiment without any suggestion. */
  static ExperimentSeed empty(JdbcClient jdbc, Experiments experiments) {
    return new ExperimentSeed(jdbc, experiments);
  }

  static ExperimentSeed plant(JdbcClient jdbc, Experiments experiments) {
    ExperimentSeed seed = new ExperimentSeed(jdbc, experiments);
    seed.distributor();
    seed.add(CUSTOMERS, FIRST, Prospect.Status.WON, 6);
    seed.add(CUSTOMERS, FIRST, Prospect.Status.LOST, 2);
    seed.add(CUSTOMERS, FIRST, Prospect.Status.ACTIVE, 2);
    seed.add(CUSTOMERS, FIRST, Prospect.Status.WON, 1, true, true);
    seed.add(CUSTOMERS, FIRST, Prospect.Status.LOST, 1, false, false);
    seed.add(CUSTOMERS, SECOND, Prospect.Status.WON, 2);
    seed.add(CUSTOMERS, SECOND, Prospect.Status.ENROLLED, 1);
    seed.add(CUSTOMERS, SECOND, Prospect.Status.LOST, 5);
    seed.add(CUSTOMERS, SECOND, Prospect.Status.NURTURE, 1);
    seed.add(BUILDERS, FIRST, Prospect.Status.WON, 1);
    seed.add(BUILDERS, FIRST, Prospect.Status.LOST, 3);
    seed.add(BUILDERS, SECOND, Prospect.Status.WON, 3);
    seed.add(BUILDERS, SECOND, Prospect.Status.LOST, 1);
    seed.add(BUILDERS, SECOND, Prospect.Status.LOST, 1, true, true);
    return seed;
  }

  private String distributorId() {
    return prefix + "-d";
  }

  private void distributor() {
    jdbc.sql("INSERT INTO distributor (id, first_name, last_name, email, phone, time_zone, sponsor_id, experienced, created_at)"
            + " VALUES (?, 'Seeded', 'Distributor', ?, NULL, 'UTC', NULL, FALSE, ?)")
        .params(distributorId(), distributorId() + "@example.com", Timestamp.from(Instant.now())).update();
  }

  private void add(String segment, String arm, Prospect.Status status, int count) {
    add(segment, arm, status, count, false, true);
  }

  private void add(String segment, String arm, Prospect.Status status, int count, boolean overridden, boolean shared) {
    for (int i = 0; i < count; i++) {
      String prospect = prefix + "-p" + pulls.size();
      String share = prefix + "-s" + pulls.size();
      Timestamp now = Timestamp.from(Instant.now());
      jdbc.sql("INSERT INTO prospect (id, distributor_id, first_name, last_name, audience, personality, status, created_at, updated_at)"
              + " VALUES (?, ?, 'Seeded', 'Prospect', ?, NULL, ?, ?, ?)")
          .params(prospect, distributorId(), segment.substring(segment.indexOf('=') + 1), status.name(), now, now).update();
      jdbc.sql("INSERT INTO asset_share (id, token, prospect_id, asset_id, distributor_id, channel, created_at, shared_at, view_count)"
              + " VALUES (?, ?, ?, ?, ?, 'SMS', ?, ?, 0)")
          .params(share, UUID.randomUUID().toString().replace("-", ""), prospect, arm, distributorId(), now, shared ? now : null).update();
      jdbc.sql("INSERT INTO experiment_pull (share_id, experiment_id, prospect_id, segment, asset_id, default_asset_id, eligible_arms,"
              + " propensity, suggested_at, overridden_by) VALUES (?, ?, ?, ?, ?, ?, 2, 0.5, ?, ?)")
          .params(share, experiment.id(), prospect, segment, arm, FIRST, now, overridden ? (arm.equals(FIRST) ? SECOND : FIRST) : null)
          .update();
      pulls.add(new Pull(segment, arm, status, overridden, shared));
    }
  }

  /** Suggested, overridden, successes, failures, pending of an arm in a segment ("all": every segment), counted from the rows. */
  long[] counts(String segment, String arm) {
    long[] counts = new long[5];
    for (Pull pull : pulls) {
      if (!pull.arm().equals(arm) || !(segment.equals("all") || pull.segment().equals(segment))) {
        continue;
      }
      counts[0]++;
      if (pull.overridden()) {
        counts[1]++;
        continue;
      }
      if (!pull.shared()) {
        continue;
      }
      if (pull.status() == Prospect.Status.WON || pull.status() == Prospect.Status.ENROLLED) {
        counts[2]++;
      } else if (pull.status() == Prospect.Status.LOST) {
        counts[3]++;
      } else {
        counts[4]++;
      }
    }
    return counts;
  }

  void remove() {
    jdbc.sql("DELETE FROM experiment_pull WHERE experiment_id = ?").param(experiment.id()).update();
    jdbc.sql("DELETE FROM experiment_change WHERE experiment_id = ?").param(experiment.id()).update();
    jdbc.sql("DELETE FROM experiment WHERE id = ?").param(experiment.id()).update();
    jdbc.sql("DELETE FROM asset_share WHERE distributor_id = ?").param(distributorId()).update();
    jdbc.sql("DELETE FROM prospect WHERE distributor_id = ?").param(distributorId()).update();
    jdbc.sql("DELETE FROM distributor WHERE id = ?").param(distributorId()).update();
  }
}
