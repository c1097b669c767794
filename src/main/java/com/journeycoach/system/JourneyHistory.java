package com.journeycoach.system;

import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.HistoryLevelFull;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.springframework.stereotype.Component;

/**
 * Full history, but without the copies a prospect journey writes for its forms to show: the prospect's
 * name, the asset's title and the tracked link. The application's tables own them (the prospect, the
 * catalog, the share), so the engine's history, kept for 180 days and readable by managers, gets no
 * copy of them at every turn of every journey, nor a working link to open in the prospect's place; and
 * each copy left out saves two history rows and their indexes per turn. While the journey runs, the
 * variables are there for Tasklist's forms as before. What a person submits in a form (the start form's
 * name, e-mail and phone among it) is history as Camunda records it.
 *
 * <p>The level keeps the id and name of Camunda's "full", so a database created with "full" starts as
 * before, and is equal to Camunda's "full" for the engine's checks of the level.
 */
@Component
public class JourneyHistory extends AbstractProcessEnginePlugin {

  static final String JOURNEY_DEFINITION = "prospect-development:";
  public static final Set<String> DISPLAY_COPIES = Set.of("prospectName", "prospectShortName", "assetTitle", "assetSummary",
      "assetOutcome", "shareLink", "shareMessage", "smsLink", "mailtoLink", "otherAssetChoices");

  /** Camunda's full history level, leaving out the variable events of a journey's display copies. */
  static final class FullWithoutDisplayCopies extends HistoryLevelFull {

    @Override
    public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
      return !(entity instanceof VariableInstanceEntity variable && DISPLAY_COPIES.contains(variable.getName())
          && variable.getProcessDefinitionId() != null && variable.getProcessDefinitionId().startsWith(JOURNEY_DEFINITION));
    }

    /** Camunda's own levels are equal by class; code that asks "is the level full?" must still hear yes. */
    @Override
    public boolean equals(Object other) {
      return other instanceof HistoryLevel level && level.getId() == getId();
    }

    @Override
    public int hashCode() {
      return getId();
    }
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getHistoryLevel().getId() == HistoryLevelFull.HISTORY_LEVEL_FULL.getId()) {
      configuration.setHistoryLevel(new FullWithoutDisplayCopies());
    }
  }
}
