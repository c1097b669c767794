package com.journeycoach.experiment;

import com.journeycoach.content.Phase;
import java.time.Instant;
import java.util.List;

/**
 * An experiment on the next asset: within {@code phase}, when the default sequence would share one of its
 * {@code arms}, the arm shared is chosen among the eligible arms by Thompson sampling on the posteriors of the
 * prospect's segment (made of the attributes in {@code segmentBy}). The reward of a suggestion is the {@code proxy}
 * stated at the follow-up of that asset, if the experiment has one; else the journey's conversion, credited to every
 * asset suggested in it, once the journey closed ({@link Experiments}).
 */
public record Experiment(String id, String name, Phase phase, List<String> arms, List<SegmentAttribute> segmentBy, Proxy proxy,
                         Status status, String rolledOutAssetId, String createdBy, Instant createdAt) {

  public Experiment {
    arms = List.copyOf(arms);
    segmentBy = List.copyOf(segmentBy);
  }

  public enum Status {
    /** Defined, not started yet. */
    DRAFT,
    /** Choosing the next asset. */
    RUNNING,
    /** Not choosing (the default sequence decides); may be started again. */
    PAUSED,
    /** Ended without changing the default sequence. */
    STOPPED,
    /** Ended; its winner came first among its arms in the default sequence. */
    ROLLED_OUT;

    /** Still holds its decision: another experiment on the same arms would overlap. */
    boolean holdsItsDecision() {
      return this == DRAFT || this == RUNNING || this == PAUSED;
    }
  }

  /** The faster reward an experiment learns from: stated days after the share instead of weeks. */
  public enum Proxy {
    /** The follow-up of the asset said interest went up. */
    INTEREST_UP,
    /** The follow-up of the asset stated a high purchase intent. */
    PURCHASE_INTENT_HIGH
  }
}
