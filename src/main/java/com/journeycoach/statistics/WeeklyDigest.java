package com.journeycoach.statistics;

import com.journeycoach.coaching.Nudge;
import com.journeycoach.coaching.Nudges;
import com.journeycoach.statistics.DistributorInsights.DistributorRow;
import com.journeycoach.statistics.TeamShrinkage.Flag;
import com.journeycoach.system.Groups;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The weekly digest: the distributors flagged struggling or excelling (Insights' flags as they stand when it runs),
 * as a nudge to the managers (the whole network) and to each sponsor (their downline, however deep). A digest
 * without flags is not recorded. Each is recorded once per recipient and ISO week (its nudge id is made of both),
 * so a run repeated in the same week records nothing new; the existing delivery sends it (send ledger, opt-out,
 * quiet hours), to each member of {@code managers} for theirs.
 */
@Service("weeklyDigest")
public class WeeklyDigest {

  static final String MANAGER_MESSAGE = "digest.manager";
  static final String SPONSOR_MESSAGE = "digest.sponsor";
  /** The nudge's detail column holds the listing. */
  static final int LONGEST_LISTING = 2000;

  private static final Logger log = LoggerFactory.getLogger(WeeklyDigest.class);

  private final DistributorInsights insights;
  private final Nudges nudges;
  private final Clock clock;
  private final StatisticsProperties properties;

  public WeeklyDigest(DistributorInsights insights, Nudges nudges, Clock clock, StatisticsProperties properties) {
    this.insights = insights;
    this.nudges = nudges;
    this.clock = clock;
    this.properties = properties;
  }

  /** Records this week's digests not recorded yet; returns how many it recorded. */
  public int recordThisWeek() {
    String week = weekOf(clock.instant().atZone(properties.digestZone()));
    List<DistributorRow> rows = insights.report(Optional.empty()).distributors();
    List<DistributorRow> flagged = rows.stream().filter(row -> row.conversion().flag() != Flag.NONE).toList();
    int recorded = 0;
    if (!flagged.isEmpty() && record(Groups.MANAGERS, Nudge.Audience.MANAGER, MANAGER_MESSAGE, week, flagged)) {
      recorded++;
    }
    Map<String, String> sponsorOf = new HashMap<>();
    rows.forEach(row -> sponsorOf.put(row.id(), row.sponsorId()));
    Set<String> sponsors = new TreeSet<>();
    rows.forEach(row -> {
      if (row.sponsorId() != null && sponsorOf.containsKey(row.sponsorId())) {
        sponsors.add(row.sponsorId());
      }
    });
    for (String sponsor : sponsors) {
      Set<String> line = DistributorInsights.downlineOf(sponsor, sponsorOf);
      List<DistributorRow> own = flagged.stream().filter(row -> line.contains(row.id())).toList();
      if (!own.isEmpty() && record(sponsor, Nudge.Audience.SPONSOR, SPONSOR_MESSAGE, week, own)) {
        recorded++;
      }
    }
    log.info("Weekly digest {}: {} recorded, {} distributors flagged", week, recorded, flagged.size());
    return recorded;
  }

  private boolean record(String recipientId, Nudge.Audience audience, String messageKey, String week, List<DistributorRow> flagged) {
    return nudges.recordOnce(nudgeId(recipientId, week), recipientId, audience, Nudge.WEEKLY_DIGEST, messageKey, 0,
        "Weekly digest " + week, listing(flagged)).isPresent();
  }

  /** The ISO week a digest belongs to, such as {@code 2026-W50}. */
  static String weekOf(ZonedDateTime time) {
    return String.format("%d-W%02d", time.get(IsoFields.WEEK_BASED_YEAR), time.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  /** One id per recipient and week, whichever node or run records it (a name-based UUID fits the nudge's id). */
  static String nudgeId(String recipientId, String week) {
    return UUID.nameUUIDFromBytes(("weekly-digest\n" + week + "\n" + recipientId).getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** "Struggling: Ana Ruiz, Ben Ng. Excelling: Cy Doe." (the rows come flagged first, by name). */
  static String listing(List<DistributorRow> flagged) {
    StringBuilder text = new StringBuilder();
    for (Flag flag : List.of(Flag.STRUGGLING, Flag.EXCELLING)) {
      List<String> names = flagged.stream().filter(row -> row.conversion().flag() == flag).map(DistributorRow::name).toList();
      if (!names.isEmpty()) {
        text.append(text.isEmpty() ? "" : " ").append(flag == Flag.STRUGGLING ? "Struggling: " : "Excelling: ")
            .append(String.join(", ", names)).append('.');
      }
    }
    return text.length() <= LONGEST_LISTING ? text.toString() : text.substring(0, LONGEST_LISTING - 1) + "…";
  }
}
