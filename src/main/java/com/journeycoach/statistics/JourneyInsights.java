package com.journeycoach.statistics;

import com.journeycoach.journey.ProspectDevelopment;
import com.journeycoach.settings.Durations;
import com.journeycoach.settings.Pace;
import com.journeycoach.settings.Threshold;
import com.journeycoach.settings.ThresholdChange;
import com.journeycoach.settings.Thresholds;
import com.journeycoach.system.EngineTables;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What managers see of the journeys in Cockpit's Insights: per version of {@code prospect-development}, how many
 * journeys reached each step and how long the steps took against the current paces (from the engine's history);
 * the change history of those paces; and the onboarding cohorts of distributors by the week they started (the share
 * with their first prospects by day 7, and with a first sale by day 30 and day 90).
 */
@Service
public class JourneyInsights {

  /** A step of the journey: its BPMN activity and the pace it is measured against (none for the meeting). */
  public record Step(String name, String activityId, String pace) {
  }

  public static final List<Step> STEPS = List.of(
      new Step("share", "Task_ShareAsset", "share"),
      new Step("view", "Task_WaitForView", "view"),
      new Step("follow-up", "Task_AskFollowUp", "follow-up"),
      new Step("meeting", "Task_RecordMeetingOutcome", null));
  /** The end events of a journey won or enrolled, on the main path or through a reported purchase or enrollment. */
  static final List<String> WON = List.of("EndEvent_CustomerWon", "EndEvent_DistributorEnrolled", "EndEvent_PurchaseWon",
      "EndEvent_EnrollmentWon");
  /** The upper bounds of the time-in-step buckets, as multiples of the step's pace; the last bucket is open. */
  public static final List<Double> BUCKETS = List.of(0.5, 1.0, 2.0, 4.0);
  /** The paces of prospect-development whose history the time line shows. */
  public static final List<String> PACES = List.of("share", "view", "follow-up", "journey");
  public static final List<Integer> COHORT_DAYS = List.of(7, 30, 90);
  static final String FIRST_PROSPECTS_MINIMUM = "onboarding.first-prospects-minimum";

  /**
   * A step in one version: journeys that reached it, that share of the journeys that reached the step before (of
   * those started, for the first), the finished stays and how long they took: within the pace, per bucket of
   * {@link #BUCKETS} (the pace and the hours are absent for a step without pace).
   */
  public record StepRow(String step, String activityId, String pace, long journeys, Double conversion, long finished,
                        Long withinPace, List<Long> buckets, Double meanHours) {
  }

  /** A version of the journey's process: journeys started and won or enrolled, and its steps. */
  public record Version(int version, String definitionId, long started, long won, long running, Double journeyWithinPace,
                        List<StepRow> steps) {
  }

  /** One change of a pace: when, from and to (in hours as well), who, and why. */
  public record Change(String changedAt, String oldValue, String newValue, double oldHours, double newHours, String changedBy,
                       String reason) {
  }

  /** A pace's value now, its default and every change it went through, oldest first. */
  public record PaceHistory(String step, String threshold, String value, double hours, String defaultValue, List<Change> changes) {
  }

  /** Of the distributors old enough to be judged on the day: how many, and how many got there by then. */
  public record Milestone(int day, long eligible, long reached) {
    public Double share() {
      return eligible == 0 ? null : (double) reached / eligible;
    }
  }

  /** Distributors who started in the week beginning {@code weekStart} (a Monday, UTC), and their milestones. */
  public record Cohort(String weekStart, long distributors, Milestone firstProspects, Milestone firstSale30, Milestone firstSale90) {
  }

  public record Report(String today, List<Integer> versions, Version version, List<PaceHistory> paces, String cohortsFrom,
                       String cohortsTo, int firstProspectsMinimum, List<Cohort> cohorts) {
  }

  /** A version of the journey that does not exist; the resource answers it with 400 naming the parameter. */
  public static class UnknownVersionException extends RuntimeException {
    public UnknownVersionException() {
      super("No version of prospect-development has that number");
    }
  }

  private final JdbcClient jdbc;
  private final EngineTables tables;
  private final RepositoryService repository;
  private final Thresholds thresholds;
  private final Clock clock;

  public JourneyInsights(JdbcClient jdbc, EngineTables tables, RepositoryService repository, Thresholds thresholds, Clock clock) {
    this.jdbc = jdbc;
    this.tables = tables;
    this.repository = repository;
    this.thresholds = thresholds;
    this.clock = clock;
  }

  /** Today (UTC), the first day the cohorts may start on and the default window of cohorts. */
  public LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  /**
   * The steps of {@code version} (the latest when absent; none while nothing is deployed), the paces' history and the
   * cohorts of the weeks from the one holding {@code from} to the one holding {@code to}, both inclusive.
   */
  public Report report(Optional<Integer> version, LocalDate from, LocalDate to) {
    List<ProcessDefinition> definitions = repository.createProcessDefinitionQuery().processDefinitionKey(ProspectDevelopment.KEY)
        .orderByProcessDefinitionVersion().asc().list();
    List<Integer> versions = definitions.stream().map(ProcessDefinition::getVersion).toList();
    Optional<ProcessDefinition> shown = version.isPresent()
        ? Optional.of(definitions.stream().filter(d -> d.getVersion() == version.get()).findFirst()
            .orElseThrow(UnknownVersionException::new))
        : definitions.isEmpty() ? Optional.empty() : Optional.of(definitions.get(definitions.size() - 1));
    LocalDate firstWeek = from.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    LocalDate lastWeek = to.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    int minimum = thresholds.number(FIRST_PROSPECTS_MINIMUM).intValue();
    return new Report(today().toString(), versions, shown.map(this::version).orElse(null), paces(), firstWeek.toString(),
        lastWeek.plusDays(6).toString(), minimum, cohorts(firstWeek, lastWeek.plusDays(7), minimum));
  }

  private Version version(ProcessDefinition definition) {
    String activities = tables.of(HistoricActivityInstance.class);
    String instances = tables.of(HistoricProcessInstance.class);
    long[] journeys = new long[3];
    jdbc.sql("SELECT COUNT(*) AS started, SUM(CASE WHEN END_TIME_ IS NULL THEN 1 ELSE 0 END) AS running FROM " + instances
            + " WHERE PROC_DEF_ID_ = ?")
        .param(definition.getId())
        .query(rs -> {
          journeys[0] = rs.getLong("started");
          journeys[1] = rs.getLong("running");
        });
    journeys[2] = jdbc.sql("SELECT COUNT(DISTINCT PROC_INST_ID_) FROM " + activities + " WHERE PROC_DEF_ID_ = ? AND ACT_ID_ IN ("
            + String.join(", ", WON.stream().map(w -> "?").toList()) + ")")
        .params(withDefinition(definition.getId(), WON)).query(Long.class).single();

    List<StepRow> steps = new ArrayList<>();
    long before = journeys[0];
    for (Step step : STEPS) {
      Long paceMillis = step.pace() == null ? null : paceMillis(step.pace());
      StringBuilder sql = new StringBuilder("SELECT COUNT(DISTINCT PROC_INST_ID_) AS journeys, COUNT(END_TIME_) AS finished,"
          + " AVG(CASE WHEN END_TIME_ IS NULL THEN NULL ELSE 1.0 * DURATION_ END) AS mean_millis");
      List<Object> params = new ArrayList<>();
      if (paceMillis != null) {
        sql.append(", SUM(CASE WHEN END_TIME_ IS NOT NULL AND DURATION_ <= ? THEN 1 ELSE 0 END) AS within_pace");
        params.add(paceMillis);
        for (int b = 0; b < BUCKETS.size(); b++) {
          sql.append(", SUM(CASE WHEN END_TIME_ IS NOT NULL AND DURATION_ <= ? THEN 1 ELSE 0 END) AS bucket_").append(b);
          params.add(Math.round(BUCKETS.get(b) * paceMillis));
        }
      }
      sql.append(" FROM ").append(activities).append(" WHERE PROC_DEF_ID_ = ? AND ACT_ID_ = ?");
      params.add(definition.getId());
      params.add(step.activityId());
      long previous = before;
      StepRow row = jdbc.sql(sql.toString()).params(params).query((rs, i) -> {
        long reached = rs.getLong("journeys");
        long finished = rs.getLong("finished");
        double meanMillis = rs.getDouble("mean_millis");
        Long within = null;
        List<Long> buckets = List.of();
        if (paceMillis != null) {
          within = rs.getLong("within_pace");
          List<Long> counts = new ArrayList<>();
          long below = 0;
          for (int b = 0; b < BUCKETS.size(); b++) {
            long upTo = rs.getLong("bucket_" + b);
            counts.add(upTo - below);
            below = upTo;
          }
          counts.add(finished - below);
          buckets = List.copyOf(counts);
        }
        return new StepRow(step.name(), step.activityId(), step.pace() == null ? null : thresholds.get(paceName(step.pace())).value(),
            reached, previous == 0 ? null : (double) reached / previous, finished, within, buckets,
            finished == 0 ? null : meanMillis / 3_600_000.0);
      }).single();
      steps.add(row);
      before = row.journeys();
    }
    Long journeyWithin = jdbc.sql("SELECT SUM(CASE WHEN DURATION_ <= ? THEN 1 ELSE 0 END) FROM " + instances
            + " WHERE PROC_DEF_ID_ = ? AND END_TIME_ IS NOT NULL")
        .params(paceMillis("journey"), definition.getId()).query(Long.class).optional().orElse(null);
    long ended = journeys[0] - journeys[1];
    return new Version(definition.getVersion(), definition.getId(), journeys[0], journeys[2], journeys[1],
        ended == 0 || journeyWithin == null ? null : (double) journeyWithin / ended, steps);
  }

  private static List<Object> withDefinition(String definitionId, List<String> activityIds) {
    List<Object> params = new ArrayList<>();
    params.add(definitionId);
    params.addAll(activityIds);
    return params;
  }

  private static String paceName(String step) {
    return Pace.name(ProspectDevelopment.KEY, step);
  }

  private long paceMillis(String step) {
    return Durations.parse(thresholds.get(paceName(step)).value()).toMillis();
  }

  private List<PaceHistory> paces() {
    List<PaceHistory> paces = new ArrayList<>();
    for (String step : PACES) {
      Threshold pace = thresholds.get(paceName(step));
      List<Change> changes = new ArrayList<>();
      for (ThresholdChange change : thresholds.history(pace.name())) {
        changes.add(new Change(change.changedAt().truncatedTo(ChronoUnit.SECONDS).toString(), change.oldValue(), change.newValue(),
            hours(change.oldValue()), hours(change.newValue()), change.changedBy(), change.reason()));
      }
      paces.add(new PaceHistory(step, pace.name(), pace.value(), hours(pace.value()), pace.defaultValue(), changes));
    }
    return paces;
  }

  private static double hours(String duration) {
    return Durations.parse(duration).toMinutes() / 60.0;
  }

  /**
   * Distributors who started in [from, until) by the week of their start, with how many had at least {@code minimum}
   * prospects within 7 days of it and a first sale (a PURCHASED touchpoint of one of their prospects) within the first
   * 30 and 90 days (calendar days from the start's day on, read from the daily touchpoint counts, not the touchpoints);
   * a distributor counts toward a day only once that many days have passed since their start.
   */
  private List<Cohort> cohorts(LocalDate from, LocalDate until, int minimum) {
    Instant now = clock.instant();
    Map<LocalDate, long[]> weeks = new TreeMap<>();
    jdbc.sql("""
            SELECT d.id, d.created_at,
              (SELECT COUNT(*) FROM people_prospect p WHERE p.distributor_id = d.id
                 AND p.created_at < TIMESTAMPADD(DAY, 7, d.created_at)) AS early_prospects,
              (SELECT MIN(a.touch_day) FROM journey_touchpoint_daily a WHERE a.distributor_id = d.id AND a.kind = 'PURCHASED'
                 AND a.touchpoints > 0 AND a.touch_day >= CAST(d.created_at AS DATE)) AS first_sale_day
            FROM people_distributor d WHERE d.created_at >= ? AND d.created_at < ?""")
        .params(Timestamp.valueOf(from.atStartOfDay()), Timestamp.valueOf(until.atStartOfDay()))
        .query(rs -> {
          Instant started = rs.getTimestamp("created_at").toInstant();
          LocalDate startDay = rs.getTimestamp("created_at").toLocalDateTime().toLocalDate();
          java.sql.Date sale = rs.getDate("first_sale_day");
          LocalDate firstSale = sale == null ? null : sale.toLocalDate();
          LocalDate week = LocalDate.ofInstant(started, ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
          long[] counts = weeks.computeIfAbsent(week, w -> new long[7]);
          counts[0]++;
          int column = 1;
          for (int day : COHORT_DAYS) {
            Instant deadline = started.plus(day, ChronoUnit.DAYS);
            if (!deadline.isAfter(now)) {
              counts[column]++;
              boolean reached = day == 7 ? rs.getLong("early_prospects") >= minimum
                  : firstSale != null && firstSale.isBefore(startDay.plusDays(day));
              if (reached) {
                counts[column + 1]++;
              }
            }
            column += 2;
          }
        });
    List<Cohort> cohorts = new ArrayList<>();
    weeks.forEach((week, c) -> cohorts.add(new Cohort(week.toString(), c[0], new Milestone(7, c[1], c[2]), new Milestone(30, c[3], c[4]),
        new Milestone(90, c[5], c[6]))));
    return cohorts;
  }
}
