package com.journeycoach.notification;

import java.time.DateTimeException;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * @param requireRealChannels     refuse to start without Twilio and SMTP (production), instead of logging messages
 * @param emailFollowsQuietHours  hold email for the recipient's send window too, like SMS
 * @param emailFrom               the sender of reminder email
 * @param twilio                  the Twilio account; {@code apiBaseUrl} points the SDK elsewhere (a stand-in in tests)
 * @param defaultTimeZone         the company's time zone: quiet hours of a person without one of their own (a manager
 *                                without a distributor profile)
 */
@ConfigurationProperties("journey.notifications")
public record NotificationProperties(boolean requireRealChannels, boolean emailFollowsQuietHours, String emailFrom,
                                     Twilio twilio, String defaultTimeZone) {

  public NotificationProperties(boolean requireRealChannels, boolean emailFollowsQuietHours, String emailFrom, Twilio twilio) {
    this(requireRealChannels, emailFollowsQuietHours, emailFrom, twilio, null);
  }

  public record Twilio(String accountSid, String authToken, String from, String messagingServiceSid, String apiBaseUrl) {

    public boolean configured() {
      return present(accountSid) && present(authToken) && (present(from) || present(messagingServiceSid));
    }

    private static boolean present(String value) {
      return value != null && !value.isBlank();
    }
  }

  @ConstructorBinding
  public NotificationProperties {
    twilio = twilio == null ? new Twilio(null, null, null, null, "https://api.twilio.com") : twilio;
    defaultTimeZone = defaultTimeZone == null || defaultTimeZone.isBlank() ? "UTC" : defaultTimeZone.strip();
    try {
      ZoneId.of(defaultTimeZone);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("journey.notifications.default-time-zone: '" + defaultTimeZone
          + "' is not a time zone such as Europe/Berlin", e);
    }
  }

  public ZoneId defaultZone() {
    return ZoneId.of(defaultTimeZone);
  }
}
