package com.journeycoach.system;

/** Answered by {@link ProblemDetails} as a problem detail. */
public class NotFoundException extends RuntimeException {

  public NotFoundException(String message) {
    super(message);
  }
}
