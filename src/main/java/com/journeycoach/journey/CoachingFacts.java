package com.journeycoach.journey;

import com.journeycoach.coaching.DistributorProfile;
import com.journeycoach.coaching.ForecastRecord;
import com.journeycoach.coaching.Occasion;
import com.journeycoach.coaching.ProspectJourney;
import com.journeycoach.people.Distributors;
import com.journeycoach.people.Personality;
import com.journeycoach.people.Prospects;
import com.journeycoach.system.EngineTables;
import com.journeycoach.system.NotFoundException;
import java.time.Clock;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Gathers the facts the coaching rules decide on, as immutable snapshots: the distributor's
 * profile, each of their open journeys, and their forecast record. It decides nothing.
 */
@Component
public class CoachingFacts {

  /** The BPMN wait states and the step names the rules use. */
  static final Map<String, String> STEPS = ProspectDevelopment.STEPS;

  /** The purchase intents that show interest in the asset's product. */
  private static final Set<String> INTERESTED = Set.of("MEDIUM", "HIGH");

  private final JdbcClient jdbc;
  private final Clock clock;
  private final EngineTables tables;

  public CoachingFacts(JdbcClient jdbc, EngineTables tables, Clock clock) {
    this.clock = clock;
    this.jdbc = jdbc;
    this.tables = tables;
  }

  /**
   * The facts for an occasion in a distributor's picture. A fixed number of queries however many
   * journeys are open: the open journeys' steps, answers and reminders are each read for all at once.
   */
  public List<Object> forDistributor(Occasion occasion, String distributorId) {
    // the engine's clock: the same "now" as the timers that ask
    Instant now = clock.instant();
    Record record = record(distributorId, now);
    // open journeys only: the facts stay small however long the distributor's history grows
    List<OpenProspect> open = openProspects(distributorId);
    Map<String, Step> steps = open.isEmpty() ? Map.of() : currentSteps(open, now);

    List<Object> facts = new ArrayList<>();
    facts.add(occasion);
    facts.add(record.profile());
    for (OpenProspect prospect : open) {
      Step step = steps.getOrDefault(prospect.id, new Step("none", now));
      facts.add(new ProspectJourney(prospect.id, distributorId, step.name(), hoursBetween(step.since(), now),
          hoursBetween(prospect.createdAt, now), prospect.reminders, prospect.interestTotal, prospect.products,
          prospect.personality));
    }
    facts.add(record.forecast());
    return facts;
  }

  private record Step(String name, Instant since) {
  }

  /**
   * Where each open prospect's running journey waits, and since when: its first unfinished activity
   * that is a step ({@link #STEPS}), else "other"; "none" without a running journey. One query for all,
   * on the engine's history tables (as a native query would read them): the running journeys by
   * business key, joined to their unfinished activities. (Camunda's own query for process instances by
   * business keys wraps the whole history table in a derived table, which grows with every journey.)
   */
  private Map<String, Step> currentSteps(List<OpenProspect> open, Instant now) {
    Map<String, Step> steps = new HashMap<>();
    List<Object> params = new ArrayList<>();
    params.add(ProspectDevelopment.KEY);
    open.forEach(prospect -> params.add(prospect.id));
    jdbc.sql("SELECT p.BUSINESS_KEY_, a.ACT_ID_, a.START_TIME_ FROM " + tables.of(HistoricProcessInstance.class) + " p"
            + " LEFT JOIN " + tables.of(HistoricActivityInstance.class) + " a ON a.PROC_INST_ID_ = p.ID_ AND a.END_TIME_ IS NULL"
            + " WHERE p.PROC_DEF_KEY_ = ? AND p.END_TIME_ IS NULL AND p.BUSINESS_KEY_ IN ("
            + String.join(", ", Collections.nCopies(open.size(), "?")) + ") ORDER BY a.ID_")
        .params(params)
        .query(rs -> {
          String step = STEPS.get(rs.getString(2));
          if (step != null) {
            steps.putIfAbsent(rs.getString(1), new Step(step, rs.getTimestamp(3).toInstant()));
          }
          // a running journey not (yet) at a step
          steps.putIfAbsent(rs.getString(1), new Step("other", now));
        });
    return steps;
  }

  private static double hoursBetween(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / 3_600_000.0;
  }

  /**
   * An open prospect as the rules see them: when they were added, their personality, the reminders
   * the distributor got about them, the sum of their interest changes, and the products of the assets
   * after which their interest rose or their intent was at least medium.
   */
  private static final class OpenProspect {
    final String id;
    final Instant createdAt;
    final Personality personality;
    final int reminders;
    int interestTotal;
    final Set<String> products = new HashSet<>();

    OpenProspect(String id, Instant createdAt, Personality personality, int reminders) {
      this.id = id;
      this.createdAt = createdAt;
      this.personality = personality;
      this.reminders = reminders;
    }

    void answered(int interestChange, String purchaseIntent, String product) {
      interestTotal += interestChange;
      if (product != null && (interestChange > 0 || INTERESTED.contains(purchaseIntent))) {
        products.add(product);
      }
    }
  }

  /** The distributor's open prospects with their answers and reminders, in one query: a row per answer (or one without). */
  private List<OpenProspect> openProspects(String distributorId) {
    Map<String, OpenProspect> open = new LinkedHashMap<>();
    jdbc.sql("SELECT p.id, p.created_at, p.personality,"
            + " (SELECT COUNT(*) FROM coaching_nudge n WHERE n.recipient_id = p.distributor_id AND n.prospect_id = p.id),"
            + " f.interest_change, f.purchase_intent, a.product FROM people_prospect p"
            + " LEFT JOIN follow_up_answer f ON f.prospect_id = p.id LEFT JOIN content_asset_share s ON s.id = f.share_id"
            + " LEFT JOIN content_asset a ON a.id = s.asset_id"
            + " WHERE " + Prospects.openOf("p") + " ORDER BY p.created_at, p.id")
        .params(distributorId, distributorId).query(rs -> {
          OpenProspect prospect = open.get(rs.getString(1));
          if (prospect == null) {
            prospect = new OpenProspect(rs.getString(1), rs.getTimestamp(2).toInstant(), Personality.ofStored(rs.getString(3)),
                rs.getInt(4));
            open.put(prospect.id, prospect);
          }
          String purchaseIntent = rs.getString(6);
          if (purchaseIntent != null) {
            prospect.answered(rs.getInt(5), purchaseIntent, rs.getString(7));
          }
        });
    return List.copyOf(open.values());
  }

  /**
   * The distributor as the rules see them, and their forecast record, in one query: the profile with
   * how many prospects they have added (counted on their row as they are added) and when they last did
   * anything (added, shared, answered), by index; the forecast record from the running sums
   * {@link ForecastRecords} keeps on their row.
   */
  private record Record(DistributorProfile profile, ForecastRecord forecast) {
  }

  /**
   * The distributor's latest time in a column, as a subquery: ordered by the (distributor, time) index
   * and the first row taken, which reads one index entry on H2 too (its MAX with a WHERE reads them all).
   */
  private static String latest(String column, String table) {
    return "(SELECT " + column + " FROM " + table + " WHERE distributor_id = ? AND " + column + " IS NOT NULL"
        + " ORDER BY distributor_id DESC, " + column + " DESC LIMIT 1)";
  }

  private Record record(String id, Instant now) {
    return jdbc.sql("SELECT sponsor_id, experienced, personality, trained_products, created_at, "
            + latest("created_at", "people_prospect") + ", " + latest("shared_at", "content_asset_share") + ", "
            + latest("answered_at", "follow_up_answer") + ","
            + " closed_journeys, close_estimate_sum, converted_journeys, prospects_added FROM people_distributor WHERE id = ?")
        .params(id, id, id, id)
        .query((rs, i) -> {
          Instant enrolled = rs.getTimestamp(5).toInstant();
          Instant lastActivity = Stream.of(rs.getTimestamp(6), rs.getTimestamp(7), rs.getTimestamp(8)).filter(Objects::nonNull)
              .map(Timestamp::toInstant).max(Comparator.naturalOrder()).orElse(enrolled);
          String personality = rs.getString(3);
          DistributorProfile profile = new DistributorProfile(id, rs.getString(1), rs.getBoolean(2),
              personality == null ? null : Personality.valueOf(personality), Distributors.products(rs.getString(4)),
              Duration.between(enrolled, now).toDays(), Duration.between(lastActivity, now).toDays(), rs.getInt(12));
          return new Record(profile, ForecastRecords.of(id, rs.getInt(9), rs.getLong(10), rs.getInt(11)));
        })
        .optional().orElseThrow(() -> new NotFoundException("No distributor '" + id + "'"));
  }
}
