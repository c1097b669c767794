package com.journeycoach.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param requireRealChannels     refuse to start without Twilio and SMTP (production), instead of logging messages
 * @param emailFollowsQuietHours  hold email for the recipient's send window too, like SMS
 * @param emailFrom               the sender of reminder email
 * @param twilio                  the Twilio account; {@code apiBaseUrl} points the SDK elsewhere (a stand-in in tests)
 */
@ConfigurationProperties("journey.notifications")
public record NotificationProperties(boolean requireRealChannels, boolean emailFollowsQuietHours, String emailFrom,
                                     Twilio twilio) {

  public record Twilio(String accountSid, String authToken, String from, String messagingServiceSid, String apiBaseUrl) {

    public boolean configured() {
      return present(accountSid) && present(authToken) && (present(from) || present(messagingServiceSid));
    }

    private static boolean present(String value) {
      return value != null && !value.isBlank();
    }
  }

  public NotificationProperties {
    twilio = twilio == null ? new Twilio(null, null, null, null, "https://api.twilio.com") : twilio;
  }
}
