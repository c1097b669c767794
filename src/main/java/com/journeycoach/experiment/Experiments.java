package com.journeycoach.experiment;

import com.journeycoach.content.Asset;
import com.journeycoach.content.AssetStatus;
import com.journeycoach.content.Catalog;
import com.journeycoach.content.Phase;
import com.journeycoach.people.Prospect;
import com.journeycoach.system.ConflictException;
import com.journeycoach.system.InvalidInputException;
import com.journeycoach.system.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Experiments on the next asset: their definitions and changes (process owners), the suggestion at
 * "Choose next asset" and the rewards it learns from.
 *
 * <p>Rewards are read from the journeys, one per pull whose asset was shared: for an experiment with a proxy, the
 * proxy stated at the follow-up of that asset; without one (or with no follow-up answered), the journey's
 * conversion once it closed, credited to every asset the experiment suggested in it (won or enrolled a success,
 * lost a failure); a journey still open is pending, never a failure. A pull the distributor overrode (chose another
 * asset) is left out, so the distributors' own habits do not enter the estimate.
 */
@Service
public class Experiments {

  /** How long the rewards read for a running experiment's choices are kept before they are read again. */
  static final Duration COUNTS_REFRESH = Duration.ofSeconds(30);
  private static final int MAX_ARMS = 12;
  private static final String COLUMNS = "id, name, phase, arms, segment_by, proxy, status, rolled_out_asset_id, created_by, created_at";

  private final JdbcClient jdbc;
  private final Catalog catalog;
  private final Clock clock;
  private final Map<String, Learned> learned = new ConcurrentHashMap<>();
  private final ThreadLocal<UniformRandomProvider> random = ThreadLocal.withInitial(RandomSource.XO_RO_SHI_RO_128_PP::create);

  public Experiments(JdbcClient jdbc, Catalog catalog, Clock clock) {
    this.jdbc = jdbc;
    this.catalog = catalog;
    this.clock = clock;
  }

  /** What a process owner defines. */
  public record Definition(String name, Phase phase, List<String> arms, List<SegmentAttribute> segmentBy, Experiment.Proxy proxy) {
  }

  /** One change of an experiment: who did what, when. */
  public record Change(int number, String action, String detail, String changedBy, Instant changedAt) {
  }

  /** An experiment's suggestion at one decision, before its share exists. */
  public record Suggestion(String experimentId, Asset asset, String segment, String defaultAssetId, int eligibleArms,
                           double propensity) {
  }

  private record Learned(Posteriors posteriors, Instant readAt) {
  }

  public List<Experiment> all() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM experiment ORDER BY created_at DESC, id").query(Experiments::experiment).list();
  }

  public Experiment get(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM experiment WHERE id = ?").param(id).query(Experiments::experiment).optional()
        .orElseThrow(() -> new NotFoundException("No experiment '" + id + "'"));
  }

  public List<Change> history(String id) {
    get(id);
    return jdbc.sql("SELECT change_number, action, detail, changed_by, changed_at FROM experiment_change WHERE experiment_id = ?"
            + " ORDER BY change_number")
        .param(id).query((rs, i) -> new Change(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getTimestamp(5).toInstant())).list();
  }

  /** Defines an experiment (a draft until started); refused with every problem named when it cannot run within the rules. */
  @Transactional
  public Experiment create(Definition definition, String userId) {
    List<String> arms = definition.arms() == null ? List.of()
        : definition.arms().stream().map(arm -> arm == null ? "" : arm.strip()).toList();
    check(definition.phase(), arms, definition.segmentBy(), null);
    Experiment experiment = new Experiment(UUID.randomUUID().toString(), definition.name().strip(), definition.phase(), arms,
        definition.segmentBy(), definition.proxy(), Experiment.Status.DRAFT, null, userId, clock.instant());
    jdbc.sql("INSERT INTO experiment (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(experiment.id(), experiment.name(), experiment.phase().name(), String.join(",", arms),
            experiment.segmentBy().stream().map(Enum::name).collect(Collectors.joining(",")),
            experiment.proxy() == null ? null : experiment.proxy().name(), experiment.status().name(), null, userId,
            Timestamp.from(experiment.createdAt()))
        .update();
    record(experiment.id(), "CREATED", "arms " + String.join(", ", arms) + "; segments by "
        + experiment.segmentBy().stream().map(Enum::name).collect(Collectors.joining(", "))
        + "; proxy " + (experiment.proxy() == null ? "none" : experiment.proxy().name()), userId);
    return experiment;
  }

  /** Starts a draft or resumes a paused experiment; its arms are checked again, since the catalog may have changed. */
  @Transactional
  public Experiment start(String id, String userId) {
    Experiment experiment = get(id);
    requireStatus(experiment, "start", Experiment.Status.DRAFT, Experiment.Status.PAUSED);
    check(experiment.phase(), experiment.arms(), experiment.segmentBy(), experiment.id());
    return changeStatus(experiment, Experiment.Status.RUNNING, "STARTED", null, userId);
  }

  @Transactional
  public Experiment pause(String id, String userId) {
    Experiment experiment = get(id);
    requireStatus(experiment, "pause", Experiment.Status.RUNNING);
    return changeStatus(experiment, Experiment.Status.PAUSED, "PAUSED", null, userId);
  }

  @Transactional
  public Experiment stop(String id, String userId) {
    Experiment experiment = get(id);
    requireStatus(experiment, "stop", Experiment.Status.DRAFT, Experiment.Status.RUNNING, Experiment.Status.PAUSED);
    return changeStatus(experiment, Experiment.Status.STOPPED, "STOPPED", null, userId);
  }

  /**
   * Rolls the winner out: it takes the first place among the arms' positions in the default sequence, the other arms
   * keep their order in the places left, and the experiment ends. Without a named winner, the arm most probably best
   * over all segments wins.
   */
  @Transactional
  public Experiment rollOut(String id, String winnerId, String userId) {
    Experiment experiment = get(id);
    requireStatus(experiment, "roll out", Experiment.Status.RUNNING, Experiment.Status.PAUSED, Experiment.Status.STOPPED);
    String winner = winnerId == null || winnerId.isBlank() ? ExperimentReport.mostProbablyBest(experiment, posteriorsOf(experiment))
        : winnerId.strip();
    if (!experiment.arms().contains(winner)) {
      throw new InvalidInputException("The winner must be one of the experiment's arms",
          List.of("assetId: '" + winner + "' is not an arm of this experiment"));
    }
    List<Asset> arms = experiment.arms().stream().map(catalog::find).flatMap(Optional::stream)
        .sorted(Comparator.comparing((Asset a) -> a.sequencePosition() == null ? Integer.MAX_VALUE : a.sequencePosition())
            .thenComparing(Asset::id))
        .toList();
    List<Integer> places = arms.stream().map(Asset::sequencePosition).filter(p -> p != null).sorted().toList();
    List<Asset> order = new ArrayList<>();
    arms.stream().filter(a -> a.id().equals(winner)).forEach(order::add);
    arms.stream().filter(a -> !a.id().equals(winner)).forEach(order::add);
    List<Asset> moved = new ArrayList<>();
    for (int i = 0; i < order.size() && i < places.size(); i++) {
      if (!places.get(i).equals(order.get(i).sequencePosition())) {
        moved.add(order.get(i).withSequencePosition(places.get(i)));
      }
    }
    catalog.saveAll(moved);
    jdbc.sql("UPDATE experiment SET rolled_out_asset_id = ? WHERE id = ?").params(winner, id).update();
    return changeStatus(experiment, Experiment.Status.ROLLED_OUT, "ROLLED_OUT", "winner " + winner + "; default order now "
        + order.stream().map(Asset::id).collect(Collectors.joining(", ")), userId);
  }

  /**
   * The suggestion of the running experiment whose arm the default sequence would share now ({@code eligible} in
   * default sequence), chosen by Thompson sampling among the eligible arms; empty when no experiment holds this decision
   * or fewer than two of its arms are eligible, so the default stands.
   */
  public Optional<Suggestion> suggest(Prospect prospect, List<Asset> eligible) {
    if (eligible.size() < 2) {
      return Optional.empty();
    }
    Asset defaultAsset = eligible.get(0);
    List<Experiment> running = jdbc.sql("SELECT " + COLUMNS + " FROM experiment WHERE status = 'RUNNING' AND phase = ?")
        .param(defaultAsset.phase().name()).query(Experiments::experiment).list();
    for (Experiment experiment : running) {
      if (!experiment.arms().contains(defaultAsset.id())) {
        continue;
      }
      List<Asset> arms = eligible.stream().filter(asset -> experiment.arms().contains(asset.id())).toList();
      if (arms.size() < 2) {
        return Optional.empty();
      }
      String segment = segmentOf(experiment, prospect);
      Posteriors posteriors = learnedFor(experiment);
      ThompsonSampling.Choice choice = ThompsonSampling.chooseWithPropensity(arms.stream().map(Asset::id).toList(),
          arm -> posteriors.of(segment, arm), random.get(), ThompsonSampling.PROPENSITY_DRAWS);
      Asset chosen = arms.stream().filter(asset -> asset.id().equals(choice.arm())).findFirst().orElseThrow();
      return Optional.of(new Suggestion(experiment.id(), chosen, segment, defaultAsset.id(), arms.size(), choice.propensity()));
    }
    return Optional.empty();
  }

  /** Logs the suggestion with the share that carries it. */
  public void recordPull(Suggestion suggestion, String shareId, String prospectId) {
    jdbc.sql("INSERT INTO experiment_pull (share_id, experiment_id, prospect_id, segment, asset_id, default_asset_id,"
            + " eligible_arms, propensity, suggested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(shareId, suggestion.experimentId(), prospectId, suggestion.segment(), suggestion.asset().id(),
            suggestion.defaultAssetId(), suggestion.eligibleArms(), suggestion.propensity(), Timestamp.from(clock.instant()))
        .update();
  }

  /** The distributor chose {@code chosenAssetId} instead of the suggestion carried by {@code shareId}: the pull is not learned from. */
  public void recordOverride(String shareId, String chosenAssetId) {
    jdbc.sql("UPDATE experiment_pull SET overridden_by = ? WHERE share_id = ?").params(chosenAssetId, shareId).update();
  }

  /** Pulls, rewards, posteriors, the probability of being best and the expected lift over the default, per arm and segment. */
  public ExperimentReport report(String id) {
    Experiment experiment = get(id);
    Map<String, Map<String, long[]>> tallies = new HashMap<>();
    jdbc.sql("SELECT segment, asset_id, COUNT(*), SUM(CASE WHEN overridden_by IS NULL THEN 0 ELSE 1 END) FROM experiment_pull"
            + " WHERE experiment_id = ? GROUP BY segment, asset_id")
        .param(id).query(rs -> {
          long[] tally = tallies.computeIfAbsent(rs.getString(1), s -> new HashMap<>()).computeIfAbsent(rs.getString(2), a -> new long[2]);
          tally[0] = rs.getLong(3);
          tally[1] = rs.getLong(4);
        });
    String defaultArm = experiment.arms().stream().map(catalog::find).flatMap(Optional::stream)
        .min(Comparator.comparing((Asset a) -> a.sequencePosition() == null ? Integer.MAX_VALUE : a.sequencePosition())
            .thenComparing(Asset::id))
        .map(Asset::id).orElse(experiment.arms().get(0));
    Rewards rewards = rewardsOf(experiment);
    return ExperimentReport.of(experiment, defaultArm, tallies, rewards.posteriors(), rewards.pending());
  }

  private Posteriors learnedFor(Experiment experiment) {
    Instant now = clock.instant();
    Learned known = learned.get(experiment.id());
    if (known == null || known.readAt().plus(COUNTS_REFRESH).isBefore(now) || known.readAt().isAfter(now)) {
      known = new Learned(posteriorsOf(experiment), now);
      learned.put(experiment.id(), known);
    }
    return known.posteriors();
  }

  Posteriors posteriorsOf(Experiment experiment) {
    return rewardsOf(experiment).posteriors();
  }

  private record Rewards(Posteriors posteriors, Map<String, Map<String, Long>> pending) {
  }

  /** Rewards of the pulls that went out as suggested, as the class comment says; pending ones are counted apart. */
  private Rewards rewardsOf(Experiment experiment) {
    Posteriors posteriors = new Posteriors(Posteriors.PRIOR_WEIGHT);
    Map<String, Map<String, Long>> pending = new HashMap<>();
    jdbc.sql("SELECT p.segment, p.asset_id, pr.status, f.interest_up, f.intent_high, COUNT(*) FROM experiment_pull p"
            + " JOIN content_asset_share s ON s.id = p.share_id"
            + " JOIN people_prospect pr ON pr.id = p.prospect_id"
            + " LEFT JOIN (SELECT share_id, MAX(CASE WHEN interest_change > 0 THEN 1 ELSE 0 END) interest_up,"
            + "   MAX(CASE WHEN purchase_intent = 'HIGH' THEN 1 ELSE 0 END) intent_high FROM journey_follow_up_answer"
            + "   WHERE share_id IN (SELECT share_id FROM experiment_pull WHERE experiment_id = ?) GROUP BY share_id) f"
            + "   ON f.share_id = p.share_id"
            + " WHERE p.experiment_id = ? AND p.overridden_by IS NULL AND s.shared_at IS NOT NULL"
            + " GROUP BY p.segment, p.asset_id, pr.status, f.interest_up, f.intent_high")
        .params(experiment.id(), experiment.id()).query(rs -> {
          String segment = rs.getString(1);
          String arm = rs.getString(2);
          Prospect.Status status = Prospect.Status.valueOf(rs.getString(3));
          long count = rs.getLong(6);
          Integer proxyHit = null;
          if (experiment.proxy() != null) {
            int hit = rs.getInt(experiment.proxy() == Experiment.Proxy.INTEREST_UP ? 4 : 5);
            proxyHit = rs.wasNull() ? null : hit;
          }
          if (proxyHit != null) {
            posteriors.add(segment, arm, proxyHit == 1 ? count : 0, proxyHit == 1 ? 0 : count);
          } else if (status.converted()) {
            posteriors.add(segment, arm, count, 0);
          } else if (status == Prospect.Status.LOST) {
            posteriors.add(segment, arm, 0, count);
          } else {
            // a journey still open without a proxy: not a failure, nothing learned yet
            pending.computeIfAbsent(segment, s -> new HashMap<>()).merge(arm, count, Long::sum);
          }
        });
    return new Rewards(posteriors, pending);
  }

  static String segmentOf(Experiment experiment, Prospect prospect) {
    return experiment.segmentBy().stream().map(attribute -> attribute.name().toLowerCase() + "=" + attribute.valueOf(prospect))
        .collect(Collectors.joining(","));
  }

  /** Every reason the definition cannot run within the catalog's rules, or overlaps another experiment's decision. */
  private void check(Phase phase, List<String> arms, List<SegmentAttribute> segmentBy, String self) {
    List<String> errors = new ArrayList<>();
    if (phase == null) {
      errors.add("phase: required (" + Phase.PROSPECT_DEVELOPMENT + ")");
    } else if (phase != Phase.PROSPECT_DEVELOPMENT) {
      errors.add("phase: only " + Phase.PROSPECT_DEVELOPMENT + " chooses its next asset in a journey");
    }
    if (segmentBy == null || segmentBy.isEmpty()) {
      errors.add("segmentBy: name at least one prospect attribute (" + Arrays.toString(SegmentAttribute.values()) + ")");
    } else if (segmentBy.stream().anyMatch(java.util.Objects::isNull)) {
      errors.add("segmentBy: an attribute is empty");
    } else if (new HashSet<>(segmentBy).size() < segmentBy.size()) {
      errors.add("segmentBy: an attribute is named twice");
    }
    if (arms.size() < 2 || arms.size() > MAX_ARMS) {
      errors.add("arms: between 2 and " + MAX_ARMS + " assets");
    }
    if (new HashSet<>(arms).size() < arms.size()) {
      errors.add("arms: an asset is named twice");
    }
    Map<String, Asset> known = new HashMap<>();
    catalog.all().forEach(asset -> known.put(asset.id(), asset));
    for (int i = 0; i < arms.size(); i++) {
      String arm = arms.get(i);
      Asset asset = known.get(arm);
      if (asset == null) {
        errors.add("arms[" + i + "]: no asset '" + arm + "' in the catalog");
        continue;
      }
      if (asset.status() != AssetStatus.ACTIVE) {
        errors.add("arms[" + i + "]: '" + arm + "' is " + asset.status() + ", not active");
      }
      if (phase != null && asset.phase() != phase) {
        errors.add("arms[" + i + "]: '" + arm + "' is of phase " + asset.phase() + ", not the experiment's " + phase);
      }
      for (String required : requiredBefore(asset, known)) {
        if (arms.contains(required)) {
          errors.add("arms[" + i + "]: '" + arm + "' requires '" + required + "', another arm: it can never be tried before it"
              + " without breaking the prerequisites");
        }
      }
    }
    if (errors.isEmpty()) {
      for (Experiment other : all()) {
        if (!other.id().equals(self) && other.status().holdsItsDecision() && other.phase() == phase
            && other.arms().stream().anyMatch(arms::contains)) {
          errors.add("arms: overlap experiment '" + other.name() + "' (" + other.id() + ", " + other.status()
              + ") on the same decision; stop it first");
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException("The experiment cannot run within the catalog's rules", errors);
    }
  }

  /** Every asset that must be viewed before {@code asset}, however indirectly. */
  private static Set<String> requiredBefore(Asset asset, Map<String, Asset> catalog) {
    Set<String> required = new HashSet<>();
    Deque<String> open = new ArrayDeque<>(asset.prerequisites());
    while (!open.isEmpty()) {
      String next = open.pop();
      if (required.add(next) && catalog.containsKey(next)) {
        open.addAll(catalog.get(next).prerequisites());
      }
    }
    return required;
  }

  private static void requireStatus(Experiment experiment, String action, Experiment.Status... allowed) {
    if (!Arrays.asList(allowed).contains(experiment.status())) {
      throw new ConflictException("Experiment '" + experiment.name() + "' is " + experiment.status() + " and cannot " + action
          + " (only when " + Arrays.stream(allowed).map(Enum::name).collect(Collectors.joining(" or ")) + ")");
    }
  }

  private Experiment changeStatus(Experiment experiment, Experiment.Status status, String action, String detail, String userId) {
    jdbc.sql("UPDATE experiment SET status = ? WHERE id = ?").params(status.name(), experiment.id()).update();
    record(experiment.id(), action, detail, userId);
    learned.remove(experiment.id());
    return get(experiment.id());
  }

  private void record(String id, String action, String detail, String userId) {
    int number = jdbc.sql("SELECT COALESCE(MAX(change_number), 0) FROM experiment_change WHERE experiment_id = ?").param(id)
        .query(Integer.class).single() + 1;
    jdbc.sql("INSERT INTO experiment_change (experiment_id, change_number, action, detail, changed_by, changed_at)"
            + " VALUES (?, ?, ?, ?, ?, ?)")
        .params(id, number, action, detail, userId, Timestamp.from(clock.instant())).update();
  }

  private static Experiment experiment(ResultSet rs, int row) throws SQLException {
    String proxy = rs.getString("proxy");
    return new Experiment(rs.getString("id"), rs.getString("name"), Phase.valueOf(rs.getString("phase")),
        Arrays.asList(rs.getString("arms").split(",")),
        Arrays.stream(rs.getString("segment_by").split(",")).map(SegmentAttribute::valueOf).toList(),
        proxy == null ? null : Experiment.Proxy.valueOf(proxy), Experiment.Status.valueOf(rs.getString("status")),
        rs.getString("rolled_out_asset_id"), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant());
  }
}
