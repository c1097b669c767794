package com.journeycoach.statistics;

import java.util.List;
import java.util.Optional;
import org.apache.commons.statistics.distribution.BetaDistribution;

/**
 * A distributor's conversion (journeys won or enrolled out of journeys closed) shrunk toward the team's: a
 * Beta-Binomial whose prior is the team's rate, weighing {@code priorWeight} closed journeys. A distributor with
 * few closed journeys stays near the team; the flags say "struggling" or "excelling" only when the posterior
 * probability of being below or above the team's rate reaches {@code flagProbability}.
 */
public final class TeamShrinkage {

  /** The 90 % credible interval: the 5 % and 95 % quantiles of the posterior. */
  public static final double LOWER_QUANTILE = 0.05;
  public static final double UPPER_QUANTILE = 0.95;

  public record Settings(double priorWeight, double flagProbability) {
    public Settings {
      if (!(priorWeight > 0) || !(flagProbability > 0.5 && flagProbability < 1)) {
        throw new IllegalArgumentException("prior weight must be positive and the flag probability in (0.5, 1)");
      }
    }
  }

  /** Closed journeys and how many of them converted. */
  public record Record(long closed, long converted) {
    public Record {
      if (closed < 0 || converted < 0 || converted > closed) {
        throw new IllegalArgumentException("converted must lie within 0.." + closed);
      }
    }

    public static final Record NONE = new Record(0, 0);

    public Record plus(Record other) {
      return new Record(closed + other.closed, converted + other.converted);
    }
  }

  public enum Flag { STRUGGLING, EXCELLING, NONE }

  /** The posterior of one distributor: its mean, 90 % interval, probability of being below the team, and the flag. */
  public record Assessment(double mean, double lower, double upper, double probabilityBelowTeam, Flag flag) {
    public double probabilityAboveTeam() {
      return 1 - probabilityBelowTeam;
    }
  }

  private final double teamRate;
  private final double priorAlpha;
  private final double priorBeta;
  private final Settings settings;

  private TeamShrinkage(double teamRate, Settings settings) {
    this.teamRate = teamRate;
    this.settings = settings;
    this.priorAlpha = settings.priorWeight() * teamRate;
    this.priorBeta = settings.priorWeight() * (1 - teamRate);
  }

  /**
   * The team's prior from every distributor's record; empty while no journey of the team has closed. The team's
   * rate is Laplace-smoothed, (converted + 1) / (closed + 2), so a team that converted all or none of its
   * journeys still gives a proper prior.
   */
  public static Optional<TeamShrinkage> of(List<Record> team, Settings settings) {
    Record total = team.stream().reduce(Record.NONE, Record::plus);
    if (total.closed() == 0) {
      return Optional.empty();
    }
    return Optional.of(new TeamShrinkage((total.converted() + 1.0) / (total.closed() + 2.0), settings));
  }

  /** The rate the distributors are compared with. */
  public double teamRate() {
    return teamRate;
  }

  public Assessment assess(Record distributor) {
    BetaDistribution posterior = BetaDistribution.of(priorAlpha + distributor.converted(),
        priorBeta + distributor.closed() - distributor.converted());
    double below = posterior.cumulativeProbability(teamRate);
    Flag flag = below >= settings.flagProbability() ? Flag.STRUGGLING
        : 1 - below >= settings.flagProbability() ? Flag.EXCELLING : Flag.NONE;
    return new Assessment(posterior.getMean(), posterior.inverseCumulativeProbability(LOWER_QUANTILE),
        posterior.inverseCumulativeProbability(UPPER_QUANTILE), below, flag);
  }
}
