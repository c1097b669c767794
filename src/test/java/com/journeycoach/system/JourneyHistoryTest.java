package com.journeycoach.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.junit.jupiter.api.Test;

class JourneyHistoryTest {

  private final JourneyHistory.FullWithoutDisplayCopies level = new JourneyHistory.FullWithoutDisplayCopies();

  private static VariableInstanceEntity variable(String name, String processDefinitionId) {
    VariableInstanceEntity variable = new VariableInstanceEntity();
    variable.setName(name);
    variable.setProcessDefinitionId(processDefinitionId);
    return variable;
  }

  @Test
  void onlyTheJourneysDisplayCopiesAreLeftOut() {
    assertThat(level.isHistoryEventProduced(HistoryEventTypes.VARIABLE_INSTANCE_CREATE,
        variable("prospectName", "prospect-development:4:abc"))).isFalse();
    assertThat(level.isHistoryEventProduced(HistoryEventTypes.VARIABLE_INSTANCE_UPDATE,
        variable("shareLink", "prospect-development:4:abc"))).isFalse();
    // the journey's other variables, and an asset review's asset title, are history as before
    assertThat(level.isHistoryEventProduced(HistoryEventTypes.VARIABLE_INSTANCE_CREATE,
        variable("shareId", "prospect-development:4:abc"))).isTrue();
    assertThat(level.isHistoryEventProduced(HistoryEventTypes.VARIABLE_INSTANCE_CREATE,
        variable("assetTitle", "asset-review:2:def"))).isTrue();
    assertThat(level.isHistoryEventProduced(HistoryEventTypes.ACTIVITY_INSTANCE_START, new ExecutionEntity())).isTrue();
  }

  @Test
  void theEngineStillSeesFullHistory() {
    assertThat(level.equals(HistoryLevel.HISTORY_LEVEL_FULL)).isTrue();
    assertThat(level.equals(HistoryLevel.HISTORY_LEVEL_AUDIT)).isFalse();
  }

  @Test
  void onlyCamundasFullLevelIsReplaced() {
    ProcessEngineConfigurationImpl full = new StandaloneInMemProcessEngineConfiguration();
    full.setHistoryLevel(HistoryLevel.HISTORY_LEVEL_FULL);
    ProcessEngineConfigurationImpl audit = new StandaloneInMemProcessEngineConfiguration();
    audit.setHistoryLevel(HistoryLevel.HISTORY_LEVEL_AUDIT);

    new JourneyHistory().postInit(full);
    new JourneyHistory().postInit(audit);

    assertThat(full.getHistoryLevel()).isInstanceOf(JourneyHistory.FullWithoutDisplayCopies.class);
    assertThat(audit.getHistoryLevel()).isSameAs(HistoryLevel.HISTORY_LEVEL_AUDIT);
  }
}
