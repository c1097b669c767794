package com.journeycoach.statistics;

import com.journeycoach.journey.ProspectDevelopment;
import com.journeycoach.settings.Thresholds;
import com.journeycoach.settings.Threshold;
import com.journeycoach.settings.Pace;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The steps of the {@code threshold-tuning} process: check content drift, propose pace
 * changes, apply the small ones, and apply the large ones a manager approved.
 *
 * <p>Step durations come from the application's own tables, for prospects whose journey
 * converted (status WON or ENROLLED), over shares of the last {@code tuning.lookback-days}:
 * share = shared_at - created_at of the share (the task was created with it), view =
 * first_viewed_at - shared_at, follow-up = answered_at - first_viewed_at, journey = first
 * PURCHASED or ENROLLED touchpoint - the prospect's created_at. Counted per minute in SQL.
 */
@Component("thresholdTuning")
public class ThresholdTuning {

  public static final String TUNER = ThresholdTuningProcess.KEY;
  private static final Logger log = LoggerFactory.getLogger(ThresholdTuning.class);
  private static final String CONVERTED = "p.status IN ('WON', 'ENROLLED')";

  /** The SQL of each tuned step: minutes of one duration per row, within the lookback window (its start, now). */
  static final Map<String, String> STEP_MINUTES = Map.of(
      "share", "SELECT TIMESTAMPDIFF(MINUTE, s.created_at, s.shared_at) AS minutes FROM content_asset_share s"
          + " JOIN people_prospect p ON p.id = s.prospect_id WHERE " + CONVERTED + " AND s.shared_at IS NOT NULL AND s.created_at >= ? AND s.created_at <= ?",
      "view", "SELECT TIMESTAMPDIFF(MINUTE, s.shared_at, s.first_viewed_at) AS minutes FROM content_asset_share s"
          + " JOIN people_prospect p ON p.id = s.prospect_id WHERE " + CONVERTED
          + " AND s.shared_at IS NOT NULL AND s.first_viewed_at IS NOT NULL AND s.created_at >= ? AND s.created_at <= ?",
      "follow-up", "SELECT TIMESTAMPDIFF(MINUTE, s.first_viewed_at, f.answered_at) AS minutes FROM journey_follow_up_answer f"
          + " JOIN content_asset_share s ON s.id = f.share_id JOIN people_prospect p ON p.id = f.prospect_id WHERE " + CONVERTED
          + " AND s.first_viewed_at IS NOT NULL AND s.created_at >= ? AND s.created_at <= ?",
      "journey", "SELECT TIMESTAMPDIFF(MINUTE, p.created_at, MIN(t.occurred_at)) AS minutes FROM people_prospect p"
          + " JOIN journey_touchpoint t ON t.prospect_id = p.id AND t.kind IN ('PURCHASED', 'ENROLLED') WHERE " + CONVERTED
          + " AND p.created_at >= ? AND p.created_at <= ? GROUP BY p.id, p.created_at");

  static final List<String> STEPS = List.of("share", "view", "follow-up", "journey");

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Thresholds thresholds;
  private final ContentDriftCheck drift;
  private final ObjectMapper json = new ObjectMapper();

  public ThresholdTuning(JdbcClient jdbc, Thresholds thresholds, ContentDriftCheck drift, Clock clock) {
    this.clock = clock;
    this.jdbc = jdbc;
    this.thresholds = thresholds;
    this.drift = drift;
  }

  public void checkContentDrift(DelegateExecution execution) {
    execution.setVariable(ThresholdTuningProcess.DRIFT_ALERTS, drift.checkAndStartReviews().size());
  }

  /** Proposes pace changes; writes {@code proposals} (JSON), {@code largeChangesProposed} and {@code changesSummary}. */
  public void propose(DelegateExecution execution) {
    List<PaceTuner.Proposal> proposals = proposals();
    execution.setVariable(ThresholdTuningProcess.PROPOSALS, write(proposals));
    execution.setVariable(ThresholdTuningProcess.LARGE_CHANGES_PROPOSED, proposals.stream().anyMatch(PaceTuner.Proposal::needsApproval));
    execution.setVariable(ThresholdTuningProcess.CHANGES_SUMMARY, proposals.stream().filter(PaceTuner.Proposal::needsApproval)
        .map(PaceTuner.Proposal::summary).collect(Collectors.joining("\n")));
  }

  public void applySmallChanges(DelegateExecution execution) {
    execution.setVariable(ThresholdTuningProcess.SMALL_CHANGES_APPLIED, apply(read(execution).stream().filter(p -> !p.needsApproval()).toList(), null));
  }

  public void applyApprovedChanges(DelegateExecution execution) {
    String approver = (String) execution.getVariable(ThresholdTuningProcess.APPROVED_BY);
    execution.setVariable(ThresholdTuningProcess.APPROVED_CHANGES_APPLIED, apply(read(execution).stream().filter(PaceTuner.Proposal::needsApproval).toList(),
        approver));
  }

  /** The proposals of every tuned pace of prospect-development, from the durations measured now. */
  public List<PaceTuner.Proposal> proposals() {
    PaceTuner.Settings settings = new PaceTuner.Settings(
        thresholds.number("tuning.pace-quantile").doubleValue(),
        thresholds.number("tuning.prior-weight").doubleValue(),
        thresholds.number("tuning.max-step-fraction").doubleValue(),
        thresholds.number("tuning.auto-apply-fraction").doubleValue());
    Instant now = clock.instant();
    Instant since = now.minus(thresholds.number("tuning.lookback-days").longValue(), ChronoUnit.DAYS);
    List<PaceTuner.Proposal> proposals = new ArrayList<>();
    for (String step : STEPS) {
      String name = Pace.name(ProspectDevelopment.KEY, step);
      Threshold pace = thresholds.get(name);
      // clamped, not refused: a tuning run that fails would stop every other pace's tuning too
      PaceTuner.propose(name, pace.defaultValue(), pace.value(), minutes(step, since, now), settings,
          pace.bounds().shortest(), pace.bounds().longest()).ifPresent(proposals::add);
    }
    return proposals;
  }

  /** Durations of a step in whole minutes and how many, aggregated in SQL; negative ones (view before share confirmed) count as 0. */
  NavigableMap<Long, Long> minutes(String step, Instant since, Instant until) {
    NavigableMap<Long, Long> histogram = new TreeMap<>();
    jdbc.sql("SELECT CASE WHEN d.minutes < 0 THEN 0 ELSE d.minutes END AS m, COUNT(*) AS n FROM (" + STEP_MINUTES.get(step)
            + ") d GROUP BY CASE WHEN d.minutes < 0 THEN 0 ELSE d.minutes END")
        .params(Timestamp.from(since), Timestamp.from(until))
        .query(rs -> {
          histogram.merge(rs.getLong("m"), rs.getLong("n"), Long::sum);
        });
    return histogram;
  }

  /** Applies proposals whose threshold still has the value they were computed from; returns how many changed. */
  private int apply(List<PaceTuner.Proposal> proposals, String approver) {
    int applied = 0;
    for (PaceTuner.Proposal proposal : proposals) {
      if (!Objects.equals(thresholds.get(proposal.threshold()).value(), proposal.oldValue())) {
        log.info("Not applying {}: the threshold changed since the proposal", proposal.summary());
        continue;
      }
      String reason = proposal.reason() + (approver == null ? "" : "; approved by " + approver);
      thresholds.change(proposal.threshold(), proposal.newValue(), reason.length() > 500 ? reason.substring(0, 500) : reason, TUNER);
      applied++;
    }
    return applied;
  }

  private String write(List<PaceTuner.Proposal> proposals) {
    try {
      return json.writeValueAsString(proposals);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<PaceTuner.Proposal> read(DelegateExecution execution) {
    try {
      return json.readValue((String) execution.getVariable(ThresholdTuningProcess.PROPOSALS), new TypeReference<List<PaceTuner.Proposal>>() { });
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
