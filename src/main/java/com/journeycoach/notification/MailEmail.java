package com.journeycoach.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.List;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Email through Spring Mail: plain text and HTML, an unsubscribe link and {@code List-Unsubscribe}.
 * The Message-ID comes from the ledger key, so a message sent again after an unknown outcome is the
 * same message to the receiving side.
 */
class MailEmail implements Sender {

  private final JavaMailSender mail;
  private final String from;

  MailEmail(JavaMailSender mail, String from) {
    this.mail = mail;
    this.from = from;
  }

  @Override
  public String send(Outgoing message) {
    String messageId = "<" + message.messageKey().replace(':', '.') + "@journey-coach>";
    try {
      MimeMessage mime = new MimeMessage(((org.springframework.mail.javamail.JavaMailSenderImpl) mail).getSession()) {
        @Override
        protected void updateMessageID() throws MessagingException {
          setHeader("Message-ID", messageId);
        }
      };
      MimeMessageHelper helper = new MimeMessageHelper(mime, true, "UTF-8");
      helper.setFrom(from);
      helper.setTo(message.address());
      helper.setSubject(message.subject());
      helper.setText(message.text(), message.html());
      mime.setHeader("List-Unsubscribe", "<" + message.unsubscribeUrl() + ">");
      mime.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
      mail.send(mime);
      return messageId;
    } catch (MailException | MessagingException e) {
      boolean refused = e instanceof org.springframework.mail.MailSendException || e instanceof MessagingException;
      throw new ProviderException("The mail server did not take the email: " + e.getMessage(), refused, e);
    }
  }

  @Override
  public List<String> findSent(Outgoing message, Instant since) {
    // SMTP cannot be asked; sending again with the same Message-ID lets the receiver drop the copy
    return List.of();
  }

  @Override
  public String name() {
    return "smtp";
  }
}
