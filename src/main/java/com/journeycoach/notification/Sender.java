package com.journeycoach.notification;

import java.time.Instant;
import java.util.Optional;

/** A way out for one channel: Twilio, SMTP, or the log. */
public interface Sender {

  /** Sends and returns the provider's id of the message. */
  String send(Outgoing message);

  /**
   * After an attempt of unknown outcome: the provider's id of this message if the provider has it
   * already (sent since the given time), so it is not sent twice.
   */
  Optional<String> findSent(Outgoing message, Instant since);

  String name();
}
