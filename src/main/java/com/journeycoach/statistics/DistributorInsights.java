package com.journeycoach.statistics;

import com.journeycoach.journey.ProspectDevelopment;
import com.journeycoach.settings.Durations;
import com.journeycoach.settings.Pace;
import com.journeycoach.settings.Thresholds;
import com.journeycoach.statistics.TeamShrinkage.Assessment;
import com.journeycoach.statistics.TeamShrinkage.Flag;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What managers see of each distributor in Cockpit's Insights: the funnel of their prospects, the time their
 * steps took against the paces, their conversion shrunk toward the team's with a 90 % credible interval and the
 * struggling or excelling flag ({@link TeamShrinkage}), and the nudges they received. Read from the owning
 * modules' views; the team is every distributor, also when the rows are one sponsor's line.
 *
 * <p>A prospect counts at every step of the funnel up to the furthest it reached: won or enrolled (status), presented
 * (a MEETING_HELD touchpoint), followed up (an answer), viewed (a share viewed), shared (a share sent), added.
 */
@Service
public class DistributorInsights {

  public static final List<String> STAGES = List.of("added", "shared", "viewed", "followedUp", "presented", "won");
  public static final List<String> STEPS = List.of("share", "view", "follow-up");

  /** Prospects reaching each step of the funnel, from added to won or enrolled. */
  public record Funnel(long added, long shared, long viewed, long followedUp, long presented, long won) {
    static Funnel of(long[] reached) {
      return new Funnel(reached[0], reached[1], reached[2], reached[3], reached[4], reached[5]);
    }

    Funnel plus(Funnel other) {
      return new Funnel(added + other.added, shared + other.shared, viewed + other.viewed, followedUp + other.followedUp,
          presented + other.presented, won + other.won);
    }

    static final Funnel NONE = new Funnel(0, 0, 0, 0, 0, 0);
  }

  /** How long a distributor's steps took against the step's pace: how many were measured, how many within the pace. */
  public record StepTime(String step, String pace, long measured, long withinPace, Double averageHours) {
    public Double withinPaceShare() {
      return measured == 0 ? null : (double) withinPace / measured;
    }
  }

  /** Closed journeys, how many converted, and the posterior shrunk toward the team (absent while the team closed none). */
  public record Conversion(long closed, long converted, Double mean, Double lower, Double upper, Double probabilityBelowTeam,
                           Flag flag) {
  }

  public record DistributorRow(String id, String name, String sponsorId, Funnel funnel, List<StepTime> steps,
                               Conversion conversion, long nudges) {
  }

  public record Sponsor(String id, String name) {
  }

  /** The rows of one line (or the whole network), the funnel of those rows, and the team every row is compared with. */
  public record Report(String sponsor, Funnel funnel, long teamClosed, long teamConverted, Double teamRate, double priorWeight,
                       double flagProbability, List<Sponsor> sponsors, List<DistributorRow> distributors) {
  }

  /** A sponsor that is not a distributor; the resource answers it with 400 naming the parameter. */
  public static class UnknownSponsorException extends RuntimeException {
    public UnknownSponsorException() {
      super("No distributor has the id given as sponsor");
    }
  }

  private record Person(String id, String name, String sponsorId) {
  }

  private final JdbcClient jdbc;
  private final Thresholds thresholds;

  public DistributorInsights(JdbcClient jdbc, Thresholds thresholds) {
    this.jdbc = jdbc;
    this.thresholds = thresholds;
  }

  public TeamShrinkage.Settings settings() {
    return new TeamShrinkage.Settings(thresholds.number("insights.prior-weight").doubleValue(),
        thresholds.number("insights.flag-probability").doubleValue());
  }

  /** Every distributor, or only the whole downline of the sponsor (not the sponsor), when one is given. */
  public Report report(Optional<String> sponsor) {
    Map<String, Person> people = new LinkedHashMap<>();
    jdbc.sql("SELECT id, first_name, last_name, sponsor_id FROM people_distributor").query(rs -> {
      String id = rs.getString("id");
      people.put(id, new Person(id, (rs.getString("first_name") + " " + rs.getString("last_name")).strip(), rs.getString("sponsor_id")));
    });
    Set<String> shown = sponsor.map(id -> downline(id, people)).orElse(people.keySet());

    Map<String, long[]> reached = new HashMap<>();
    Map<String, TeamShrinkage.Record> records = new HashMap<>();
    jdbc.sql("""
            SELECT x.distributor_id, x.stage, x.status, COUNT(*) AS prospects FROM (
              SELECT p.distributor_id, p.status,
                CASE WHEN p.status IN ('WON', 'ENROLLED') THEN 5
                     WHEN EXISTS (SELECT 1 FROM journey_touchpoint t WHERE t.prospect_id = p.id AND t.kind = 'MEETING_HELD') THEN 4
                     WHEN EXISTS (SELECT 1 FROM journey_follow_up_answer f WHERE f.prospect_id = p.id) THEN 3
                     WHEN EXISTS (SELECT 1 FROM content_asset_share s WHERE s.prospect_id = p.id AND s.first_viewed_at IS NOT NULL) THEN 2
                     WHEN EXISTS (SELECT 1 FROM content_asset_share s WHERE s.prospect_id = p.id AND s.shared_at IS NOT NULL) THEN 1
                     ELSE 0 END AS stage
              FROM people_prospect p) x
            GROUP BY x.distributor_id, x.stage, x.status""")
        .query(rs -> {
          String distributor = rs.getString("distributor_id");
          int stage = rs.getInt("stage");
          String status = rs.getString("status");
          long prospects = rs.getLong("prospects");
          long[] counts = reached.computeIfAbsent(distributor, id -> new long[STAGES.size()]);
          for (int s = 0; s <= stage; s++) {
            counts[s] += prospects;
          }
          boolean closed = status.equals("WON") || status.equals("ENROLLED") || status.equals("LOST");
          if (closed) {
            records.merge(distributor, new TeamShrinkage.Record(prospects, status.equals("LOST") ? 0 : prospects),
                TeamShrinkage.Record::plus);
          }
        });

    Map<String, Map<String, StepTime>> steps = stepTimes();
    Map<String, Long> nudges = new HashMap<>();
    jdbc.sql("SELECT recipient_id, COUNT(*) AS nudges FROM coaching_nudge GROUP BY recipient_id")
        .query(rs -> {
          nudges.put(rs.getString("recipient_id"), rs.getLong("nudges"));
        });

    TeamShrinkage.Settings settings = settings();
    List<TeamShrinkage.Record> team = people.keySet().stream().map(id -> records.getOrDefault(id, TeamShrinkage.Record.NONE)).toList();
    TeamShrinkage.Record teamTotal = team.stream().reduce(TeamShrinkage.Record.NONE, TeamShrinkage.Record::plus);
    Optional<TeamShrinkage> shrinkage = TeamShrinkage.of(team, settings);

    List<DistributorRow> rows = new ArrayList<>();
    Funnel funnel = Funnel.NONE;
    for (String id : shown) {
      Person person = people.get(id);
      Funnel own = Funnel.of(reached.getOrDefault(id, new long[STAGES.size()]));
      funnel = funnel.plus(own);
      TeamShrinkage.Record record = records.getOrDefault(id, TeamShrinkage.Record.NONE);
      Conversion conversion = shrinkage.map(s -> {
        Assessment a = s.assess(record);
        return new Conversion(record.closed(), record.converted(), a.mean(), a.lower(), a.upper(), a.probabilityBelowTeam(), a.flag());
      }).orElse(new Conversion(record.closed(), record.converted(), null, null, null, null, Flag.NONE));
      Map<String, StepTime> ownSteps = steps.getOrDefault(id, Map.of());
      List<StepTime> stepTimes = STEPS.stream().map(step -> ownSteps.getOrDefault(step,
          new StepTime(step, thresholds.get(Pace.name(ProspectDevelopment.KEY, step)).value(), 0, 0, null))).toList();
      rows.add(new DistributorRow(id, person.name(), person.sponsorId(), own, stepTimes, conversion, nudges.getOrDefault(id, 0L)));
    }
    rows.sort(Comparator.comparing((DistributorRow row) -> row.conversion().flag().ordinal())
        .thenComparing(DistributorRow::name).thenComparing(DistributorRow::id));

    Set<String> sponsorIds = new HashSet<>();
    people.values().forEach(person -> {
      if (person.sponsorId() != null) {
        sponsorIds.add(person.sponsorId());
      }
    });
    List<Sponsor> sponsors = sponsorIds.stream().filter(people::containsKey).map(people::get)
        .map(person -> new Sponsor(person.id(), person.name()))
        .sorted(Comparator.comparing(Sponsor::name).thenComparing(Sponsor::id)).toList();
    return new Report(sponsor.orElse(null), funnel, teamTotal.closed(), teamTotal.converted(),
        shrinkage.map(TeamShrinkage::teamRate).orElse(null), settings.priorWeight(), settings.flagProbability(), sponsors, rows);
  }

  /** Everyone below the sponsor, however deep; a sponsor cycle (which registration prevents) ends the walk. */
  private static Set<String> downline(String sponsor, Map<String, Person> people) {
    if (!people.containsKey(sponsor)) {
      throw new UnknownSponsorException();
    }
    Map<String, String> sponsorOf = new HashMap<>();
    people.values().forEach(person -> sponsorOf.put(person.id(), person.sponsorId()));
    return downlineOf(sponsor, sponsorOf);
  }

  /** Everyone below the sponsor, however deep, given each distributor's sponsor (null: none). */
  static Set<String> downlineOf(String sponsor, Map<String, String> sponsorOf) {
    Map<String, List<String>> enrollees = new HashMap<>();
    sponsorOf.forEach((id, sponsorId) -> {
      if (sponsorId != null) {
        enrollees.computeIfAbsent(sponsorId, s -> new ArrayList<>()).add(id);
      }
    });
    Set<String> line = new HashSet<>();
    Deque<String> next = new ArrayDeque<>(enrollees.getOrDefault(sponsor, List.of()));
    while (!next.isEmpty()) {
      String id = next.pop();
      if (!id.equals(sponsor) && line.add(id)) {
        next.addAll(enrollees.getOrDefault(id, List.of()));
      }
    }
    return line;
  }

  /** Per distributor and step: durations measured, how many within the step's pace, and their mean in hours. */
  private Map<String, Map<String, StepTime>> stepTimes() {
    Map<String, String> sql = Map.of(
        "share", "SELECT s.distributor_id AS distributor_id, TIMESTAMPDIFF(MINUTE, s.created_at, s.shared_at) AS minutes"
            + " FROM content_asset_share s WHERE s.shared_at IS NOT NULL",
        "view", "SELECT s.distributor_id AS distributor_id, TIMESTAMPDIFF(MINUTE, s.shared_at, s.first_viewed_at) AS minutes"
            + " FROM content_asset_share s WHERE s.shared_at IS NOT NULL AND s.first_viewed_at IS NOT NULL",
        "follow-up", "SELECT f.distributor_id AS distributor_id, TIMESTAMPDIFF(MINUTE, s.first_viewed_at, f.answered_at) AS minutes"
            + " FROM journey_follow_up_answer f JOIN content_asset_share s ON s.id = f.share_id WHERE s.first_viewed_at IS NOT NULL");
    Map<String, Map<String, StepTime>> times = new HashMap<>();
    for (String step : STEPS) {
      String pace = thresholds.get(Pace.name(ProspectDevelopment.KEY, step)).value();
      long paceMinutes = Durations.parse(pace).toMinutes();
      // a view recorded before the share was confirmed counts as no time at all
      jdbc.sql("SELECT d.distributor_id, COUNT(*) AS measured,"
              + " SUM(CASE WHEN d.minutes <= ? THEN 1 ELSE 0 END) AS within_pace,"
              + " AVG(CASE WHEN d.minutes < 0 THEN 0.0 ELSE 1.0 * d.minutes END) AS average_minutes"
              + " FROM (" + sql.get(step) + ") d GROUP BY d.distributor_id")
          .param(paceMinutes)
          .query(rs -> {
            times.computeIfAbsent(rs.getString("distributor_id"), id -> new HashMap<>()).put(step, new StepTime(step, pace,
                rs.getLong("measured"), rs.getLong("within_pace"), rs.getDouble("average_minutes") / 60.0));
          });
    }
    return times;
  }
}
