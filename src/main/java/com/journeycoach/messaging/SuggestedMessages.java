package com.journeycoach.messaging;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.journeycoach.content.Asset;
import com.journeycoach.content.Catalog;
import com.journeycoach.content.CatalogProperties;
import com.journeycoach.content.ShareMessages;
import com.journeycoach.settings.Thresholds;
import com.journeycoach.system.InvalidInputException;
import com.journeycoach.system.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The suggested messages of each asset, channel and language; which one a share form offers first (a Thompson
 * draw over each one's view rate within the view window, Beta posteriors from a uniform prior; a rolled-out one
 * always), and their view and conversion rates.
 */
@Service
public class SuggestedMessages {

  static final String VIEW_WINDOW = "messaging.view-window-hours";
  private static final String COLUMNS = "id, asset_id, channel, language, subject, body, status, rolled_out, replaces_id,"
      + " changed_by, changed_at";

  private final JdbcClient jdbc;
  private final Catalog catalog;
  private final CatalogProperties catalogProperties;
  private final ShareMessages catalogMessages;
  private final Thresholds thresholds;
  private final Clock clock;
  private final Set<String> languages = Set.copyOf(new PhraseAnalyzer().languages());

  public SuggestedMessages(JdbcClient jdbc, Catalog catalog, CatalogProperties catalogProperties, ShareMessages catalogMessages,
                           Thresholds thresholds, Clock clock) {
    this.jdbc = jdbc;
    this.catalog = catalog;
    this.catalogProperties = catalogProperties;
    this.catalogMessages = catalogMessages;
    this.thresholds = thresholds;
    this.clock = clock;
  }

  /** What a process owner writes: channel (SMS or EMAIL), language (ISO 639-1), the email's subject, the text. */
  public record Draft(String channel, String language, String subject, String text) {
  }

  /** A suggestion with its measurements: shares sent with it, viewed within the window, converted after it. */
  public record Measured(SuggestedMessage message, int sent, int viewedInWindow, int converted, double viewRate,
                         double conversionRate) {
  }

  public List<SuggestedMessage> ofAsset(String assetId) {
    catalog.get(assetId);
    return jdbc.sql("SELECT " + COLUMNS + " FROM suggested_message WHERE asset_id = ? ORDER BY channel, language, status, changed_at, id")
        .param(assetId).query(SuggestedMessages::message).list();
  }

  public SuggestedMessage get(String assetId, String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM suggested_message WHERE id = ? AND asset_id = ?").params(id, assetId)
        .query(SuggestedMessages::message).optional()
        .orElseThrow(() -> new NotFoundException("No suggested message '" + id + "' of asset '" + assetId + "'"));
  }

  /** Adds a suggestion, or refuses it listing every problem (400). */
  @Transactional
  public SuggestedMessage add(String assetId, Draft draft, String by) {
    return insert(assetId, checked(catalog.get(assetId), draft), null, by);
  }

  /** A change is a new suggestion that replaces (retires) the old one, which keeps its measurements. */
  @Transactional
  public SuggestedMessage change(String assetId, String id, Draft draft, String by) {
    SuggestedMessage old = get(assetId, id);
    if (old.status() == SuggestedMessage.Status.RETIRED) {
      throw new InvalidInputException("A retired suggestion is not changed: add a new one", List.of("id: retired"));
    }
    SuggestedMessage replacement = insert(assetId, checked(catalog.get(assetId), draft), old, by);
    retire(assetId, id, by);
    return replacement;
  }

  @Transactional
  public SuggestedMessage retire(String assetId, String id, String by) {
    get(assetId, id);
    jdbc.sql("UPDATE suggested_message SET status = 'RETIRED', rolled_out = FALSE, changed_by = ?, changed_at = ? WHERE id = ?")
        .params(by, Timestamp.from(clock.instant()), id).update();
    return get(assetId, id);
  }

  /** The winner is rolled out: offered to everyone; the others of its asset, channel and language are retired. */
  @Transactional
  public SuggestedMessage rollOut(String assetId, String id, String by) {
    SuggestedMessage winner = get(assetId, id);
    if (winner.status() == SuggestedMessage.Status.RETIRED) {
      throw new InvalidInputException("A retired suggestion cannot be rolled out", List.of("id: retired"));
    }
    Timestamp now = Timestamp.from(clock.instant());
    jdbc.sql("UPDATE suggested_message SET status = 'RETIRED', rolled_out = FALSE, changed_by = ?, changed_at = ?"
            + " WHERE asset_id = ? AND channel = ? AND language = ? AND status = 'ACTIVE' AND id <> ?")
        .params(by, now, assetId, winner.channel().name(), winner.language(), id).update();
    jdbc.sql("UPDATE suggested_message SET rolled_out = TRUE, changed_by = ?, changed_at = ? WHERE id = ?").params(by, now, id).update();
    return get(assetId, id);
  }

  /** The suggestion filled in with stand-ins, as text, as the email's HTML, and its SMS segments. */
  public record Preview(String subject, String text, String html, String encoding, int segments) {
  }

  public Preview preview(String assetId, String id) {
    SuggestedMessage message = get(assetId, id);
    Asset asset = catalog.get(assetId);
    MessageTemplate.Values values = new MessageTemplate.Values("Ana", asset.title(), sampleLink(), "Sam");
    MessageTemplate template = new MessageTemplate(message.text());
    String text = template.fill(values);
    SmsSegments segments = SmsSegments.of(text);
    return new Preview(message.subject() == null ? null : new MessageTemplate(message.subject()).fill(values), text,
        template.html(values), segments.encoding().name(), segments.segments());
  }

  /** What the rates of each suggestion of an asset are, newest first within channel and language. */
  public List<Measured> measured(String assetId) {
    Map<String, int[]> counts = counts(assetId);
    return ofAsset(assetId).stream().map(message -> {
      int[] c = counts.getOrDefault(message.id(), new int[3]);
      return new Measured(message, c[0], c[1], c[2], c[0] == 0 ? 0 : (double) c[1] / c[0], c[0] == 0 ? 0 : (double) c[2] / c[0]);
    }).toList();
  }

  /**
   * Per suggestion of the asset: shares sent with it whose view window is over (or that were viewed), those viewed
   * within the window, and those whose prospect bought or enrolled after the share.
   */
  private Map<String, int[]> counts(String assetId) {
    Duration window = Duration.ofHours(thresholds.number(VIEW_WINDOW).longValue());
    Instant now = clock.instant();
    Map<String, int[]> counts = new HashMap<>();
    jdbc.sql("SELECT m.suggestion_id, s.shared_at, s.first_viewed_at,"
            + " CASE WHEN EXISTS (SELECT 1 FROM journey_touchpoint t WHERE t.prospect_id = s.prospect_id"
            + " AND t.kind IN ('PURCHASED', 'ENROLLED') AND t.occurred_at >= s.shared_at) THEN 1 ELSE 0 END"
            + " FROM share_message m JOIN content_asset_share s ON s.id = m.share_id"
            + " WHERE s.asset_id = ? AND m.suggestion_id IS NOT NULL AND m.message_use IN ('USED', 'EDITED', 'UNSEEN')"
            + " AND s.shared_at IS NOT NULL")
        .param(assetId).query(rs -> {
          Instant shared = rs.getTimestamp(2).toInstant();
          Timestamp viewedAt = rs.getTimestamp(3);
          boolean viewedInWindow = viewedAt != null && !viewedAt.toInstant().isAfter(shared.plus(window));
          if (!viewedInWindow && shared.plus(window).isAfter(now)) {
            return; // still within its window: not yet a miss
          }
          int[] c = counts.computeIfAbsent(rs.getString(1), k -> new int[3]);
          c[0]++;
          c[1] += viewedInWindow ? 1 : 0;
          c[2] += rs.getInt(4);
        });
    return counts;
  }

  /**
   * The active suggestions of an asset, channel and language, the one to offer first at the head: the rolled-out
   * one, else the highest of one Thompson draw from each one's Beta(1 + viewed in window, 1 + not viewed).
   */
  public List<SuggestedMessage> inOfferOrder(String assetId, Channel channel, String language, UniformRandomProvider random) {
    List<SuggestedMessage> active = ofAsset(assetId).stream()
        .filter(m -> m.status() == SuggestedMessage.Status.ACTIVE && m.channel() == channel && m.language().equals(language))
        .toList();
    if (active.size() < 2) {
      return active;
    }
    Map<String, int[]> counts = counts(assetId);
    Map<String, Double> draws = new HashMap<>();
    for (SuggestedMessage message : active) {
      int[] c = counts.getOrDefault(message.id(), new int[3]);
      draws.put(message.id(), message.rolledOut() ? Double.POSITIVE_INFINITY
          : BetaDistribution.of(1 + c[1], 1 + c[0] - c[1]).createSampler(random).sample());
    }
    return active.stream().sorted(Comparator.comparing((SuggestedMessage m) -> draws.get(m.id())).reversed()).toList();
  }

  /**
   * The language of the messages for a prospect: among the languages the asset has suggestions in, one spoken in
   * the region of the prospect's phone (English first), else English, else the first; English without any.
   */
  String languageFor(String assetId, String phone) {
    List<String> offered = ofAsset(assetId).stream().filter(m -> m.status() == SuggestedMessage.Status.ACTIVE)
        .map(SuggestedMessage::language).distinct().sorted(Comparator.comparing((String l) -> !l.equals("en"))).toList();
    if (offered.isEmpty()) {
      return PhraseAnalyzer.DEFAULT_LANGUAGE;
    }
    Set<String> spoken = regionOf(phone).map(region -> Stream.of(Locale.getAvailableLocales())
        .filter(locale -> region.equals(locale.getCountry())).map(Locale::getLanguage).collect(Collectors.toSet())).orElse(Set.of());
    return offered.stream().filter(spoken::contains).findFirst()
        .orElse(offered.contains(PhraseAnalyzer.DEFAULT_LANGUAGE) ? PhraseAnalyzer.DEFAULT_LANGUAGE : offered.get(0));
  }

  private static Optional<String> regionOf(String phone) {
    if (phone == null || phone.isBlank()) {
      return Optional.empty();
    }
    try {
      PhoneNumberUtil util = PhoneNumberUtil.getInstance();
      return Optional.ofNullable(util.getRegionCodeForNumber(util.parse(phone, null)));
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }

  /** A tracked link of the real length, to count a text message's segments with. */
  String sampleLink() {
    return catalogProperties.trackedLinkBaseUrl() + "/s/" + "A".repeat(43);
  }

  ShareMessages catalogMessages() {
    return catalogMessages;
  }

  private Draft checked(Asset asset, Draft draft) {
    List<String> problems = new ArrayList<>();
    Channel channel = null;
    try {
      channel = draft.channel() == null ? null : Channel.valueOf(draft.channel().strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      // reported below
    }
    if (channel == null) {
      problems.add("channel: must be SMS or EMAIL");
    }
    String language = draft.language() == null ? "" : draft.language().strip().toLowerCase(Locale.ROOT);
    if (!languages.contains(language)) {
      problems.add("language: must be one of " + languages.stream().sorted().collect(Collectors.joining(", "))
          + " (the languages whose phrases are analysed)");
    }
    if (channel != null) {
      problems.addAll(MessageTemplate.problems(channel, draft.subject(), draft.text(), asset.title(), sampleLink()));
    } else if (draft.text() == null || draft.text().isBlank()) {
      problems.add("text: must not be empty");
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException("The suggested message is not valid", problems);
    }
    return new Draft(channel.name(), language, channel == Channel.EMAIL ? draft.subject().strip() : null, draft.text().strip());
  }

  private SuggestedMessage insert(String assetId, Draft draft, SuggestedMessage replaced, String by) {
    String id = UUID.randomUUID().toString();
    jdbc.sql("INSERT INTO suggested_message (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, 'ACTIVE', FALSE, ?, ?, ?)")
        .params(id, assetId, draft.channel(), draft.language(), draft.subject(), draft.text(),
            replaced == null ? null : replaced.id(), by, Timestamp.from(clock.instant()))
        .update();
    return get(assetId, id);
  }

  private static SuggestedMessage message(ResultSet rs, int row) throws SQLException {
    return new SuggestedMessage(rs.getString(1), rs.getString(2), Channel.valueOf(rs.getString(3)), rs.getString(4),
        rs.getString(5), rs.getString(6), SuggestedMessage.Status.valueOf(rs.getString(7)), rs.getBoolean(8), rs.getString(9),
        rs.getString(10), rs.getTimestamp(11).toInstant());
  }

  static UniformRandomProvider newRandom() {
    return RandomSource.XO_RO_SHI_RO_128_PP.create();
  }
}
