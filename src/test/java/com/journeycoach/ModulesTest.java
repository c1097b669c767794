package com.journeycoach;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The modules of Journey Coach (each top-level package: system, settings, people, content, coaching,
 * journey, notification, statistics, demo) depend on each other without a cycle and only through each
 * other's API (a sub-package is a module's own). The build writes their documentation into docs/modules.
 */
class ModulesTest {

  static final ApplicationModules MODULES = ApplicationModules.of(JourneyCoachApplication.class);

  @Test
  void modulesHaveNoCycleAndUseOnlyEachOthersApi() {
    MODULES.verify();
  }

  @Test
  void writesTheModuleDocumentation() {
    new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("docs/modules"))
        .writeModulesAsPlantUml()
        .writeIndividualModulesAsPlantUml()
        .writeModuleCanvases();
  }
}
