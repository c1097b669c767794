package com.journeycoach.statistics.insights;

import java.util.Set;
import org.camunda.bpm.cockpit.plugin.spi.impl.AbstractCockpitPlugin;

/**
 * The managers' Insights in Cockpit, registered through Camunda's {@code CockpitPlugin} service loader: its
 * resources answer under {@code /camunda/api/cockpit/plugin/insights/{engine}/...} behind Cockpit's login and CSRF
 * protection, and Cockpit loads its page, navigation entry and dashboard summary from
 * {@code plugin-webapp/insights/app/plugin.js}.
 */
public class InsightsPlugin extends AbstractCockpitPlugin {

  public static final String ID = "insights";

  @Override
  public String getId() {
    return ID;
  }

  @Override
  public Set<Class<?>> getResourceClasses() {
    return Set.of(InsightsRootResource.class);
  }
}
