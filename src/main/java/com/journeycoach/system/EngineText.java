package com.journeycoach.system;

import java.util.Optional;

/**
 * What text Camunda's tables can hold. On MySQL they are created {@code utf8} (three bytes a
 * character), so a character beyond U+FFFF (an emoji) fails the statement; a string variable
 * holds at most 4,000 characters. The same limits apply on every database, so a journey that
 * works on the embedded default works on MySQL too.
 */
public final class EngineText {

  /** The length of Camunda's text column for a string variable. */
  public static final int MAX_VARIABLE_LENGTH = 4000;

  private static final String REPLACEMENT = "\uFFFD";

  private EngineText() {
  }

  /** Why the text cannot go into the engine, or empty when it can. */
  public static Optional<String> problem(String text) {
    if (text.length() > MAX_VARIABLE_LENGTH) {
      return Optional.of("at most " + MAX_VARIABLE_LENGTH + " characters");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isSurrogate(c)) {
        return Optional.of("emoji and other characters beyond U+FFFF cannot be stored here; write them in words");
      }
      if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
        return Optional.of("control characters are not allowed");
      }
    }
    return Optional.empty();
  }

  /**
   * A copy of the application's own text (a prospect's name, stored whole in its table) that the
   * engine can hold: characters beyond U+FFFF become U+FFFD.
   */
  public static String storable(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder copy = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> {
      if (Character.isSupplementaryCodePoint(cp) || Character.isSurrogate((char) cp)) {
        copy.append(REPLACEMENT);
      } else {
        copy.appendCodePoint(cp);
      }
    });
    return copy.length() > MAX_VARIABLE_LENGTH ? copy.substring(0, MAX_VARIABLE_LENGTH) : copy.toString();
  }
}
