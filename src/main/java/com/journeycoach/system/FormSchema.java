package com.journeycoach.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * The fields a Camunda Form (the form-js JSON a process owner draws in Modeler) declares, and
 * the rules it sets for them, so the server checks a submission as the browser does: Tasklist
 * checks them before sending, but {@code /engine-rest} takes whatever a caller writes.
 */
public final class FormSchema {

  /** A form field: its key (the variable), its kind and its rules. */
  record Field(String key, String type, boolean required, boolean fixed, boolean conditional, List<String> hiddenWhenGiven,
               Integer minLength, Integer maxLength, BigDecimal min, BigDecimal max, Pattern pattern, List<String> options) {

    /**
     * Whether the form may hide the field for this submission. A condition of the plain shape
     * {@code =a != null or b != null} on fields of the form (hidden while another of its fields has a value) is
     * decided on the submission; any other condition might hide it.
     */
    boolean mayBeHidden(Map<String, ?> submitted, Set<String> formKeys) {
      return conditional && (hiddenWhenGiven == null || !formKeys.containsAll(hiddenWhenGiven)
          || hiddenWhenGiven.stream().anyMatch(key -> given(submitted.get(key))));
    }
  }

  /** A hide condition of the shape {@code =a != null or b != null}: its keys. */
  private static final Pattern GIVEN = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*!=\\s*null\\s*");

  /** A form without fields: a task without a form accepts no variables. */
  public static final FormSchema NONE = new FormSchema("(none)", Map.of());

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> TEXT_TYPES = Set.of("textfield", "textarea", "datetime");
  private static final Set<String> CHOICE_TYPES = Set.of("select", "radio");
  private static final Set<String> MULTIPLE_CHOICE_TYPES = Set.of("checklist", "taglist");
  private static final Set<String> NO_VALUE_TYPES = Set.of("text", "html", "image", "button", "separator", "spacer",
      "iframe", "table", "group", "dynamiclist", "documentPreview");

  private final String formId;
  private final Map<String, Field> fields;

  private FormSchema(String formId, Map<String, Field> fields) {
    this.formId = formId;
    this.fields = fields;
  }

  public String formId() {
    return formId;
  }

  /** The keys of the fields a person may submit. */
  public Set<String> keys() {
    return fields.keySet();
  }

  public static FormSchema parse(InputStream json) {
    try {
      JsonNode form = JSON.readTree(json);
      Map<String, Field> fields = new LinkedHashMap<>();
      collect(form.path("components"), false, fields);
      return new FormSchema(form.path("id").asText("(unnamed)"), Map.copyOf(fields));
    } catch (IOException e) {
      throw new UncheckedIOException("A deployed form is not valid JSON", e);
    }
  }

  private static void collect(JsonNode components, boolean insideConditional, Map<String, Field> fields) {
    for (JsonNode component : components) {
      String type = component.path("type").asText();
      boolean conditional = insideConditional || component.hasNonNull("conditional");
      if (component.has("components")) {
        collect(component.path("components"), conditional, fields);
      }
      if (NO_VALUE_TYPES.contains(type) || !component.hasNonNull("key")) {
        continue;
      }
      JsonNode validate = component.path("validate");
      List<String> options = new ArrayList<>();
      component.path("values").forEach(option -> options.add(option.path("value").asText()));
      String key = component.path("key").asText();
      fields.put(key, new Field(key, type, validate.path("required").asBoolean(false),
          component.path("disabled").asBoolean(false) || component.path("readonly").asBoolean(false), conditional,
          insideConditional ? null : hiddenWhenGiven(component.path("conditional").path("hide").asText(null)),
          integer(validate, "minLength"), integer(validate, "maxLength"), decimal(validate, "min"), decimal(validate, "max"),
          pattern(validate), options.isEmpty() && dynamicOptions(component) ? null : List.copyOf(options)));
    }
  }

  /** The keys of a hide condition {@code =a != null or b != null}; null for any other condition. */
  private static List<String> hiddenWhenGiven(String hide) {
    if (hide == null || !hide.startsWith("=")) {
      return null;
    }
    List<String> keys = new ArrayList<>();
    for (String part : hide.substring(1).split("\\bor\\b")) {
      java.util.regex.Matcher given = GIVEN.matcher(part);
      if (!given.matches()) {
        return null;
      }
      keys.add(given.group(1));
    }
    return List.copyOf(keys);
  }

  private static boolean given(Object value) {
    Object plain = plain(value);
    return plain != null && !(plain instanceof String text && text.isBlank());
  }

  /**
   * Options a form takes from a variable ({@code valuesKey}) or a FEEL expression ({@code valuesExpression}): the
   * server cannot list them, so the step that reads such a field checks the choice itself.
   */
  private static boolean dynamicOptions(JsonNode component) {
    return component.has("valuesKey") || component.has("valuesExpression");
  }

  /**
   * What is wrong with a submission, each as "field: reason", in field order; empty when nothing is.
   *
   * @param submitted the variables as submitted (plain values or Camunda typed values)
   * @param current   the value each variable has now (a field the form shows but does not let anyone change
   *                  may come back unchanged)
   * @param complete  whether the submission completes the task (then the required fields must be there)
   */
  public List<String> problems(Map<String, ?> submitted, Function<String, Object> current, boolean complete) {
    List<String> problems = new ArrayList<>();
    Set<String> undeclared = new TreeSet<>(submitted.keySet());
    undeclared.removeAll(fields.keySet());
    undeclared.forEach(name -> problems.add(name + ": not a field of the form '" + formId + "'"));
    for (Map.Entry<String, ?> entry : submitted.entrySet()) {
      if (fields.containsKey(entry.getKey()) && !plainValue(entry.getValue())) {
        problems.add(entry.getKey() + ": must be text, a number or true/false");
      }
    }
    if (!problems.isEmpty()) {
      return problems;
    }
    for (Field field : fields.values()) {
      boolean given = submitted.containsKey(field.key());
      Object value = given ? plain(submitted.get(field.key())) : null;
      if (field.fixed()) {
        if (given && !sameValue(value, plain(current.apply(field.key())))) {
          problems.add(field.key() + ": shown for reading, it cannot be changed");
        }
        continue;
      }
      if (value == null || (value instanceof String text && text.isBlank())) {
        if (complete && field.required() && !field.mayBeHidden(submitted, fields.keySet())) {
          problems.add(field.key() + ": required");
        }
        continue;
      }
      problem(field, value).ifPresent(reason -> problems.add(field.key() + ": " + reason));
    }
    return problems;
  }

  private static Optional<String> problem(Field field, Object value) {
    if ("number".equals(field.type())) {
      return numberProblem(field, value);
    }
    if ("checkbox".equals(field.type())) {
      return value instanceof Boolean ? Optional.empty() : Optional.of("must be true or false");
    }
    if (MULTIPLE_CHOICE_TYPES.contains(field.type())) {
      if (!(value instanceof Collection<?> chosen)) {
        return Optional.of("must be a list of choices");
      }
      for (Object one : chosen) {
        if (field.options() != null && !field.options().contains(String.valueOf(one))) {
          return Optional.of("must be some of " + String.join(", ", field.options()));
        }
      }
      return Optional.empty();
    }
    if (!(value instanceof String) && !(CHOICE_TYPES.contains(field.type()) && (value instanceof Number || value instanceof Boolean))) {
      return Optional.of("must be text");
    }
    String text = value.toString();
    if (CHOICE_TYPES.contains(field.type())) {
      if (field.options() == null) {
        // a choice among options the form computes: at least text the engine can hold
        return EngineText.problem(text);
      }
      return field.options().contains(text) ? Optional.empty()
          : Optional.of("must be one of " + String.join(", ", field.options()));
    }
    if (field.maxLength() != null && text.length() > field.maxLength()) {
      return Optional.of("at most " + field.maxLength() + " characters");
    }
    if (field.minLength() != null && text.length() < field.minLength()) {
      return Optional.of("at least " + field.minLength() + " characters");
    }
    if (field.pattern() != null && !field.pattern().matcher(text).matches()) {
      return Optional.of("does not have the expected form " + field.pattern().pattern());
    }
    return EngineText.problem(text);
  }

  private static Optional<String> numberProblem(Field field, Object value) {
    BigDecimal number;
    try {
      number = value instanceof Number || value instanceof String ? new BigDecimal(value.toString().strip()) : null;
    } catch (NumberFormatException e) {
      number = null;
    }
    if (number == null) {
      return Optional.of("must be a number");
    }
    if (field.min() != null && number.compareTo(field.min()) < 0) {
      return Optional.of("at least " + field.min().toPlainString());
    }
    if (field.max() != null && number.compareTo(field.max()) > 0) {
      return Optional.of("at most " + field.max().toPlainString());
    }
    return Optional.empty();
  }

  /** A value a form field can hold: no serialized object, file or JSON document. */
  private static boolean plainValue(Object value) {
    if (value instanceof TypedValue typed) {
      return typed.getType() == null ? typed.getValue() == null || isPlain(typed.getValue())
          : typed.getType().isPrimitiveValueType() && (typed.getValue() == null || isPlain(typed.getValue()));
    }
    return value == null || isPlain(value);
  }

  private static boolean isPlain(Object value) {
    return value instanceof String || value instanceof Number || value instanceof Boolean || value instanceof java.util.Date
        || value instanceof Collection<?>;
  }

  private static Object plain(Object value) {
    return value instanceof TypedValue typed ? typed.getValue() : value;
  }

  private static boolean sameValue(Object given, Object current) {
    return Objects.equals(given, current) || (given != null && current != null && given.toString().equals(current.toString()));
  }

  private static Integer integer(JsonNode validate, String name) {
    return validate.hasNonNull(name) && validate.get(name).canConvertToInt() ? validate.get(name).asInt() : null;
  }

  private static BigDecimal decimal(JsonNode validate, String name) {
    return validate.hasNonNull(name) && validate.get(name).isNumber() ? validate.get(name).decimalValue() : null;
  }

  private static Pattern pattern(JsonNode validate) {
    if (!validate.hasNonNull("pattern")) {
      return null;
    }
    try {
      return Pattern.compile(validate.get("pattern").asText());
    } catch (PatternSyntaxException e) {
      return null;
    }
  }
}
