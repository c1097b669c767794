package com.journeycoach.notification;

import com.journeycoach.coaching.MessageKeys;

import java.util.Locale;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/** Reminder texts from {@code notifications/messages.properties}, by the nudge's message key (or its family). */
@Component
public class MessageTemplates implements MessageKeys {

  /** Two GSM-7 segments: a reminder never costs more. */
  public static final int MAX_SMS_LENGTH = 306;
  private static final int MAX_NAME_LENGTH = 30;

  private final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();

  public MessageTemplates() {
    messages.setBasename("notifications/messages");
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
  }

  public String sms(String messageKey, String firstName, String prospectName, String link) {
    return sms(messageKey, new Names(firstName, prospectName, null), link);
  }

  public String sms(String messageKey, Names names, String link) {
    String text = render(messageKey, "sms", names, link);
    if (text.length() > MAX_SMS_LENGTH && names.listing() != null) {
      // a long listing (a digest) is cut, not the link after it
      int room = names.listing().length() - (text.length() - MAX_SMS_LENGTH) - 1;
      if (room > 0) {
        text = render(messageKey, "sms", new Names(names.firstName(), names.prospectName(), names.distributorName(),
            names.listing().substring(0, room) + "…"), link);
      }
    }
    return text.length() <= MAX_SMS_LENGTH ? text : text.substring(0, MAX_SMS_LENGTH - 1) + "…";
  }

  public String subject(String messageKey, String firstName, String prospectName) {
    return subject(messageKey, new Names(firstName, prospectName, null));
  }

  public String subject(String messageKey, Names names) {
    return render(messageKey, "subject", names, "");
  }

  public String emailText(String messageKey, String firstName, String prospectName, String link, String unsubscribeUrl) {
    return emailText(messageKey, new Names(firstName, prospectName, null), link, unsubscribeUrl);
  }

  public String emailText(String messageKey, Names names, String link, String unsubscribeUrl) {
    return render(messageKey, "sms", names, link)
        + "\n\n--\nJourney Coach. To stop these emails: " + unsubscribeUrl + "\n";
  }

  public String emailHtml(String messageKey, String firstName, String prospectName, String link, String unsubscribeUrl) {
    return emailHtml(messageKey, new Names(firstName, prospectName, null), link, unsubscribeUrl);
  }

  public String emailHtml(String messageKey, Names names, String link, String unsubscribeUrl) {
    String text = render(messageKey, "sms", names, "");
    return "<!doctype html><html><body><p>" + HtmlUtils.htmlEscape(text.strip().replaceAll("[:\\s]+$", "")) + "</p>"
        + "<p><a href=\"" + HtmlUtils.htmlEscape(link) + "\">" + HtmlUtils.htmlEscape(render(messageKey, "link", names, ""))
        + "</a></p>"
        + "<p style=\"color:#777;font-size:small\">Journey Coach. <a href=\"" + HtmlUtils.htmlEscape(unsubscribeUrl)
        + "\">Unsubscribe</a> from these emails.</p></body></html>";
  }

  /**
   * Who a message names: {@code {0}} the recipient's first name, {@code {1}} the prospect, {@code {3}}
   * the distributor a sponsor's or the managers' message is about (the enrollee), {@code {4}} what the message lists
   * (a weekly digest's flagged distributors).
   */
  public record Names(String firstName, String prospectName, String distributorName, String listing) {

    public Names(String firstName, String prospectName, String distributorName) {
      this(firstName, prospectName, distributorName, null);
    }
  }

  @Override
  public boolean hasText(String messageKey) {
    // the family "coaching.product-training" serves "coaching.product-training.CWM"; "coaching" alone is no family
    for (String key = messageKey; key.indexOf('.') > 0 && key.indexOf('.') < key.length() - 1; key = key.substring(0, key.lastIndexOf('.'))) {
      try {
        messages.getMessage(key + ".sms", null, Locale.ROOT);
        return true;
      } catch (NoSuchMessageException e) {
        // try the family
      }
    }
    return false;
  }

  private String render(String messageKey, String part, Names names, String link) {
    Object[] args = {shorten(names.firstName(), "your prospect"), shorten(names.prospectName(), "your prospect"), link,
        shorten(names.distributorName(), "your enrollee"), names.listing() == null ? "" : names.listing()};
    // "coaching.product-training.CWM" uses "coaching.product-training" when it has no text of its own
    for (String key = messageKey; key.contains("."); key = key.substring(0, key.lastIndexOf('.'))) {
      try {
        return messages.getMessage(key + "." + part, args, Locale.ROOT);
      } catch (NoSuchMessageException e) {
        // try the family
      }
    }
    return messages.getMessage("default." + part, args, Locale.ROOT);
  }

  private static String shorten(String name, String unnamed) {
    if (name == null || name.isBlank()) {
      return unnamed;
    }
    return name.length() <= MAX_NAME_LENGTH ? name : name.substring(0, MAX_NAME_LENGTH - 1) + "…";
  }
}
