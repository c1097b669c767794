package com.journeycoach.messaging;

import com.journeycoach.content.Asset;
import com.journeycoach.content.ShareMessages;
import com.journeycoach.system.EngineText;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The messages a share's form offers (the suggestion to offer first on each channel, in the prospect's language,
 * else the catalog's text) and what the distributor sent: the suggestion as offered, edited, or replaced. What was
 * offered is the server's own record, never what a form says it offered.
 */
@Service
public class SentMessages {

  /** How a distributor used the suggestion offered on the channel they shared through. */
  public enum Use { USED, EDITED, REPLACED, UNSEEN, NONE }

  /** A sent text sharing at least this share of its words with the offered one is the suggestion edited. */
  static final double EDITED_OVERLAP = 0.5;

  private final JdbcClient jdbc;
  private final SuggestedMessages suggestions;
  private final Clock clock;

  public SentMessages(JdbcClient jdbc, SuggestedMessages suggestions, Clock clock) {
    this.jdbc = jdbc;
    this.suggestions = suggestions;
    this.clock = clock;
  }

  /** Chooses and fills the messages the share form offers, and records what was offered. */
  public ShareMessages.Suggested offer(String shareId, Asset asset, String prospectFirstName, String phone, String email,
                                       String distributorFirstName, String link) {
    return offer(shareId, asset, prospectFirstName, phone, email, distributorFirstName, link, SuggestedMessages.newRandom());
  }

  ShareMessages.Suggested offer(String shareId, Asset asset, String prospectFirstName, String phone, String email,
                                String distributorFirstName, String link, UniformRandomProvider random) {
    String language = suggestions.languageFor(asset.id(), phone);
    MessageTemplate.Values values = new MessageTemplate.Values(prospectFirstName, asset.title(), link, distributorFirstName);
    ShareMessages catalogMessages = suggestions.catalogMessages();
    Optional<SuggestedMessage> sms = suggestions.inOfferOrder(asset.id(), Channel.SMS, language, random).stream().findFirst();
    String text = sms.map(m -> new MessageTemplate(m.text()).fill(values))
        .orElseGet(() -> catalogMessages.suggest(asset, prospectFirstName, phone, email, distributorFirstName, link).text());
    Optional<SuggestedMessage> mail = suggestions.inOfferOrder(asset.id(), Channel.EMAIL, language, random).stream().findFirst();
    String[] catalogEmail = mail.isPresent() ? null : catalogMessages.email(asset, prospectFirstName, distributorFirstName, link);
    String subject = mail.map(m -> new MessageTemplate(m.subject()).fill(values)).orElseGet(() -> catalogEmail[0]);
    String body = mail.map(m -> new MessageTemplate(m.text()).fill(values)).orElseGet(() -> catalogEmail[1]);
    Timestamp now = Timestamp.from(clock.instant());
    String insert = "INSERT INTO share_message (share_id, channel, suggestion_id, language, offered_text, offered_at)"
        + " VALUES (?, ?, ?, ?, ?, ?)";
    jdbc.sql(insert).params(shareId, Channel.SMS.name(), sms.map(SuggestedMessage::id).orElse(null), language, text, now).update();
    jdbc.sql(insert).params(shareId, Channel.EMAIL.name(), mail.map(SuggestedMessage::id).orElse(null), language, body, now).update();
    return ShareMessages.ready(phone, email, text, subject, body);
  }

  /**
   * The share went out on a channel of the share form (SMS, EMAIL, SOCIAL, IN_PERSON) with the form's message text
   * (null when the form did not send one): records how the offered suggestion was used. A share prepared before
   * suggestions were recorded has nothing to record.
   */
  public Optional<Use> recordSent(String shareId, String shareChannel, String formText) {
    Timestamp now = Timestamp.from(clock.instant());
    String update = "UPDATE share_message SET message_use = ?, sent_text = ?, sent_at = ? WHERE share_id = ? AND channel = ?";
    if ("EMAIL".equals(shareChannel)) {
      jdbc.sql(update).params(Use.NONE.name(), null, now, shareId, Channel.SMS.name()).update();
      jdbc.sql(update).params(Use.UNSEEN.name(), null, now, shareId, Channel.EMAIL.name()).update();
      return Optional.of(Use.UNSEEN);
    }
    jdbc.sql(update).params(Use.NONE.name(), null, now, shareId, Channel.EMAIL.name()).update();
    if (!"SMS".equals(shareChannel) && !"SOCIAL".equals(shareChannel)) {
      jdbc.sql(update).params(Use.NONE.name(), null, now, shareId, Channel.SMS.name()).update();
      return Optional.of(Use.NONE);
    }
    Optional<String> offered = jdbc.sql("SELECT offered_text FROM share_message WHERE share_id = ? AND channel = ?")
        .params(shareId, Channel.SMS.name()).query(String.class).optional();
    if (offered.isEmpty()) {
      return Optional.empty();
    }
    String sent = formText == null ? offered.get() : formText;
    Use use = use(offered.get(), sent);
    jdbc.sql(update).params(use.name(), sent, now, shareId, Channel.SMS.name()).update();
    return Optional.of(use);
  }

  /** As offered (or its copy without the characters the engine cannot hold), edited (half its words kept), or replaced. */
  static Use use(String offered, String sent) {
    String normalSent = normal(sent);
    if (normalSent.equals(normal(offered)) || normalSent.equals(normal(EngineText.storable(offered)))) {
      return Use.USED;
    }
    Set<String> offeredWords = words(offered);
    Set<String> sentWords = words(sent);
    Set<String> shared = new HashSet<>(offeredWords);
    shared.retainAll(sentWords);
    Set<String> all = new HashSet<>(offeredWords);
    all.addAll(sentWords);
    return !all.isEmpty() && (double) shared.size() / all.size() >= EDITED_OVERLAP ? Use.EDITED : Use.REPLACED;
  }

  private static String normal(String text) {
    return text == null ? "" : text.strip().replaceAll("\\s+", " ");
  }

  private static Set<String> words(String text) {
    return new HashSet<>(Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")).filter(w -> !w.isEmpty()).toList());
  }
}
