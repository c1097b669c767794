package com.journeycoach.content;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.journeycoach.system.InvalidInputException;
import com.journeycoach.system.StrictJson;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/** The catalog as a YAML or JSON file: {@code assets: [...]}, the same fields as the API. */
@Component
public class CatalogFile {

  /** The file's shape. */
  public record Content(@Valid List<Asset> assets) {
    public Content {
      assets = assets == null ? List.of() : assets;
    }
  }

  public enum Format { YAML, JSON }

  private final ObjectMapper yaml = configure(new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)));
  private final ObjectMapper json = configure(new ObjectMapper()).enable(SerializationFeature.INDENT_OUTPUT);
  private final Validator validator;

  public CatalogFile(Validator validator) {
    this.validator = validator;
  }

  private static ObjectMapper configure(ObjectMapper mapper) {
    return StrictJson.strict(mapper.findAndRegisterModules())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .setSerializationInclusion(JsonInclude.Include.NON_EMPTY);
  }

  public Content read(InputStream in, Format format) {
    Content content;
    try {
      content = (format == Format.YAML ? yaml : json).readValue(in, Content.class);
    } catch (JacksonException e) {
      // Jackson's message names Java classes; the answer says where, and what is wrong in the file's terms
      throw new InvalidInputException("The catalog file is not valid " + format
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()) + ": " + reason(e));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (content == null) {
      throw new InvalidInputException("The catalog file is empty");
    }
    Set<ConstraintViolation<Content>> violations = validator.validate(content);
    if (!violations.isEmpty()) {
      List<String> errors = violations.stream().map(v -> v.getPropertyPath() + ": " + v.getMessage()).sorted().toList();
      throw new InvalidInputException("The catalog file has invalid assets", errors);
    }
    return content;
  }

  private static String reason(JacksonException e) {
    if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException unknown) {
      return "unknown field '" + unknown.getPropertyName() + "'";
    }
    if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mismatch) {
      String path = mismatch.getPath().stream()
          .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
          .reduce("", (a, b) -> a.isEmpty() || b.startsWith("[") ? a + b : a + "." + b);
      return (path.isEmpty() ? "the file" : path) + " has a value of the wrong kind"
          + (mismatch.getTargetType() == null ? "" : " (expected " + kind(mismatch.getTargetType()) + ")");
    }
    return e instanceof com.fasterxml.jackson.core.JsonProcessingException ? "it cannot be read (" + plain(e.getOriginalMessage()) + ")"
        : "it cannot be read";
  }

  private static String kind(Class<?> type) {
    if (java.util.Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (type == String.class) {
      return "a text";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "a number";
    }
    if (type.isEnum()) {
      return "one of " + java.util.Arrays.toString(type.getEnumConstants());
    }
    return "an object";
  }

  /** A parser's message without Java class names. */
  private static String plain(String message) {
    return message == null ? "" : message.replaceAll("`?\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][\\w$]*`?", "a value").replaceAll("\\s+", " ")
        .replaceAll("(?s)\\bat \\[Source.*", "").strip();
  }

  public String write(List<Asset> assets, Format format) {
    try {
      return (format == Format.YAML ? yaml : json).writeValueAsString(new Content(assets));
    } catch (JacksonException e) {
      throw new IllegalStateException("Could not write the catalog", e);
    }
  }
}
