package com.journeycoach.content;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/** Loads the demo catalog into an empty catalog, so the embedded default has something to share. */
@Component
public class SampleCatalog {

  static final String RESOURCE = "catalog/sample-catalog.yaml";
  private static final Logger log = LoggerFactory.getLogger(SampleCatalog.class);

  private final Catalog catalog;
  private final CatalogFile file;
  private final CatalogProperties properties;

  SampleCatalog(Catalog catalog, CatalogFile file, CatalogProperties properties) {
    this.catalog = catalog;
    this.file = file;
    this.properties = properties;
  }

  @EventListener(ApplicationReadyEvent.class)
  void loadWhenEmpty() {
    if (properties.loadSampleWhenEmpty()) {
      loadIfEmpty();
    }
  }

  /** Loads the sample catalog unless the catalog has assets already (tests and the demo, whatever the configuration). */
  public void loadIfEmpty() {
    if (!catalog.all().isEmpty()) {
      return;
    }
    try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
      CatalogFile.Content content = file.read(in, CatalogFile.Format.YAML);
      catalog.saveAll(content.assets());
      log.info("Loaded the sample catalog: {} assets", content.assets().size());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
