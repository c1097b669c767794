package com.journeycoach.system;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.Optional;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What {@code /api} and the catalog file take as JSON: a key given twice, text after the document,
 * control characters (other than tab and line breaks) and broken UTF-16 (a lone surrogate) are
 * refused with 400 instead of one value silently winning or odd text being stored.
 */
@Configuration
public class StrictJson {

  @Bean
  Jackson2ObjectMapperBuilderCustomizer strictJsonForTheApi() {
    return builder -> builder.featuresToEnable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION,
        DeserializationFeature.FAIL_ON_TRAILING_TOKENS).modulesToInstall(module()).postConfigurer(StrictJson::noTextAsBoolean);
  }

  /** The same rules for a mapper of the application's own (the catalog file). */
  public static ObjectMapper strict(ObjectMapper mapper) {
    ObjectMapper strict = mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .registerModule(module());
    noTextAsBoolean(strict);
    return strict;
  }

  /** A yes or no is {@code true} or {@code false}: no text Jackson would read as one ("", a control character, "yes"). */
  static void noTextAsBoolean(ObjectMapper mapper) {
    mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
  }

  static SimpleModule module() {
    SimpleModule module = new SimpleModule("journey-coach-strict-text").addDeserializer(String.class, new CleanText());
    module.setDeserializerModifier(new BeanDeserializerModifier() {
      @Override
      public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type, BeanDescription description,
                                                        JsonDeserializer<?> deserializer) {
        return new ExactEnum(deserializer, type.getRawClass());
      }
    });
    return module;
  }

  /** An enum's name as written: Jackson would otherwise take "PURCHASED " (with a space) as PURCHASED. */
  static final class ExactEnum extends DelegatingDeserializer {

    private final Class<?> type;

    ExactEnum(JsonDeserializer<?> delegate, Class<?> type) {
      super(delegate);
      this.type = type;
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
      return new ExactEnum(delegate, type);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext context) throws IOException {
      if (p.hasToken(JsonToken.VALUE_STRING) && !p.getText().equals(p.getText().strip())) {
        return context.handleWeirdStringValue(type, p.getText(), "has spaces around it");
      }
      return super.deserialize(p, context);
    }
  }

  /** Why a text may not be stored, if it may not. */
  public static Optional<String> problem(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
        return Optional.of("contains a control character (U+" + String.format("%04X", (int) c) + ")");
      }
      if (Character.isHighSurrogate(c) && (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1)))
          || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)))) {
        return Optional.of("contains half of a character (a lone UTF-16 surrogate)");
      }
    }
    return Optional.empty();
  }

  /** Text as Jackson reads it, refused when it holds control characters or lone surrogates. */
  static final class CleanText extends StringDeserializer {
    @Override
    public String deserialize(JsonParser p, DeserializationContext context) throws IOException {
      String text = super.deserialize(p, context);
      if (text != null) {
        Optional<String> problem = problem(text);
        if (problem.isPresent()) {
          return (String) context.handleWeirdStringValue(String.class, text, "the text " + problem.get());
        }
      }
      return text;
    }
  }
}
