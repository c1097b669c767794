package com.journeycoach.content;

import com.journeycoach.people.Audience;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;

/**
 * What's next: the active prospect-development assets in default sequence that this prospect has not been sent yet,
 * whose prerequisites the prospect has viewed, and that may be tried with the prospect's audience. The first is the
 * default; a running experiment may choose another of them.
 */
@Service
public class NextAsset {

  private final Catalog catalog;
  private final Shares shares;

  public NextAsset(Catalog catalog, Shares shares) {
    this.catalog = catalog;
    this.shares = shares;
  }

  /**
   * Every asset the prospect may be sent now, in default sequence: what a distributor may choose instead of
   * the first. The same rules hold (prerequisites viewed, audience, not sent before).
   */
  public List<Asset> eligibleFor(String prospectId, Audience audience) {
    Shares.Progress progress = shares.progressOf(prospectId);
    return eligible(progress.sharedAssetIds(), progress.viewedAssetIds(), audience).toList();
  }

  /** {@link #eligibleFor} a prospect added in this transaction, who has been sent nothing yet. */
  public List<Asset> eligibleForNewProspect(Audience audience) {
    return eligible(Set.of(), Set.of(), audience).toList();
  }

  private Stream<Asset> eligible(Set<String> shared, Set<String> viewed, Audience audience) {
    return eligibleAmong(catalog.activeInSequence(), shared, viewed, audience).stream();
  }

  /**
   * The rules of what's next, on a given list of active assets in default sequence: of the prospect-development
   * phase, not sent (or skipped) before, fitting the audience, every prerequisite viewed. In default sequence.
   */
  public static List<Asset> eligibleAmong(List<Asset> activeInSequence, Set<String> shared, Set<String> viewed,
                                          Audience audience) {
    return activeInSequence.stream()
        .filter(asset -> asset.phase() == Phase.PROSPECT_DEVELOPMENT)
        .filter(asset -> !shared.contains(asset.id()))
        .filter(asset -> asset.allows(audience))
        .filter(asset -> viewed.containsAll(asset.prerequisites()))
        .toList();
  }
}
