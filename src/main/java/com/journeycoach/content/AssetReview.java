package com.journeycoach.content;

import com.journeycoach.system.ConflictException;
import com.journeycoach.system.InvalidInputException;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * The steps of the {@code asset-review} process, started by a content drift alert. The steps after a form
 * are Java delegates ({@code ${retireAsset}}, {@code ${replaceAsset}}), so what they refuse reaches Tasklist
 * and {@code /engine-rest} as it is; {@link #retire} stays for reviews started on an earlier diagram.
 */
@Component("assetReview")
public class AssetReview {

  private final Catalog catalog;

  public AssetReview(Catalog catalog) {
    this.catalog = catalog;
  }

  public void retire(DelegateExecution execution) {
    catalog.retire((String) execution.getVariable(AssetReviewProcess.ASSET_ID));
  }

  /**
   * "Retire asset": the manager decided to retire the reviewed asset. An asset that active assets require
   * cannot go; the decision is refused with 400 and the review task stays, for the manager to replace it instead.
   */
  @Bean("retireAsset")
  static JavaDelegate retireAsset(Catalog catalog) {
    return execution -> {
      try {
        catalog.retire((String) execution.getVariable(AssetReviewProcess.ASSET_ID));
      } catch (ConflictException e) {
        throw new InvalidInputException(e.getMessage(),
            List.of(AssetReviewProcess.REVIEW_DECISION + ": active assets require this one; replace it, or retire or change those first"));
      }
    };
  }

  /**
   * "Swap in replacement": the process owner named the asset that replaces the reviewed one. A Java
   * delegate, so a wrong name reaches Tasklist as a 400 with the field, and the task stays.
   */
  @Bean("replaceAsset")
  static JavaDelegate replaceAsset(Catalog catalog) {
    return execution -> {
      Object replacement = execution.getVariable(AssetReviewProcess.REPLACEMENT_ASSET_ID);
      catalog.replace((String) execution.getVariable(AssetReviewProcess.ASSET_ID), replacement == null ? null : replacement.toString());
    };
  }
}
