package com.journeycoach;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** No default or hard-coded password in main code or configuration. */
class NoPasswordLiteralTest {

  // a key that names a secret (password, secret, token at its end) and its value
  static final Pattern CONFIG = Pattern.compile("(?i)^\\s*([\\w.-]*(password|secret|token))\\s*[:=]\\s*(.*?)\\s*$");
  static final Pattern JAVA = Pattern.compile("(?i)(password|secret)\\w*\\s*=\\s*\"[^\"]+\"");

  @Test
  void configurationTakesPasswordsOnlyFromTheEnvironment() throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Stream.concat(Files.walk(Path.of("src/main/resources")), Files.walk(Path.of("docker")))) {
      for (Path file : files.filter(Files::isRegularFile)
          .filter(p -> p.toString().matches(".*\\.(ya?ml|properties|env)$")).toList()) {
        for (String line : Files.readAllLines(file)) {
          if (isLiteralSecret(line)) {
            found.add(file + ": " + line.strip());
          }
        }
      }
    }
    assertThat(found).isEmpty();
  }

  @Test
  void mainCodeHoldsNoPasswordLiteral() throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher m = JAVA.matcher(Files.readString(file));
        while (m.find()) {
          found.add(file + ": " + m.group());
        }
      }
    }
    assertThat(found).isEmpty();
  }

  /** True for a line that sets a secret to anything but nothing or a ${placeholder}. */
  static boolean isLiteralSecret(String line) {
    Matcher m = CONFIG.matcher(line);
    if (line.strip().startsWith("#") || !m.find()) {
      return false;
    }
    String value = m.group(3);
    return !(value.isEmpty() || value.equals("\"\"") || value.startsWith("${"));
  }

  @Test
  void theCheckWouldCatchALiteral() {
    assertThat(isLiteralSecret("    password: hunter2hunter2")).isTrue();
    assertThat(isLiteralSecret("      MYSQL_ROOT_PASSWORD: hunter2")).isTrue();
    assertThat(isLiteralSecret("spring.mail.password=hunter2")).isTrue();
    assertThat(isLiteralSecret("    password: ${JOURNEY_DB_PASSWORD}")).isFalse();
    assertThat(isLiteralSecret("    generate-password-if-missing: true")).isFalse();
    assertThat(JAVA.matcher("String password = \"hunter2\";").find()).isTrue();
  }
}
