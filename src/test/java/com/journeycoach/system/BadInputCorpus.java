package com.journeycoach.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bad-input corpus as data: request templates ({@code bad-input/corpus.txt}) and categories of bad
 * values ({@code bad-input/values.txt}). A template with a category in braces stands for one request
 * per value of the category; fixtures in braces are filled by the test.
 */
final class BadInputCorpus {

  /** One line of the corpus. */
  record Template(String name, String who, String method, String path, String contentType, String body, int line) {
    String text() {
      return String.join(" | ", who, method + " " + path, contentType, body);
    }
  }

  /** One request to send; {@code value} is the category value it carries (empty for a plain line). */
  record Request(Template template, String who, String method, String path, String contentType, String body, String value) {
    String label() {
      return template.name() + (value.isEmpty() ? "" : " " + abbreviate(value, 80));
    }
  }

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)(?::([A-Za-z_]+))?(?:\\|(raw|form))?}");
  private static final Pattern REPEAT = Pattern.compile("\\{repeat:(\\d+):([^}]*)}");
  private static final Pattern NEST = Pattern.compile("\\{nest:(\\d+)}");

  final List<Template> templates;
  final Map<String, List<String>> categories;

  private BadInputCorpus(List<Template> templates, Map<String, List<String>> categories) {
    this.templates = templates;
    this.categories = categories;
  }

  static BadInputCorpus load(String templatesResource, String valuesResource) {
    List<Template> templates = new ArrayList<>();
    List<String> lines = lines(templatesResource);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\\s*\\|\\s*", 5);
      if (parts.length < 4) {
        throw new IllegalArgumentException(templatesResource + ":" + (i + 1) + ": expected name | who | METHOD path | type | body");
      }
      String[] request = parts[2].split(" ", 2);
      templates.add(new Template(parts[0], parts[1], request[0], request[1], parts[3], parts.length > 4 ? macros(parts[4]) : "", i + 1));
    }
    Map<String, List<String>> categories = new LinkedHashMap<>();
    List<String> current = null;
    for (String line : lines(valuesResource)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]") && line.matches("\\[[a-zA-Z]+]")) {
        current = new ArrayList<>();
        categories.put(line.substring(1, line.length() - 1), current);
      } else if (current == null) {
        throw new IllegalArgumentException(valuesResource + ": a value before the first [category]");
      } else {
        current.add(macros(line));
      }
    }
    return new BadInputCorpus(templates, categories);
  }

  /** Every request of a template: one per value of its category, or just one. */
  List<Request> expand(Template template, Function<String, String> fixtures) {
    String category = null;
    for (String part : List.of(template.path(), template.contentType(), template.body())) {
      Matcher m = PLACEHOLDER.matcher(part);
      while (m.find()) {
        if (categories.containsKey(m.group(1))) {
          if (category != null && !category.equals(m.group(1))) {
            throw new IllegalArgumentException("corpus line " + template.line() + ": more than one category");
          }
          category = m.group(1);
        }
      }
    }
    List<String> values = category == null ? List.of("") : categories.get(category);
    List<Request> requests = new ArrayList<>();
    for (String value : values) {
      Function<java.util.regex.MatchResult, String> fill = m -> {
        if (categories.containsKey(m.group(1))) {
          return "raw".equals(m.group(3)) ? raw(value) : "form".equals(m.group(3))
              ? URLEncoder.encode(raw(value), StandardCharsets.UTF_8) : value;
        }
        String key = m.group(2) == null ? m.group(1) : m.group(1) + ":" + m.group(2);
        String fixture = fixtures.apply(key);
        if (fixture == null) {
          throw new IllegalArgumentException("corpus line " + template.line() + ": no fixture {" + key + "}");
        }
        return fixture;
      };
      String contentType = fill(template.contentType(), fill);
      String body = fill(template.body(), fill);
      if (!contentType.contains("json")) {
        body = body.replace("\\n", "\n");
      }
      requests.add(new Request(template, template.who(), template.method(), fill(template.path(), fill), contentType, body, value));
    }
    return requests;
  }

  private static String fill(String text, Function<java.util.regex.MatchResult, String> fill) {
    return PLACEHOLDER.matcher(text).replaceAll(m -> Matcher.quoteReplacement(fill.apply(m)));
  }

  /** A JSON string value as its text; any other fragment as it is written. */
  static String raw(String value) {
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      try {
        return new com.fasterxml.jackson.databind.ObjectMapper().readValue(value, String.class);
      } catch (IOException e) {
        return value.substring(1, value.length() - 1);
      }
    }
    return value;
  }

  private static String macros(String line) {
    String expanded = REPEAT.matcher(line).replaceAll(m -> Matcher.quoteReplacement(m.group(2).repeat(Integer.parseInt(m.group(1)))));
    Matcher nest = NEST.matcher(expanded);
    return nest.replaceAll(m -> {
      int depth = Integer.parseInt(m.group(1));
      return "[".repeat(depth) + "]".repeat(depth);
    });
  }

  static String abbreviate(String text, int length) {
    String oneLine = text.replace("\n", "\\n");
    return oneLine.length() <= length ? oneLine : oneLine.substring(0, length) + "…(" + oneLine.length() + " chars)";
  }

  private static List<String> lines(String resource) {
    try (InputStream in = BadInputCorpus.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("No resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
