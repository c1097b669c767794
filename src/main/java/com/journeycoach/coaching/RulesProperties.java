package com.journeycoach.coaching;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param folder a folder of DRL files that overrides the copy packaged in the jar (rules authors edit
 *               it and call the reload); empty for the packaged rules
 * @param watch  whether a change to a {@code .drl} file in that folder reloads the rules by itself
 */
@ConfigurationProperties("journey.rules")
public record RulesProperties(String folder, boolean watch) {

  @ConstructorBinding
  public RulesProperties(String folder, @DefaultValue("true") boolean watch) {
    this.folder = folder;
    this.watch = watch;
  }

  /** A folder, not watched. */
  public RulesProperties(String folder) {
    this(folder, false);
  }
}
