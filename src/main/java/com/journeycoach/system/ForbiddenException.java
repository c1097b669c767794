package com.journeycoach.system;

/** Answered by {@link ProblemDetails} as a problem detail. */
public class ForbiddenException extends RuntimeException {

  public ForbiddenException(String message) {
    super(message);
  }
}
