package com.journeycoach.content;

import org.camunda.bpm.engine.delegate.DelegateExecution;
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
}
