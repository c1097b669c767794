package com.journeycoach.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.journeycoach.content.CatalogProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;

class SendersTest {

  static final CatalogProperties PUBLIC = new CatalogProperties(false, "https://coach.example.com");

  @Test
  void withoutCredentialsTheEmbeddedDefaultUsesTheLogChannel() {
    Senders senders = new Senders(new NotificationProperties(false, true, "coach@example.com", null),
        new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class), PUBLIC);
    assertThat(senders.of(Channel.SMS).name()).isEqualTo("log");
    assertThat(senders.of(Channel.EMAIL).name()).isEqualTo("log");
  }

  @Test
  void productionRefusesToStartWithoutRealChannels() {
    assertThatThrownBy(() -> new Senders(new NotificationProperties(true, true, "coach@example.com", null),
        new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class), PUBLIC))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("TWILIO_ACCOUNT_SID");
  }

  @Test
  void twilioCredentialsChooseTwilio() {
    NotificationProperties.Twilio account = new NotificationProperties.Twilio("AC0123456789abcdef0123456789abcdef", "token",
        "+15005550006", null, "https://api.twilio.com");
    Senders senders = new Senders(new NotificationProperties(false, true, "coach@example.com", account),
        new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class), PUBLIC);
    assertThat(senders.of(Channel.SMS).name()).isEqualTo("twilio");
  }
}
