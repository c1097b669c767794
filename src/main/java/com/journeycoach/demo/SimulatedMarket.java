package com.journeycoach.demo;

import com.journeycoach.content.Asset;
import com.journeycoach.people.Audience;
import com.journeycoach.content.Phase;
import com.journeycoach.people.Personality;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ChengBetaSampler;
import org.apache.commons.rng.sampling.distribution.LogNormalSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * A market of known truth: distributors with a pace and a bias in their close estimates,
 * prospects in segments (audience) with a latent chance to close, assets with a true conversion
 * rate per segment. Seeded, so a run can be repeated. It decides what happens; the demo and the
 * history writer carry it out.
 */
public final class SimulatedMarket {

  /** A distributor: pace factor (1 = typical; 1.5 = takes half as long again), close-estimate bias in points. */
  public record Trader(String id, String firstName, double paceFactor, double biasPoints, Personality personality) {
  }

  /** Typical step durations in hours (medians) and their spread (log-normal sigma). */
  public record StepMedians(double shareHours, double viewHours, double followUpHours, double sigma) {
    public static final StepMedians TYPICAL = new StepMedians(26, 33, 13, 0.6);
  }

  private final UniformRandomProvider rng;
  private final ZigguratSampler.NormalizedGaussian gaussian;
  private final Map<Audience, org.apache.commons.rng.sampling.distribution.ContinuousSampler> closeChance = new HashMap<>();
  private final Map<Audience, List<String>> sequences = new HashMap<>();
  private final Map<String, Map<Audience, Double>> conversion = new HashMap<>();
  private final List<Trader> traders = new ArrayList<>();
  private final StepMedians medians;

  public SimulatedMarket(long seed, List<Asset> catalog, StepMedians medians) {
    this.rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    this.gaussian = ZigguratSampler.NormalizedGaussian.of(rng);
    this.medians = medians;
    // customers close more often than business builders (means 0.30 and 0.20)
    closeChance.put(Audience.PRODUCT_CUSTOMER, ChengBetaSampler.of(rng, 3, 7));
    closeChance.put(Audience.BUSINESS_BUILDER, ChengBetaSampler.of(rng, 2, 8));
    for (Audience audience : Audience.values()) {
      sequences.put(audience, catalog.stream()
          .filter(a -> a.phase() == Phase.PROSPECT_DEVELOPMENT && a.audiences().contains(audience))
          .map(Asset::id).toList());
    }
    for (Asset asset : catalog) {
      Map<Audience, Double> rates = new HashMap<>();
      for (Audience audience : Audience.values()) {
        rates.put(audience, 0.02 + 0.08 * rng.nextDouble());
      }
      conversion.put(asset.id(), rates);
    }
  }

  /** Adds {@code count} distributors named {@code prefix-1...}: pace factors log-normal around 1, biases from -5 to +30 points. */
  public List<Trader> addTraders(String prefix, int count) {
    String[] names = {"Ava", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas"};
    Personality[] personalities = {Personality.INTROVERT, Personality.EXTROVERT};
    List<Trader> added = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      Trader trader = new Trader(prefix + "-" + i, names[(i - 1) % names.length], Math.exp(0.25 * gaussian.sample()),
          -5 + 35 * rng.nextDouble(), personalities[rng.nextInt(personalities.length)]);
      traders.add(trader);
      added.add(trader);
    }
    return added;
  }

  public List<Trader> traders() {
    return List.copyOf(traders);
  }

  public Trader anyTrader() {
    return traders.get(rng.nextInt(traders.size()));
  }

  /** Segments: 70 % want the products, 30 % the business. */
  public Audience segment() {
    return rng.nextDouble() < 0.7 ? Audience.PRODUCT_CUSTOMER : Audience.BUSINESS_BUILDER;
  }

  public Personality personality() {
    return Personality.values()[rng.nextInt(3)];
  }

  public double closeChance(Audience audience) {
    return closeChance.get(audience).sample();
  }

  /** The assets a prospect of the segment is taken through, in default sequence. */
  public List<String> sequence(Audience audience) {
    return sequences.get(audience);
  }

  /** The true probability that a view of the asset by a prospect of the segment ends in a purchase soon after. */
  public double conversionAfterView(String assetId, Audience audience) {
    return conversion.getOrDefault(assetId, Map.of()).getOrDefault(audience, 0.0);
  }

  /** The distributor's own estimate, in percent, of a chance to close: truth plus bias plus noise. */
  public int closeEstimate(Trader trader, double chance) {
    double estimate = 100 * chance + trader.biasPoints() + 8 * gaussian.sample();
    return (int) Math.max(0, Math.min(100, Math.round(estimate)));
  }

  public double shareHours(Trader trader) {
    return hours(medians.shareHours() * trader.paceFactor());
  }

  public double viewHours() {
    return hours(medians.viewHours());
  }

  public double followUpHours(Trader trader) {
    return hours(medians.followUpHours() * trader.paceFactor());
  }

  public boolean chance(double probability) {
    return rng.nextDouble() < probability;
  }

  public double uniform() {
    return rng.nextDouble();
  }

  public int nextInt(int bound) {
    return rng.nextInt(bound);
  }

  /** An id from the seeded generator, so a run is repeatable. */
  public String id() {
    return new java.util.UUID(rng.nextLong(), rng.nextLong()).toString();
  }

  private double hours(double median) {
    return LogNormalSampler.of(gaussian, Math.log(median), medians.sigma()).sample();
  }
}
