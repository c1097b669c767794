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
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.SystemEnvironmentPropertySource;

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

  /**
   * The mysql profile refuses to start without real SMS and email channels; the compose file's trial setup
   * has only a mail catcher, so unless Twilio is configured it must turn that off, by a name Spring binds.
   */
  @Test
  void composeStartsWithoutTwilioUnlessToldToRequireIt() throws Exception {
    JsonNode env = new ObjectMapper(new YAMLFactory()).readTree(Path.of("docker/compose.yaml").toFile())
        .path("services").path("app").path("environment");
    String require = env.path("JOURNEY_NOTIFICATIONS_REQUIRE_REAL_CHANNELS").asText();
    assertThat(require).isEqualTo("${JOURNEY_NOTIFICATIONS_REQUIRE_REAL_CHANNELS:-false}");
    for (String twilio : List.of("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_FROM")) {
      assertThat(env.path(twilio).asText()).as(twilio).isEqualTo("${" + twilio + ":-}");
    }

    // what the variable is when unset, as the container gets it, read as Spring reads the environment
    Map<String, Object> container = Map.of("JOURNEY_NOTIFICATIONS_REQUIRE_REAL_CHANNELS", require.replaceAll("\\$\\{[A-Z_]+:-(.*)}", "$1"));
    Binder binder = new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource("container", container)));
    assertThat(binder.bind("journey.notifications.require-real-channels", Boolean.class).get()).isFalse();
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
