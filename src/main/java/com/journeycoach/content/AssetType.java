package com.journeycoach.content;

public enum AssetType {
  VIDEO, ARTICLE, PRODUCT_SHEET, PRESENTATION, SUCCESS_STORY;

  /** Someone appears on screen, so the presenter's description is required metadata. */
  boolean showsPresenter() {
    return this == VIDEO || this == PRESENTATION || this == SUCCESS_STORY;
  }
}
