package com.journeycoach.system;

/** Answered by {@link ProblemDetails} as a problem detail. */
public class ConflictException extends RuntimeException {

  public ConflictException(String message) {
    super(message);
  }
}
