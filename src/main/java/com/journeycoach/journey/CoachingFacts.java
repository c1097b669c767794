package com.journeycoach.journey;

import com.journeycoach.coaching.DistributorProfile;
import com.journeycoach.coaching.ForecastRecord;
import com.journeycoach.coaching.Occasion;
import com.journeycoach.coaching.ProspectJourney;
import com.journeycoach.people.Distributor;
import com.journeycoach.people.Distributors;
import com.journeycoach.people.Prospect;
import com.journeycoach.people.Prospects;
import com.journeycoach.system.EngineAsApplication;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Gathers the facts the coaching rules decide on, as immutable snapshots: the distributor's
 * profile, each of their open journeys, and their forecast record. It decides nothing.
 */
@Component
public class CoachingFacts {

  /** The BPMN wait states and the step names the rules use. */
  static final Map<String, String> STEPS = Map.of(
      "Task_ShareAsset", "share",
      "Task_WaitForView", "view",
      "Task_AskFollowUp", "follow-up",
      "Task_RecordMeetingOutcome", "meeting",
      "Timer_NurtureOver", "nurture");

  private final Distributors distributors;
  private final Prospects prospects;
  private final JdbcClient jdbc;
  private final RuntimeService runtime;
  private final HistoryService history;
  private final EngineAsApplication engine;

  public CoachingFacts(Distributors distributors, Prospects prospects, JdbcClient jdbc, RuntimeService runtime,
                       HistoryService history, EngineAsApplication engine) {
    this.distributors = distributors;
    this.prospects = prospects;
    this.jdbc = jdbc;
    this.runtime = runtime;
    this.history = history;
    this.engine = engine;
  }

  /** The facts for an occasion about one prospect: their distributor's whole picture and the occasion. */
  public List<Object> about(Occasion occasion, String prospectId) {
    return forDistributor(occasion, prospects.get(prospectId).distributorId());
  }

  public List<Object> forDistributor(Occasion occasion, String distributorId) {
    // the engine's clock: the same "now" as the timers that ask
    Instant now = ClockUtil.getCurrentTime().toInstant();
    Distributor distributor = distributors.get(distributorId);
    // open journeys only: the facts stay small however long the distributor's history grows
    List<Prospect> open = prospects.openOfDistributor(distributorId);
    Map<String, Integer> interest = interestTotals(distributorId);
    Map<String, Set<String>> products = productInterests(distributorId);
    Map<String, Integer> reminders = remindersSent(distributorId);

    List<Object> facts = new ArrayList<>();
    facts.add(occasion);
    facts.add(new DistributorProfile(distributor.id(), distributor.sponsorId(), distributor.experienced(),
        distributor.personality(), distributor.trainedProducts(), Duration.between(distributor.createdAt(), now).toDays(),
        Duration.between(lastActivity(distributor), now).toDays(), prospects.countOfDistributor(distributorId)));
    for (Prospect prospect : open) {
      Step step = engine.call(() -> currentStep(prospect.id()));
      facts.add(new ProspectJourney(prospect.id(), distributorId, step.name(), hoursBetween(step.since(), now),
          hoursBetween(prospect.createdAt(), now), reminders.getOrDefault(prospect.id(), 0), interest.getOrDefault(prospect.id(), 0),
          products.getOrDefault(prospect.id(), Set.of()), prospect.personality()));
    }
    facts.add(forecast(distributorId));
    return facts;
  }

  private record Step(String name, Instant since) {
  }

  private Step currentStep(String prospectId) {
    ProcessInstance journey = runtime.createProcessInstanceQuery().processInstanceBusinessKey(prospectId)
        .processDefinitionKey(JourneyStarter.PROCESS_KEY).singleResult();
    if (journey == null) {
      return new Step("none", ClockUtil.getCurrentTime().toInstant());
    }
    for (HistoricActivityInstance activity : history.createHistoricActivityInstanceQuery()
        .processInstanceId(journey.getId()).unfinished().list()) {
      String step = STEPS.get(activity.getActivityId());
      if (step != null) {
        return new Step(step, activity.getStartTime().toInstant());
      }
    }
    return new Step("other", ClockUtil.getCurrentTime().toInstant());
  }

  private static double hoursBetween(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / 3_600_000.0;
  }

  private Map<String, Integer> interestTotals(String distributorId) {
    Map<String, Integer> totals = new HashMap<>();
    jdbc.sql("SELECT f.prospect_id, SUM(f.interest_change) FROM follow_up_answer f JOIN prospect p ON p.id = f.prospect_id"
            + " WHERE p.distributor_id = ? AND p.status IN ('ACTIVE', 'NURTURE') GROUP BY f.prospect_id")
        .param(distributorId).query(rs -> {
          totals.put(rs.getString(1), rs.getInt(2));
        });
    return totals;
  }

  /** Products of the assets after which the prospect's interest rose or their intent was at least medium. */
  private Map<String, Set<String>> productInterests(String distributorId) {
    Map<String, Set<String>> interests = new HashMap<>();
    jdbc.sql("SELECT DISTINCT f.prospect_id, a.product FROM follow_up_answer f JOIN asset_share s ON s.id = f.share_id"
            + " JOIN asset a ON a.id = s.asset_id JOIN prospect p ON p.id = f.prospect_id"
            + " WHERE p.distributor_id = ? AND p.status IN ('ACTIVE', 'NURTURE') AND a.product IS NOT NULL"
            + " AND (f.interest_change > 0 OR f.purchase_intent IN ('MEDIUM', 'HIGH'))")
        .param(distributorId).query(rs -> {
          interests.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
        });
    return interests;
  }

  private Map<String, Integer> remindersSent(String distributorId) {
    Map<String, Integer> counts = new HashMap<>();
    jdbc.sql("SELECT prospect_id, COUNT(*) FROM nudge WHERE recipient_id = ? AND prospect_id IS NOT NULL GROUP BY prospect_id")
        .param(distributorId).query(rs -> {
          counts.put(rs.getString(1), rs.getInt(2));
        });
    return counts;
  }

  /** The distributor's last close estimate per closed journey, against whether it closed (won or enrolled); in SQL. */
  private ForecastRecord forecast(String distributorId) {
    return jdbc.sql("SELECT COUNT(*), AVG(f.close_estimate), SUM(CASE WHEN p.status = 'LOST' THEN 0 ELSE 1 END)"
            + " FROM prospect p JOIN follow_up_answer f ON f.prospect_id = p.id"
            + " WHERE p.distributor_id = ? AND p.status IN ('WON', 'ENROLLED', 'LOST')"
            + " AND f.answered_at = (SELECT MAX(last.answered_at) FROM follow_up_answer last WHERE last.prospect_id = p.id)")
        .param(distributorId)
        .query((rs, i) -> {
          int closed = rs.getInt(1);
          return closed == 0 ? new ForecastRecord(distributorId, 0, 0, 0)
              : new ForecastRecord(distributorId, closed, rs.getDouble(2), 100.0 * rs.getInt(3) / closed);
        })
        .single();
  }

  private Instant lastActivity(Distributor distributor) {
    Timestamp latest = jdbc.sql("SELECT MAX(t) FROM ("
            + " SELECT MAX(created_at) AS t FROM prospect WHERE distributor_id = ?"
            + " UNION ALL SELECT MAX(shared_at) FROM asset_share WHERE distributor_id = ?"
            + " UNION ALL SELECT MAX(answered_at) FROM follow_up_answer WHERE distributor_id = ?) activity")
        .params(distributor.id(), distributor.id(), distributor.id()).query(Timestamp.class).optional().orElse(null);
    return latest == null ? distributor.createdAt() : latest.toInstant();
  }
}
