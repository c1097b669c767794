package com.journeycoach.content;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/** The steps of the {@code asset-review} process, started by a content drift alert. */
@Component("assetReview")
public class AssetReview {

  private final Catalog catalog;

  public AssetReview(Catalog catalog) {
    this.catalog = catalog;
  }

  public void retire(DelegateExecution execution) {
    catalog.retire((String) execution.getVariable("assetId"));
  }

  /**
   * "Swap in replacement": the process owner named the asset that replaces the reviewed one. A Java
   * delegate, so a wrong name reaches Tasklist as a 400 with the field, and the task stays.
   */
  @Bean("replaceAsset")
  static JavaDelegate replaceAsset(Catalog catalog) {
    return execution -> {
      Object replacement = execution.getVariable("replacementAssetId");
      catalog.replace((String) execution.getVariable("assetId"), replacement == null ? null : replacement.toString());
    };
  }
}
