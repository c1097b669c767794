package com.journeycoach.content;

import com.journeycoach.people.Audience;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * What's next, first version: the first active prospect-development asset in default sequence
 * that this prospect has not been sent yet, whose prerequisites the prospect has viewed, and that
 * may be tried with the prospect's audience.
 */
@Service
public class NextAsset {

  private final Catalog catalog;
  private final Shares shares;

  public NextAsset(Catalog catalog, Shares shares) {
    this.catalog = catalog;
    this.shares = shares;
  }

  public Optional<Asset> forProspect(String prospectId, Audience audience) {
    Shares.Progress progress = shares.progressOf(prospectId);
    return next(progress.sharedAssetIds(), progress.viewedAssetIds(), audience);
  }

  /** For a prospect added in this transaction, who has been sent nothing yet: no need to look. */
  public Optional<Asset> forNewProspect(Audience audience) {
    return next(Set.of(), Set.of(), audience);
  }

  private Optional<Asset> next(Set<String> shared, Set<String> viewed, Audience audience) {
    return catalog.activeInSequence().stream()
        .filter(asset -> asset.phase() == Phase.PROSPECT_DEVELOPMENT)
        .filter(asset -> !shared.contains(asset.id()))
        .filter(asset -> asset.allows(audience))
        .filter(asset -> viewed.containsAll(asset.prerequisites()))
        .findFirst();
  }
}
