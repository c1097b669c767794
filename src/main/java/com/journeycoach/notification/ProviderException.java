package com.journeycoach.notification;

/**
 * A provider refused or could not be reached. {@code surelyNotSent} says the message certainly did
 * not go out (an error answer, a refused connection), so a retry sends without checking first.
 */
public class ProviderException extends RuntimeException {

  private final boolean surelyNotSent;

  public ProviderException(String message, boolean surelyNotSent, Throwable cause) {
    super(message, cause);
    this.surelyNotSent = surelyNotSent;
  }

  public boolean surelyNotSent() {
    return surelyNotSent;
  }
}
