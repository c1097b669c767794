package com.journeycoach.content;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.validation.annotation.Validated;

/**
 * @param loadSampleWhenEmpty load the sample catalog of a health-products company when the catalog is empty
 *                            (the embedded default does, production does not)
 * @param trackedLinkBaseUrl  the public address tracked links start with, e.g. https://coach.example.com
 * @param shareMessages       a process owner's file of suggested share messages, overriding the packaged
 *                            {@code catalog/share-messages.properties} key by key (optional)
 */
@ConfigurationProperties("journey.catalog")
@Validated
public record CatalogProperties(
    boolean loadSampleWhenEmpty,
    @NotBlank @Pattern(regexp = "https?://[^/\\s$]+(/\\S*)?", message = "must be the public http(s) address of this application (JOURNEY_PUBLIC_URL)")
    String trackedLinkBaseUrl,
    String shareMessages) {

  public CatalogProperties(boolean loadSampleWhenEmpty, String trackedLinkBaseUrl) {
    this(loadSampleWhenEmpty, trackedLinkBaseUrl, null);
  }

  @ConstructorBinding
  public CatalogProperties {
    if (trackedLinkBaseUrl != null && trackedLinkBaseUrl.endsWith("/")) {
      trackedLinkBaseUrl = trackedLinkBaseUrl.substring(0, trackedLinkBaseUrl.length() - 1);
    }
  }
}
