package com.journeycoach.statistics;

import com.journeycoach.settings.Durations;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Raw rows for the Journeys tab of Insights, and its figures counted from the raw rows in plain Java (not by the
 * SQL under test): journeys of a version of prospect-development in the engine's history, their steps with known
 * durations; distributors who started in two past weeks, their prospects and first sales.
 */
final class JourneySeed {

  static final String SOURCE = "journey-insights-seed";

  final String prefix = "jis-" + UUID.randomUUID().toString().substring(0, 6);
  final LocalDate oldWeek;
  final LocalDate recentWeek;
  private final JdbcClient jdbc;
  private final String definitionId;

  private JourneySeed(JdbcClient jdbc, String definitionId, LocalDate today) {
    this.jdbc = jdbc;
    this.definitionId = definitionId;
    this.oldWeek = today.minusWeeks(20).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    this.recentWeek = today.minusWeeks(5).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  static JourneySeed plant(JdbcClient jdbc, String definitionId, LocalDate today) {
    JourneySeed seed = new JourneySeed(jdbc, definitionId, today);
    seed.journeys();
    seed.cohort(seed.oldWeek, 8);
    seed.cohort(seed.recentWeek, 5);
    return seed;
  }

  /**
   * 40 journeys: every one shared (the i-th after 5i hours, so across every bucket of a two-day pace; every seventh
   * still waiting), 30 viewed, 20 followed up (some twice), 8 met, 5 won; finished ones took 5 + i days.
   */
  private void journeys() {
    Instant start = Instant.now().minus(Duration.ofDays(60)).truncatedTo(ChronoUnit.SECONDS);
    for (int i = 0; i < 40; i++) {
      String instance = prefix + "-pi-" + i;
      Instant started = start.plus(Duration.ofHours(i));
      boolean won = i < 5;
      boolean lost = i >= 30 && i % 2 == 0;
      Instant ended = won || lost ? started.plus(Duration.ofDays(5 + i)) : null;
      jdbc.sql("INSERT INTO ACT_HI_PROCINST (ID_, PROC_INST_ID_, BUSINESS_KEY_, PROC_DEF_KEY_, PROC_DEF_ID_, START_TIME_, END_TIME_,"
              + " DURATION_, ROOT_PROC_INST_ID_, STATE_) VALUES (?, ?, ?, 'prospect-development', ?, ?, ?, ?, ?, ?)")
          .params(instance, instance, instance, definitionId, Timestamp.from(started), ended == null ? null : Timestamp.from(ended),
              ended == null ? null : Duration.between(started, ended).toMillis(), instance, ended == null ? "ACTIVE" : "COMPLETED")
          .update();
      Instant at = started;
      at = activity(instance, "Task_ShareAsset", "userTask", at, i % 7 == 6 ? null : Duration.ofHours(5L * i));
      if (i < 30 && at != null) {
        at = activity(instance, "Task_WaitForView", "receiveTask", at, Duration.ofHours(5L * i + 1));
      }
      if (i < 20 && at != null) {
        at = activity(instance, "Task_AskFollowUp", "userTask", at, Duration.ofMinutes(90L * i + 30));
        if (i % 4 == 0) {
          at = activity(instance, "Task_AskFollowUp", "userTask", at, Duration.ofHours(30));
        }
      }
      if (i < 8 && at != null) {
        at = activity(instance, "Task_RecordMeetingOutcome", "userTask", at, i == 7 ? null : Duration.ofDays(1));
      }
      if (won) {
        activity(instance, i % 2 == 0 ? "EndEvent_CustomerWon" : "EndEvent_PurchaseWon", "noneEndEvent", ended, Duration.ZERO);
      }
    }
  }

  /** An activity instance from {@code at} for {@code stay} (null: still there); returns when it ended. */
  private Instant activity(String instance, String activityId, String type, Instant at, Duration stay) {
    Instant ended = stay == null ? null : at.plus(stay);
    jdbc.sql("INSERT INTO ACT_HI_ACTINST (ID_, PROC_DEF_KEY_, PROC_DEF_ID_, ROOT_PROC_INST_ID_, PROC_INST_ID_, EXECUTION_ID_, ACT_ID_,"
            + " ACT_TYPE_, START_TIME_, END_TIME_, DURATION_, ACT_INST_STATE_, SEQUENCE_COUNTER_)"
            + " VALUES (?, 'prospect-development', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)")
        .params(prefix + "-ai-" + UUID.randomUUID(), definitionId, instance, instance, instance, activityId, type, Timestamp.from(at),
            ended == null ? null : Timestamp.from(ended), stay == null ? null : stay.toMillis(), ended == null ? 0 : 1)
        .update();
    return ended;
  }

  /**
   * {@code size} distributors who started in the week: the i-th on weekday i % 7, with i prospects added in their
   * first days and one more after a fortnight; the odd ones with a first sale 13 i days after their start.
   */
  private void cohort(LocalDate week, int size) {
    for (int i = 0; i < size; i++) {
      String distributor = prefix + "-" + week + "-" + i;
      Instant started = week.plusDays(i % 7).atTime(9, 30).toInstant(ZoneOffset.UTC);
      jdbc.sql("INSERT INTO distributor (id, first_name, last_name, email, phone, time_zone, sponsor_id, experienced, created_at)"
              + " VALUES (?, 'Cohort', ?, ?, NULL, 'UTC', NULL, FALSE, ?)")
          .params(distributor, String.valueOf(i), distributor + "@example.com", Timestamp.from(started)).update();
      List<Instant> added = new ArrayList<>();
      for (int p = 0; p < i; p++) {
        added.add(started.plus(Duration.ofHours(30L * p)));
      }
      added.add(started.plus(Duration.ofDays(15)));
      String firstProspect = null;
      for (Instant at : added) {
        String prospect = UUID.randomUUID().toString();
        firstProspect = firstProspect == null ? prospect : firstProspect;
        jdbc.sql("INSERT INTO prospect (id, distributor_id, first_name, last_name, audience, personality, status, created_at, updated_at)"
                + " VALUES (?, ?, 'Cohort', 'Prospect', 'PRODUCT_CUSTOMER', NULL, 'ACTIVE', ?, ?)")
            .params(prospect, distributor, Timestamp.from(at), Timestamp.from(at)).update();
      }
      if (i % 2 == 1) {
        Instant sale = started.plus(Duration.ofDays(13L * i));
        jdbc.sql("INSERT INTO touchpoint (id, idempotency_key, prospect_id, asset_id, share_id, kind, source, occurred_at, recorded_at,"
                + " journey_effect, sequence_number) VALUES (?, ?, ?, NULL, NULL, 'PURCHASED', ?, ?, ?, 'NONE', 1)")
            .params(UUID.randomUUID().toString(), prefix + ":sale:" + distributor, firstProspect, SOURCE, Timestamp.from(sale),
                Timestamp.from(sale)).update();
      }
    }
  }

  void remove() {
    jdbc.sql("DELETE FROM touchpoint WHERE source = ? AND idempotency_key LIKE ?").params(SOURCE, prefix + ":%").update();
    jdbc.sql("DELETE FROM prospect WHERE distributor_id LIKE ?").param(prefix + "-%").update();
    jdbc.sql("DELETE FROM distributor WHERE id LIKE ?").param(prefix + "-%").update();
    jdbc.sql("DELETE FROM ACT_HI_ACTINST WHERE PROC_INST_ID_ LIKE ?").param(prefix + "-%").update();
    jdbc.sql("DELETE FROM ACT_HI_PROCINST WHERE PROC_INST_ID_ LIKE ?").param(prefix + "-%").update();
  }

  /** A step's figures as the page should show them. */
  record StepFigures(long journeys, long finished, long withinPace, long[] buckets, double meanHours) {
  }

  record VersionFigures(long started, long running, long won, Map<String, StepFigures> steps) {
  }

  /** Every journey of the version in the engine's history (the seeded ones and any other test's), counted here. */
  VersionFigures versionFigures(Map<String, String> paces) {
    long started = 0;
    long running = 0;
    for (Map<String, Object> row : jdbc.sql("SELECT END_TIME_ FROM ACT_HI_PROCINST WHERE PROC_DEF_ID_ = ?").param(definitionId)
        .query().listOfRows()) {
      started++;
      running += row.get("END_TIME_") == null ? 1 : 0;
    }
    Map<String, Set<String>> reached = new HashMap<>();
    Map<String, List<Long>> durations = new HashMap<>();
    for (Map<String, Object> row : jdbc.sql("SELECT PROC_INST_ID_, ACT_ID_, END_TIME_, DURATION_ FROM ACT_HI_ACTINST WHERE PROC_DEF_ID_ = ?")
        .param(definitionId).query().listOfRows()) {
      String activity = (String) row.get("ACT_ID_");
      reached.computeIfAbsent(activity, a -> new HashSet<>()).add((String) row.get("PROC_INST_ID_"));
      if (row.get("END_TIME_") != null) {
        durations.computeIfAbsent(activity, a -> new ArrayList<>()).add(((Number) row.get("DURATION_")).longValue());
      }
    }
    Set<String> won = new HashSet<>();
    for (String end : List.of("EndEvent_CustomerWon", "EndEvent_DistributorEnrolled", "EndEvent_PurchaseWon", "EndEvent_EnrollmentWon")) {
      won.addAll(reached.getOrDefault(end, Set.of()));
    }
    Map<String, StepFigures> steps = new LinkedHashMap<>();
    Map<String, String> activities = Map.of("share", "Task_ShareAsset", "view", "Task_WaitForView", "follow-up", "Task_AskFollowUp",
        "meeting", "Task_RecordMeetingOutcome");
    for (String step : List.of("share", "view", "follow-up", "meeting")) {
      String activity = activities.get(step);
      List<Long> stays = durations.getOrDefault(activity, List.of());
      long[] buckets = new long[5];
      long within = 0;
      if (paces.containsKey(step)) {
        long pace = Durations.parse(paces.get(step)).toMillis();
        double[] bounds = {0.5, 1, 2, 4};
        for (long stay : stays) {
          within += stay <= pace ? 1 : 0;
          int b = 0;
          while (b < bounds.length && stay > Math.round(bounds[b] * pace)) {
            b++;
          }
          buckets[b]++;
        }
      }
      double mean = stays.stream().mapToLong(Long::longValue).average().orElse(0) / 3_600_000.0;
      steps.put(step, new StepFigures(reached.getOrDefault(activity, Set.of()).size(), stays.size(), within, buckets, mean));
    }
    return new VersionFigures(started, running, won.size(), steps);
  }

  /** Of a week's distributors (whoever they are): eligible and reached for day 7 (minimum prospects), 30 and 90 (a first sale). */
  long[] cohortFigures(LocalDate week, int minimum, Instant now) {
    long[] figures = new long[7];
    Instant from = week.atStartOfDay().toInstant(ZoneOffset.UTC);
    Instant until = week.plusDays(7).atStartOfDay().toInstant(ZoneOffset.UTC);
    Map<String, Instant> firstPurchase = new HashMap<>();
    for (Map<String, Object> touchpoint : jdbc.sql("SELECT prospect_id, kind, occurred_at FROM touchpoint").query().listOfRows()) {
      if ("PURCHASED".equals(touchpoint.get("KIND"))) {
        firstPurchase.merge((String) touchpoint.get("PROSPECT_ID"), ((Timestamp) touchpoint.get("OCCURRED_AT")).toInstant(),
            (a, b) -> a.isBefore(b) ? a : b);
      }
    }
    for (Map<String, Object> distributor : jdbc.sql("SELECT id, created_at FROM distributor").query().listOfRows()) {
      Instant started = ((Timestamp) distributor.get("CREATED_AT")).toInstant();
      if (started.isBefore(from) || !started.isBefore(until)) {
        continue;
      }
      figures[0]++;
      String id = (String) distributor.get("ID");
      List<Instant> prospects = new ArrayList<>();
      Instant firstSale = null;
      for (Map<String, Object> prospect : jdbc.sql("SELECT id, created_at FROM prospect WHERE distributor_id = ?").param(id).query()
          .listOfRows()) {
        prospects.add(((Timestamp) prospect.get("CREATED_AT")).toInstant());
        Instant sale = firstPurchase.get((String) prospect.get("ID"));
        if (sale != null && (firstSale == null || sale.isBefore(firstSale))) {
          firstSale = sale;
        }
      }
      int column = 1;
      for (int day : List.of(7, 30, 90)) {
        Instant deadline = started.plus(Duration.ofDays(day));
        if (!deadline.isAfter(now)) {
          figures[column]++;
          // a sale counts by its day: from the start's day to the day-th day after it
          LocalDate startDay = started.atOffset(ZoneOffset.UTC).toLocalDate();
          boolean reached = day == 7 ? prospects.stream().filter(at -> at.isBefore(deadline)).count() >= minimum
              : firstSale != null && !firstSale.atOffset(ZoneOffset.UTC).toLocalDate().isBefore(startDay)
                  && firstSale.atOffset(ZoneOffset.UTC).toLocalDate().isBefore(startDay.plusDays(day));
          figures[column + 1] += reached ? 1 : 0;
        }
        column += 2;
      }
    }
    return figures;
  }
}
