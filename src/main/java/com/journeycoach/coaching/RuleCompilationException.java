package com.journeycoach.coaching;

import java.util.List;

/** The DRL files do not compile; each error names its file, line and message. */
public class RuleCompilationException extends RuntimeException {

  private final List<String> errors;

  public RuleCompilationException(List<String> errors) {
    super("The coaching rules do not compile:\n  " + String.join("\n  ", errors));
    this.errors = List.copyOf(errors);
  }

  public List<String> errors() {
    return errors;
  }
}
