package com.journeycoach;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** No Docker engine runs on our machines, so the files are checked as files. */
class DockerFilesTest {

  @Test
  void composeFileParsesAndWiresMySqlTheAppAndAMailCatcher() throws Exception {
    JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(Path.of("docker/compose.yaml").toFile());
    JsonNode services = compose.path("services");

    assertThat(services.path("mysql").path("image").asText()).isEqualTo("mysql:8.4");
    assertThat(services.path("mail").path("image").asText()).contains("mailpit");
    JsonNode app = services.path("app");
    assertThat(app.path("build").path("dockerfile").asText()).isEqualTo("docker/Dockerfile");
    assertThat(app.path("depends_on").path("mysql").path("condition").asText()).isEqualTo("service_healthy");
    JsonNode env = app.path("environment");
    assertThat(env.path("SPRING_PROFILES_ACTIVE").asText()).isEqualTo("mysql");
    assertThat(env.path("JOURNEY_DB_URL").asText()).startsWith("jdbc:mysql://mysql:3306/").contains("nullCatalogMeansCurrent=true");
    assertThat(env.path("SPRING_MAIL_HOST").asText()).isEqualTo("mail");

    // every secret is taken from the environment, required, never written here
    for (Map.Entry<String, JsonNode> variable : iterable(env, services.path("mysql").path("environment"))) {
      if (variable.getKey().contains("PASSWORD")) {
        assertThat(variable.getValue().asText()).as(variable.getKey()).matches("\\$\\{[A-Z_]+:\\?.+}");
      }
    }
  }

  @Test
  void dockerfileBuildsInOneStageAndRunsAsANonRootUserInAnother() throws Exception {
    List<String> lines = Files.readAllLines(Path.of("docker/Dockerfile"));

    assertThat(lines.stream().filter(l -> l.startsWith("FROM "))).hasSize(2);
    assertThat(lines.stream().filter(l -> l.startsWith("COPY --from=build"))).hasSize(1);
    String user = lines.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElseThrow();
    assertThat(user).isNotIn("USER root", "USER 0");
    assertThat(lines).noneMatch(l -> l.matches("(?i).*PASSWORD=\\S+.*"));
  }

  private static List<Map.Entry<String, JsonNode>> iterable(JsonNode... objects) {
    java.util.ArrayList<Map.Entry<String, JsonNode>> entries = new java.util.ArrayList<>();
    for (JsonNode object : objects) {
      object.fields().forEachRemaining(entries::add);
    }
    return entries;
  }
}
