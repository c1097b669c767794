package com.journeycoach.statistics;

import com.journeycoach.messaging.SuggestedMessages;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rows for the Messaging tab of Insights, written straight into the tables, and the figures they must give, counted
 * here from what was written: follow-up notes of {@value #DISTRIBUTORS} distributors (business builders, two prospects
 * each, on {@value #PHRASE_ASSET}) that say "it was the TAG voucher", half of them before rising interest, and on the
 * first {@value #THIN_DISTRIBUTORS} distributors' notes also "the THIN ribbon" (too few distributors to show); and two
 * suggested messages of {@value #MESSAGE_ASSET} with shares sent ten days ago, some viewed within the window, some later,
 * some followed by a purchase, the second rolled out.
 */
final class MessagingSeed {

  static final String PHRASE_ASSET = "cwm-results";
  static final String MESSAGE_ASSET = "cwm-starter-kit";
  static final int DISTRIBUTORS = 6;
  static final int THIN_DISTRIBUTORS = 3;
  static final String SOURCE = "messaging-seed";

  /** A made-up word of this run, so no other test's notes share its phrases. */
  final String tag;
  final String thin;
  final String prefix;
  final String first;
  final String second;

  // the phrase's figures as written here
  int phraseDocuments;
  int phraseWithOutcome;
  int phraseProspects;
  // per suggestion: sent (window over), viewed within the window, converted
  final int[] firstFigures = new int[3];
  final int[] secondFigures = new int[3];

  private final JdbcClient jdbc;
  private final List<String> suggestionIds = new ArrayList<>();

  private MessagingSeed(JdbcClient jdbc, SuggestedMessages suggestions, int windowHours) {
    this.jdbc = jdbc;
    SecureRandom random = new SecureRandom();
    this.tag = word(random);
    this.thin = word(random);
    this.prefix = "msg-seed-" + tag;
    Instant now = Instant.now();
    for (int d = 0; d < DISTRIBUTORS; d++) {
      String distributor = prefix + "-" + d;
      distributor(distributor, now);
      for (int p = 0; p < 2; p++) {
        String prospect = prospect(distributor, "BUSINESS_BUILDER", now);
        String share = share(prospect, PHRASE_ASSET, distributor, now.minus(Duration.ofDays(5)), null);
        boolean rose = (d + p) % 2 == 0;
        String note = "it was the " + tag + " voucher" + (d < THIN_DISTRIBUTORS ? " and the " + thin + " ribbon" : "");
        answer(share, prospect, distributor, rose ? 1 : 0, note, now);
        answer(share, prospect, distributor, -1, "it was a busy week", now);
        phraseDocuments++;
        phraseWithOutcome += rose ? 1 : 0;
        phraseProspects++;
      }
    }
    String seller = prefix + "-seller";
    distributor(seller, now);
    first = suggestions.add(MESSAGE_ASSET, new SuggestedMessages.Draft("SMS", "en", null, "Seed " + tag + " first: {link}"), "test").id();
    second = suggestions.add(MESSAGE_ASSET, new SuggestedMessages.Draft("SMS", "en", null, "Seed " + tag + " second: {link}"), "test").id();
    suggestionIds.add(first);
    suggestionIds.add(second);
    Instant sharedAt = now.minus(Duration.ofDays(10));
    for (int i = 0; i < 20; i++) {
      String suggestion = i % 2 == 0 ? first : second;
      int[] figures = i % 2 == 0 ? firstFigures : secondFigures;
      // viewed within the window (every third), after it (every fifth otherwise), or not at all
      Instant viewed = i % 3 == 0 ? sharedAt.plus(Duration.ofHours(3)) : i % 5 == 0 ? sharedAt.plus(Duration.ofHours(windowHours + 30L)) : null;
      String prospect = prospect(seller, "PRODUCT_CUSTOMER", now);
      String share = share(prospect, MESSAGE_ASSET, seller, sharedAt, viewed);
      jdbc.sql("INSERT INTO share_message (share_id, channel, suggestion_id, language, offered_text, sent_text, message_use, offered_at,"
              + " sent_at) VALUES (?, 'SMS', ?, 'en', 'x', 'x', ?, ?, ?)")
          .params(share, suggestion, i % 4 == 3 ? "EDITED" : "USED", Timestamp.from(sharedAt), Timestamp.from(sharedAt)).update();
      boolean bought = i % 4 == 0 || i == 7;
      if (bought) {
        Instant at = sharedAt.plus(Duration.ofDays(2));
        jdbc.sql("INSERT INTO touchpoint (id, idempotency_key, prospect_id, asset_id, share_id, kind, source, occurred_at, recorded_at,"
                + " journey_effect, sequence_number) VALUES (?, ?, ?, NULL, NULL, 'PURCHASED', ?, ?, ?, 'NONE', 1)")
            .params(UUID.randomUUID().toString(), prefix + ":sale:" + i, prospect, SOURCE, Timestamp.from(at), Timestamp.from(at)).update();
      }
      figures[0]++;
      figures[1] += viewed != null && !viewed.isAfter(sharedAt.plus(Duration.ofHours(windowHours))) ? 1 : 0;
      figures[2] += bought ? 1 : 0;
    }
    suggestions.rollOut(MESSAGE_ASSET, second, "test");
  }

  static MessagingSeed plant(JdbcClient jdbc, SuggestedMessages suggestions, int windowHours) {
    return new MessagingSeed(jdbc, suggestions, windowHours);
  }

  private static String word(SecureRandom random) {
    String letters = "bcdfghjkmnpqrtvwxz";
    StringBuilder word = new StringBuilder("zq");
    for (int i = 0; i < 7; i++) {
      word.append(letters.charAt(random.nextInt(letters.length())));
    }
    return word.toString();
  }

  private void distributor(String id, Instant at) {
    jdbc.sql("INSERT INTO distributor (id, first_name, last_name, email, phone, time_zone, sponsor_id, experienced, created_at)"
            + " VALUES (?, 'Seed', 'Distributor', ?, NULL, 'UTC', NULL, FALSE, ?)")
        .params(id, id + "@example.com", Timestamp.from(at)).update();
  }

  private String prospect(String distributor, String audience, Instant at) {
    String id = UUID.randomUUID().toString();
    jdbc.sql("INSERT INTO prospect (id, distributor_id, first_name, last_name, audience, personality, status, created_at, updated_at)"
            + " VALUES (?, ?, 'Seed', 'Prospect', ?, NULL, 'ACTIVE', ?, ?)")
        .params(id, distributor, audience, Timestamp.from(at), Timestamp.from(at)).update();
    return id;
  }

  private String share(String prospect, String asset, String distributor, Instant sharedAt, Instant viewedAt) {
    String id = UUID.randomUUID().toString();
    jdbc.sql("INSERT INTO asset_share (id, token, prospect_id, asset_id, distributor_id, channel, created_at, shared_at, first_viewed_at,"
            + " view_count) VALUES (?, ?, ?, ?, ?, 'SMS', ?, ?, ?, ?)")
        .params(id, UUID.randomUUID().toString(), prospect, asset, distributor, Timestamp.from(sharedAt), Timestamp.from(sharedAt),
            viewedAt == null ? null : Timestamp.from(viewedAt), viewedAt == null ? 0 : 1).update();
    return id;
  }

  private void answer(String share, String prospect, String distributor, int interest, String notes, Instant at) {
    Integer number = jdbc.sql("SELECT COUNT(*) + 1 FROM follow_up_answer WHERE prospect_id = ?").param(prospect).query(Integer.class).single();
    jdbc.sql("INSERT INTO follow_up_answer (id, share_id, prospect_id, distributor_id, interest_change, purchase_intent, close_estimate,"
            + " notes, answered_at, answer_number) VALUES (?, ?, ?, ?, ?, 'LOW', 20, ?, ?, ?)")
        .params(UUID.randomUUID().toString(), share, prospect, distributor, interest, notes, Timestamp.from(at), number).update();
  }

  /** The notes (documents) behind the filtered report and how many had rising interest, counted from the tables. */
  int[] noteTotals() {
    return jdbc.sql("SELECT COUNT(*), COALESCE(SUM(CASE WHEN f.interest_change > 0 THEN 1 ELSE 0 END), 0) FROM follow_up_answer f"
            + " JOIN asset_share s ON s.id = f.share_id JOIN prospect p ON p.id = f.prospect_id"
            + " WHERE f.notes IS NOT NULL AND s.asset_id = ? AND p.audience = 'BUSINESS_BUILDER'")
        .param(PHRASE_ASSET).query((rs, n) -> new int[] {rs.getInt(1), rs.getInt(2)}).single();
  }

  /**
   * The weighted log-odds ratio of Monroe, Colaresi and Quinn with the prior of a tenth of all documents at the pooled
   * share, and its z-score, for the seeded phrase: written out here from the paper's formulas.
   */
  double[] expectedEffectAndZ() {
    int[] totals = noteTotals();
    double n = totals[0];
    double with = totals[1];
    double without = n - with;
    double y1 = phraseWithOutcome;
    double y2 = phraseDocuments - phraseWithOutcome;
    double share = (phraseDocuments + 0.5) / (n + 1);
    double alpha = 0.1 * n * share;
    double alphaNot = 0.1 * n * (1 - share);
    double a = y1 + alpha;
    double b = with - y1 + alphaNot;
    double c = y2 + alpha;
    double e = without - y2 + alphaNot;
    double effect = Math.log(a / b) - Math.log(c / e);
    return new double[] {effect, effect / Math.sqrt(1 / a + 1 / b + 1 / c + 1 / e)};
  }

  void remove() {
    jdbc.sql("DELETE FROM share_message WHERE suggestion_id IN (?, ?)").params(first, second).update();
    jdbc.sql("DELETE FROM suggested_message WHERE id IN (?, ?)").params(first, second).update();
    jdbc.sql("DELETE FROM touchpoint WHERE source = ? AND idempotency_key LIKE ?").params(SOURCE, prefix + ":%").update();
    jdbc.sql("DELETE FROM follow_up_answer WHERE distributor_id LIKE ?").param(prefix + "-%").update();
    jdbc.sql("DELETE FROM asset_share WHERE distributor_id LIKE ?").param(prefix + "-%").update();
    jdbc.sql("DELETE FROM prospect WHERE distributor_id LIKE ?").param(prefix + "-%").update();
    jdbc.sql("DELETE FROM distributor WHERE id LIKE ?").param(prefix + "-%").update();
  }
}
