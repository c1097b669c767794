package com.journeycoach.content;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.support.ReloadableResourceBundleMessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * The message the share form suggests for an asset, per channel, from {@code catalog/share-messages.properties}
 * (a process owner's file: one asset's own text, else the default), and the {@code sms:} and {@code mailto:}
 * links that open the phone's messaging or mail app with it, ready to send.
 */
@Component
public class ShareMessages {

  /** What the form offers: the text message and the email, each as a link that opens it ready to send. */
  public record Suggested(String text, String smsHref, String mailtoHref) {
  }

  private final ReloadableResourceBundleMessageSource messages = new ReloadableResourceBundleMessageSource();

  public ShareMessages(CatalogProperties properties) {
    ReloadableResourceBundleMessageSource packaged = new ReloadableResourceBundleMessageSource();
    packaged.setBasename("classpath:catalog/share-messages");
    configure(packaged);
    if (properties.shareMessages() == null || properties.shareMessages().isBlank()) {
      messages.setBasename("classpath:catalog/share-messages");
    } else {
      // the process owner's file, key by key; a key it lacks comes from the packaged file
      messages.setBasename("file:" + properties.shareMessages().strip().replaceFirst("\\.properties$", ""));
      messages.setParentMessageSource(packaged);
      messages.setCacheSeconds(60);
    }
    configure(messages);
  }

  private static void configure(ReloadableResourceBundleMessageSource source) {
    source.setDefaultEncoding("UTF-8");
    source.setFallbackToSystemLocale(false);
  }

  /**
   * The suggested messages for sharing an asset with a prospect.
   *
   * @param phone the prospect's phone (E.164) or null; the text message is then addressed to nobody yet
   * @param email the prospect's email or null
   */
  public Suggested suggest(Asset asset, String prospectFirstName, String phone, String email, String distributorFirstName,
                           String link) {
    Object[] args = {blankAs(prospectFirstName, "there"), asset.title(), link, blankAs(distributorFirstName, "")};
    String text = render(asset.id(), "sms", args);
    String subject = render(asset.id(), "email.subject", args);
    String body = render(asset.id(), "email.body", args);
    return new Suggested(text, smsHref(phone, text), mailtoHref(email, subject, body));
  }

  /** The suggested messages of another source (the suggestions process owners write through {@code /api}), as links. */
  public static Suggested ready(String phone, String email, String text, String subject, String body) {
    return new Suggested(text, smsHref(phone, text), mailtoHref(email, subject, body));
  }

  /** The catalog's email subject and body for an asset (its own, else the default), filled in. */
  public String[] email(Asset asset, String prospectFirstName, String distributorFirstName, String link) {
    Object[] args = {blankAs(prospectFirstName, "there"), asset.title(), link, blankAs(distributorFirstName, "")};
    return new String[] {render(asset.id(), "email.subject", args), render(asset.id(), "email.body", args)};
  }

  /** An RFC 5724 {@code sms:} link: the number (if known, as the digits of E.164) and the body, percent-encoded. */
  static String smsHref(String phone, String body) {
    String number = phone == null ? "" : phone.replaceAll("[^+0-9]", "");
    return "sms:" + number + "?body=" + encode(body);
  }

  /**
   * An RFC 6068 {@code mailto:} link: the address (if known), subject and body, percent-encoded (spaces as %20,
   * line breaks as CRLF). A plain address stays as it is, as mail apps expect; any other is encoded.
   */
  static String mailtoHref(String email, String subject, String body) {
    String to = email == null ? "" : PLAIN_ADDRESS.matcher(email).matches() ? email : encode(email);
    return "mailto:" + to + "?subject=" + encode(subject) + "&body=" + encode(body.replace("\r\n", "\n").replace("\n", "\r\n"));
  }

  private static final Pattern PLAIN_ADDRESS = Pattern.compile("[A-Za-z0-9._-]+@[A-Za-z0-9.-]+");

  private static String encode(String text) {
    return UriUtils.encode(text, StandardCharsets.UTF_8);
  }

  private String render(String assetId, String part, Object[] args) {
    try {
      return messages.getMessage("share." + assetId + "." + part, args, Locale.ROOT);
    } catch (NoSuchMessageException e) {
      return messages.getMessage("share.default." + part, args, Locale.ROOT);
    }
  }

  private static String blankAs(String value, String otherwise) {
    return value == null || value.isBlank() ? otherwise : value.strip();
  }
}
