package com.journeycoach.notification;

import com.journeycoach.content.CatalogProperties;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Chooses the sender of each channel once, at start-up, and says so: Twilio and SMTP when
 * configured, else the log channel (never silently: a warning at start, and refused in production).
 */
@Component
public class Senders {

  private static final Logger log = LoggerFactory.getLogger(Senders.class);
  private final Map<Channel, Sender> senders = new EnumMap<>(Channel.class);

  public Senders(NotificationProperties properties, ObjectProvider<JavaMailSender> mail, CatalogProperties publicAddress) {
    if (properties.twilio().configured()) {
      senders.put(Channel.SMS, new TwilioSms(properties.twilio(), publicAddress.trackedLinkBaseUrl() + "/webhooks/twilio/status"));
    } else {
      senders.put(Channel.SMS, new LogSender());
    }
    JavaMailSender mailSender = mail.getIfAvailable();
    senders.put(Channel.EMAIL, mailSender != null ? new MailEmail(mailSender, properties.emailFrom()) : new LogSender());

    for (Map.Entry<Channel, Sender> entry : senders.entrySet()) {
      if (entry.getValue() instanceof LogSender) {
        if (properties.requireRealChannels()) {
          throw new IllegalStateException("No " + entry.getKey() + " channel is configured ("
              + (entry.getKey() == Channel.SMS ? "TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM" : "SPRING_MAIL_HOST")
              + ") and journey.notifications.require-real-channels is on: reminders would not reach anyone");
        }
        log.warn("No {} channel configured: {} reminders are only written to the log and the send ledger", entry.getKey(),
            entry.getKey());
      } else {
        log.info("{} reminders go out through {}", entry.getKey(), entry.getValue().name());
      }
    }
  }

  public Sender of(Channel channel) {
    return senders.get(channel);
  }
}
