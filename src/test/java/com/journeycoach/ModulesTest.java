package com.journeycoach;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The modules of Journey Coach (each top-level package: system, settings, people, content, coaching,
 * journey, messaging, notification, statistics, demo) depend on each other without a cycle and only through each
 * other's API (a sub-package is a module's own). The build writes their documentation into docs/modules.
 */
class ModulesTest {

  static final ApplicationModules MODULES = ApplicationModules.of(JourneyCoachApplication.class);

  @Test
  void modulesHaveNoCycleAndUseOnlyEachOthersApi() {
    MODULES.verify();
  }

  /**
   * Writes the documentation beside the build's output, then into docs/modules the files whose content
   * changed: the Documenter writes the same diagram in a different line order from one run to the next,
   * which is no change.
   */
  @Test
  void writesTheModuleDocumentation() throws IOException {
    Path written = Path.of("target", "modules-docs");
    new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(written.toString()))
        .writeModulesAsPlantUml()
        .writeIndividualModulesAsPlantUml()
        .writeModuleCanvases();
    Path docs = Files.createDirectories(Path.of("docs", "modules"));
    try (Stream<Path> files = Files.list(written)) {
      for (Path file : files.toList()) {
        Path kept = docs.resolve(file.getFileName());
        if (!Files.exists(kept) || !sortedLines(kept).equals(sortedLines(file))) {
          Files.copy(file, kept, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static List<String> sortedLines(Path file) throws IOException {
    return Files.readAllLines(file).stream().sorted().toList();
  }
}
