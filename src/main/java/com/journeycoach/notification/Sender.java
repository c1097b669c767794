package com.journeycoach.notification;

import java.time.Instant;
import java.util.List;

/** A way out for one channel: Twilio, SMTP, or the log. */
public interface Sender {

  /** Sends and returns the provider's id of the message. */
  String send(Outgoing message);

  /**
   * After an attempt of unknown outcome: the provider's ids of the messages with this text to this
   * address that it has taken since the given time, in whatever state (queued too), oldest first, so
   * this one is not sent twice. Another nudge may have sent the same text to the same person: which
   * of them is this one's, the send ledger decides.
   */
  List<String> findSent(Outgoing message, Instant since);

  String name();
}
