package com.journeycoach.system;

import java.util.List;

/** Input that breaks a business rule; {@link ProblemDetails} answers 400 with the list of errors. */
public class InvalidInputException extends RuntimeException {

  private final List<String> errors;

  public InvalidInputException(String message) {
    this(message, List.of());
  }

  public InvalidInputException(String message, List<String> errors) {
    super(message);
    this.errors = List.copyOf(errors);
  }

  public List<String> errors() {
    return errors;
  }
}
