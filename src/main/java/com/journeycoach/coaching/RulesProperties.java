package com.journeycoach.coaching;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param folder a folder of DRL files that overrides the copy packaged in the jar (rules authors edit
 *               it and call the reload); empty for the packaged rules
 */
@ConfigurationProperties("journey.rules")
public record RulesProperties(String folder) {
}
