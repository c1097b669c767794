package com.journeycoach.people;

/** How a person likes to work: pairing tips depend on it. */
public enum Personality {
  INTROVERT, EXTROVERT, UNKNOWN;

  /** As stored: a name, or null for not known. */
  public static Personality ofStored(String name) {
    return name == null ? UNKNOWN : valueOf(name);
  }
}
