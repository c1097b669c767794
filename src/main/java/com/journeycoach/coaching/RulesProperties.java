package com.journeycoach.coaching;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param folder a folder of DRL files that overrides the copy packaged in the jar (rules authors edit
 *               it and call the reload); empty for the packaged rules
 * @param watch  whether a change to a {@code .drl} file in that folder reloads the rules by itself
 * @param followInterval how often a node looks for a rules version newer than the one it runs (a reload
 *               on another node)
 */
@ConfigurationProperties("journey.rules")
public record RulesProperties(String folder, boolean watch, Duration followInterval) {

  @ConstructorBinding
  public RulesProperties(String folder, @DefaultValue("true") boolean watch, @DefaultValue("5s") Duration followInterval) {
    this.folder = folder;
    this.watch = watch;
    this.followInterval = followInterval;
  }

  /** A folder, watched or not, followed at the default interval. */
  public RulesProperties(String folder, boolean watch) {
    this(folder, watch, Duration.ofSeconds(5));
  }

  /** A folder, not watched. */
  public RulesProperties(String folder) {
    this(folder, false);
  }
}
