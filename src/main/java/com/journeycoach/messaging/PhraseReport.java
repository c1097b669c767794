package com.journeycoach.messaging;

import com.journeycoach.content.Catalog;
import com.journeycoach.settings.Thresholds;
import com.journeycoach.system.InvalidInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The phrases of follow-up notes and of the messages distributors sent that come before an outcome, per asset and
 * segment (the prospect's audience), ranked by {@link PhraseOdds} with the minimum support of the threshold
 * {@value #MIN_SUPPORT}. A note is analysed in its own language (detected), a message in its suggestion's.
 */
@Service
public class PhraseReport {

  static final String MIN_SUPPORT = "messaging.phrase-min-support";

  /** What came after the note or message: the interest rose, the stated intent was medium or high, a purchase or enrollment. */
  public enum Outcome { INTEREST, INTENT, CONVERSION }

  /** Where the phrases come from. */
  public enum Source { NOTES, MESSAGES, ALL }

  /** The report: what it was asked for, the documents behind it and the support each phrase needed. */
  public record Report(Outcome outcome, String assetId, String segment, Source source, int documents, int withOutcome,
                       int minSupport, List<PhraseOdds.Phrase> raising, List<PhraseOdds.Phrase> lowering) {
  }

  private static final Pattern LINK = Pattern.compile("https?://\\S+");
  private static final String CONVERTED = "CASE WHEN EXISTS (SELECT 1 FROM journey_touchpoint t WHERE t.prospect_id = s.prospect_id"
      + " AND t.kind IN ('PURCHASED', 'ENROLLED') AND t.occurred_at >= s.created_at) THEN 1 ELSE 0 END";

  private final JdbcClient jdbc;
  private final Thresholds thresholds;
  private final Catalog catalog;
  private final PhraseAnalyzer analyzer = new PhraseAnalyzer();

  public PhraseReport(JdbcClient jdbc, Thresholds thresholds, Catalog catalog) {
    this.jdbc = jdbc;
    this.catalog = catalog;
    this.thresholds = thresholds;
  }

  public Report report(Outcome outcome, String assetId, String segment, Source source, int limit) {
    if (limit < 1 || limit > 200) {
      throw new InvalidInputException("limit must be from 1 to 200", List.of("limit: from 1 to 200"));
    }
    if (assetId != null) {
      catalog.get(assetId);
    }
    int minSupport = thresholds.number(MIN_SUPPORT).intValue();
    List<PhraseOdds.Document> documents = new ArrayList<>();
    String filter = (assetId == null ? "" : " AND s.asset_id = ?") + (segment == null ? "" : " AND p.audience = ?");
    List<Object> params = new ArrayList<>();
    if (assetId != null) {
      params.add(assetId);
    }
    if (segment != null) {
      params.add(segment);
    }
    if (source != Source.MESSAGES) {
      jdbc.sql("SELECT f.notes, f.distributor_id, f.prospect_id, f.interest_change, f.purchase_intent, " + CONVERTED
              + " FROM journey_follow_up_answer f JOIN content_asset_share s ON s.id = f.share_id"
              + " JOIN people_prospect p ON p.id = f.prospect_id WHERE f.notes IS NOT NULL" + filter)
          .params(params).query(rs -> {
            documents.add(new PhraseOdds.Document(rs.getString(2), rs.getString(3),
                happened(outcome, rs.getInt(4), rs.getString(5), rs.getInt(6)), analyzer.analyse(rs.getString(1), null).phrases()));
          });
    }
    if (source != Source.NOTES) {
      // the message's answer is the follow-up of its share, if any; the link and the prospect's name are no phrases
      jdbc.sql("SELECT m.sent_text, m.language, s.distributor_id, s.prospect_id, p.first_name,"
              + " (SELECT MAX(f.interest_change) FROM journey_follow_up_answer f WHERE f.share_id = s.id),"
              + " (SELECT COUNT(*) FROM journey_follow_up_answer f WHERE f.share_id = s.id"
              + " AND f.purchase_intent IN ('MEDIUM', 'HIGH')), " + CONVERTED
              + " FROM share_message m JOIN content_asset_share s ON s.id = m.share_id"
              + " JOIN people_prospect p ON p.id = s.prospect_id WHERE m.sent_text IS NOT NULL" + filter)
          .params(params).query(rs -> {
            String text = LINK.matcher(rs.getString(1)).replaceAll(" ");
            String name = rs.getString(5);
            if (name != null && !name.isBlank()) {
              text = Pattern.compile("(?iu)\\b" + Pattern.quote(name.strip()) + "\\b").matcher(text).replaceAll(" ");
            }
            Integer interest = (Integer) rs.getObject(6, Integer.class);
            documents.add(new PhraseOdds.Document(rs.getString(3), rs.getString(4),
                happened(outcome, interest == null ? 0 : interest, rs.getInt(7) > 0 ? "HIGH" : "NONE", rs.getInt(8)),
                analyzer.analyse(text, rs.getString(2)).phrases()));
          });
    }
    List<PhraseOdds.Phrase> ranked = PhraseOdds.rank(documents, minSupport);
    List<PhraseOdds.Phrase> raising = ranked.stream().filter(p -> p.effect() > 0).limit(limit).toList();
    List<PhraseOdds.Phrase> reversed = new ArrayList<>(ranked);
    Collections.reverse(reversed);
    List<PhraseOdds.Phrase> lowering = reversed.stream().filter(p -> p.effect() < 0).limit(limit).toList();
    int withOutcome = (int) documents.stream().filter(PhraseOdds.Document::outcome).count();
    return new Report(outcome, assetId, segment, source, documents.size(), withOutcome, minSupport, raising, lowering);
  }

  private static boolean happened(Outcome outcome, int interestChange, String intent, int converted) {
    return switch (outcome) {
      case INTEREST -> interestChange > 0;
      case INTENT -> intent != null && (intent.toUpperCase(Locale.ROOT).equals("MEDIUM") || intent.toUpperCase(Locale.ROOT).equals("HIGH"));
      case CONVERSION -> converted == 1;
    };
  }
}
