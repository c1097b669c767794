package com.journeycoach.content;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.journeycoach.system.InvalidInputException;
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
    return mapper.findAndRegisterModules()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .setSerializationInclusion(JsonInclude.Include.NON_EMPTY);
  }

  public Content read(InputStream in, Format format) {
    Content content;
    try {
      content = (format == Format.YAML ? yaml : json).readValue(in, Content.class);
    } catch (JacksonException e) {
      throw new InvalidInputException("The catalog file is not valid " + format + ": " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
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

  public String write(List<Asset> assets, Format format) {
    try {
      return (format == Format.YAML ? yaml : json).writeValueAsString(new Content(assets));
    } catch (JacksonException e) {
      throw new IllegalStateException("Could not write the catalog", e);
    }
  }
}
