package com.journeycoach.notification;

import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Without credentials (the embedded default): records what would be sent, in the log and the ledger. */
class LogSender implements Sender {

  private static final Logger log = LoggerFactory.getLogger(LogSender.class);
  @Override
  public String send(Outgoing message) {
    log.info("[{} not sent, log channel] to {}: {}", message.channel(), message.address(), message.text());
    return "log:" + message.messageKey();
  }

  @Override
  public List<String> findSent(Outgoing message, Instant since) {
    return List.of();
  }

  @Override
  public String name() {
    return "log";
  }
}
