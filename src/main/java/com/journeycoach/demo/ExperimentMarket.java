package com.journeycoach.demo;

import com.journeycoach.content.Asset;
import com.journeycoach.content.AssetStatus;
import com.journeycoach.content.AssetType;
import com.journeycoach.content.NextAsset;
import com.journeycoach.content.Phase;
import com.journeycoach.experiment.Posteriors;
import com.journeycoach.experiment.ThompsonSampling;
import com.journeycoach.people.Audience;
import com.journeycoach.people.Personality;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * A market of known truth for experiments on the next asset. Nine prospect-development assets (some requiring
 * another) and two of a later phase; prospects in four segments (audience by personality); per segment and asset
 * a true rate at which sharing the asset wins the prospect, unrelated to the default sequence. A journey takes three
 * decisions four days apart, each among the 3 to 6 assets the catalog's rules allow (the production rule,
 * {@link NextAsset#eligibleAmong}); a shared asset is viewed 80 % of the time; the journey converts when any of its
 * shares won the prospect, and the outcome arrives 14 days after its last view (10 % of journeys never close: their
 * rewards stay missing, not failed). The follow-up two days after a view says interest went up with a chance of
 * 0.1 + 2 × the asset's true rate (the experiment's proxy). Distributors override a suggestion 20 % of the time with
 * the first eligible asset in default sequence (their habit). 25 journeys start a day.
 *
 * <p>The policies learn as the application does ({@link Posteriors} with the pooled prior): one reward per suggestion
 * that was not overridden, its proxy when stated, else the journey's conversion once it closed (credited to every
 * asset suggested in it); without the proxy, the conversion alone. Thompson sampling ({@link ThompsonSampling});
 * ε-greedy (ε = 0.1) on the same posteriors' means; the fixed default order; and the oracle, which knows the true
 * rates. Regret is, per decision, the oracle's true rate minus the true rate of the asset suggested.
 */
public final class ExperimentMarket {

  public enum Policy { THOMPSON, EPSILON_GREEDY, FIXED, ORACLE }

  /** A decision taken: what was eligible, what the prospect had viewed and been sent before, what was suggested and shared. */
  public record Decision(String segment, List<String> eligible, Set<String> viewedBefore, Set<String> sharedBefore,
                         String suggested, String shared, boolean overridden) {
  }

  /** A run: cumulative regret after each journey, expected conversions, and (when kept) every decision. */
  public record Run(Policy policy, double[] cumulativeRegret, double expectedConversions, List<Decision> decisions) {
    public double regret() {
      return cumulativeRegret[cumulativeRegret.length - 1];
    }

    /** Regret added by journeys {@code from} (inclusive) to {@code to} (exclusive). */
    public double regretBetween(int from, int to) {
      return cumulativeRegret[to - 1] - (from == 0 ? 0 : cumulativeRegret[from - 1]);
    }
  }

  static final int DECISIONS_PER_JOURNEY = 3;
  static final double JOURNEYS_PER_DAY = 25;
  static final double DAYS_BETWEEN_DECISIONS = 4;
  static final double CONVERSION_DELAY_DAYS = 14;
  static final double VIEW_RATE = 0.8;
  static final double NEVER_CLOSES = 0.1;
  static final double OVERRIDE_RATE = 0.2;
  static final double EPSILON = 0.1;
  static final double FOLLOW_UP_DAYS = 2;

  /** The chance that the follow-up of a viewed asset says interest went up: higher the better the asset converts. */
  static double proxyRate(double trueRate) {
    return Math.min(0.95, 0.1 + 2 * trueRate);
  }

  private final List<Asset> catalog;
  private final List<String> segments;
  private final Map<String, Map<String, Double>> truth = new HashMap<>();
  private final long seed;

  /** A market whose true rates come from {@code seed}. */
  public ExperimentMarket(long seed) {
    this.seed = seed;
    this.catalog = catalog();
    this.segments = new ArrayList<>();
    for (Audience audience : Audience.values()) {
      for (Personality personality : List.of(Personality.INTROVERT, Personality.EXTROVERT)) {
        segments.add(segment(audience, personality));
      }
    }
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    Map<String, Double> quality = new HashMap<>();
    for (Asset asset : catalog) {
      quality.put(asset.id(), 0.03 + 0.17 * rng.nextDouble());
    }
    for (String segment : segments) {
      Map<String, Double> rates = new HashMap<>();
      for (Asset asset : catalog) {
        // the whole population's taste, and the segment's own
        rates.put(asset.id(), Math.max(0.01, Math.min(0.35, quality.get(asset.id()) + 0.12 * (rng.nextDouble() - 0.5))));
      }
      truth.put(segment, rates);
    }
  }

  public List<Asset> catalog() {
    List<Asset> assets = new ArrayList<>();
    Map<String, List<String>> requires = Map.of("a3", List.of("a2"), "a5", List.of("a4"), "a7", List.of("a2"), "a9", List.of("a8"));
    for (int i = 1; i <= 9; i++) {
      assets.add(asset("a" + i, Phase.PROSPECT_DEVELOPMENT, i, requires.getOrDefault("a" + i, List.of())));
    }
    assets.add(asset("training-1", Phase.PRODUCT_KNOWLEDGE, 1, List.of()));
    assets.add(asset("training-2", Phase.PRODUCT_KNOWLEDGE, 2, List.of("a1")));
    return assets;
  }

  public List<String> segments() {
    return List.copyOf(segments);
  }

  public double trueRate(String segment, String assetId) {
    return truth.get(segment).get(assetId);
  }

  static String segment(Audience audience, Personality personality) {
    return "audience=" + audience + ",personality=" + personality;
  }

  /** A reward arriving: one pull's proxy at its follow-up ({@code proxy}), or the journey's conversion for its pulls without one. */
  private record Outcome(double day, String segment, List<String> arms, boolean rewarded) {
  }

  /**
   * Runs {@code journeys} journeys under the policy, learning from the proxy; the prospects, views, overrides and
   * outcomes come from {@code runSeed}, the same for every policy.
   */
  public Run run(Policy policy, int journeys, long runSeed, boolean keepDecisions) {
    return run(policy, journeys, runSeed, keepDecisions, true);
  }

  /** As {@link #run(Policy, int, long, boolean)}, with or without the experiment's proxy reward. */
  public Run run(Policy policy, int journeys, long runSeed, boolean keepDecisions, boolean withProxy) {
    // separate streams: the market's events are the same for every policy; the policy's draws are its own
    UniformRandomProvider market = RandomSource.XO_RO_SHI_RO_128_PP.create(runSeed);
    UniformRandomProvider draws = RandomSource.XO_RO_SHI_RO_128_PP.create(runSeed ^ 0x5DEECE66DL ^ seed);
    Posteriors posteriors = new Posteriors(Posteriors.PRIOR_WEIGHT);
    PriorityQueue<Outcome> pending = new PriorityQueue<>((a, b) -> Double.compare(a.day(), b.day()));
    double[] cumulative = new double[journeys];
    double regret = 0;
    double expectedConversions = 0;
    List<Decision> decisions = keepDecisions ? new ArrayList<>() : null;
    for (int j = 0; j < journeys; j++) {
      double start = j / JOURNEYS_PER_DAY;
      Audience audience = market.nextBoolean() ? Audience.PRODUCT_CUSTOMER : Audience.BUSINESS_BUILDER;
      Personality personality = market.nextBoolean() ? Personality.INTROVERT : Personality.EXTROVERT;
      String segment = segment(audience, personality);
      Set<String> shared = new HashSet<>();
      Set<String> viewed = new HashSet<>();
      List<String> learnedArms = new ArrayList<>();
      double notWon = 1;
      boolean won = false;
      double lastView = start;
      for (int d = 0; d < DECISIONS_PER_JOURNEY; d++) {
        double day = start + d * DAYS_BETWEEN_DECISIONS;
        while (!pending.isEmpty() && pending.peek().day() <= day) {
          Outcome outcome = pending.poll();
          outcome.arms().forEach(arm -> posteriors.add(outcome.segment(), arm, outcome.rewarded()));
        }
        List<String> eligible = NextAsset.eligibleAmong(catalog, shared, viewed, audience).stream().map(Asset::id).toList();
        if (eligible.isEmpty()) {
          break;
        }
        String suggested = switch (policy) {
          case FIXED -> eligible.get(0);
          case ORACLE -> best(eligible, segment);
          case THOMPSON -> ThompsonSampling.choose(eligible, arm -> posteriors.of(segment, arm), draws);
          case EPSILON_GREEDY -> draws.nextDouble() < EPSILON ? eligible.get(draws.nextInt(eligible.size()))
              : greedy(eligible, segment, posteriors);
        };
        regret += trueRate(segment, best(eligible, segment)) - trueRate(segment, suggested);
        // the market's draws are taken in the same order whatever the policy chose
        boolean override = market.nextDouble() < OVERRIDE_RATE;
        boolean view = market.nextDouble() < VIEW_RATE;
        double luck = market.nextDouble();
        double interest = market.nextDouble();
        String sent = override ? eligible.get(0) : suggested;
        boolean overridden = override && !sent.equals(suggested);
        if (keepDecisions) {
          decisions.add(new Decision(segment, eligible, Set.copyOf(viewed), Set.copyOf(shared), suggested, sent, overridden));
        }
        shared.add(sent);
        if (view) {
          viewed.add(sent);
          lastView = day + 1;
          double rate = trueRate(segment, sent);
          won |= luck < rate;
          notWon *= 1 - rate;
        }
        // an overridden suggestion is not learned from; the others by their proxy when stated, else by the conversion
        if (!overridden) {
          if (withProxy && view) {
            pending.add(new Outcome(day + FOLLOW_UP_DAYS, segment, List.of(suggested), interest < proxyRate(trueRate(segment, sent))));
          } else {
            learnedArms.add(suggested);
          }
        }
      }
      expectedConversions += 1 - notWon;
      if (market.nextDouble() >= NEVER_CLOSES) {
        pending.add(new Outcome(lastView + CONVERSION_DELAY_DAYS, segment, learnedArms, won));
      }
      cumulative[j] = regret;
    }
    return new Run(policy, cumulative, expectedConversions, decisions);
  }

  private String best(List<String> eligible, String segment) {
    String best = eligible.get(0);
    for (String arm : eligible) {
      if (trueRate(segment, arm) > trueRate(segment, best)) {
        best = arm;
      }
    }
    return best;
  }

  private static String greedy(List<String> eligible, String segment, Posteriors posteriors) {
    String best = eligible.get(0);
    for (String arm : eligible) {
      if (posteriors.of(segment, arm).mean() > posteriors.of(segment, best).mean()) {
        best = arm;
      }
    }
    return best;
  }

  private static Asset asset(String id, Phase phase, int position, List<String> prerequisites) {
    return new Asset(id, "Asset " + id, AssetType.ARTICLE, "https://example.com/" + id, "subject", List.of("k"), List.of("t"),
        null, null, null, phase, position, "outcome", "call", "P2D", List.of(Audience.values()), null, prerequisites,
        AssetStatus.ACTIVE);
  }
}
