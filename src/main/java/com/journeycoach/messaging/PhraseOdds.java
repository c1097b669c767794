package com.journeycoach.messaging;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which phrases come with an outcome (rising interest, stated intent, conversion) more than without it: the
 * weighted log-odds ratio with an informative Dirichlet prior of Monroe, Colaresi and Quinn (2008, "Fightin'
 * Words", eq. 15 to 20), over the documents (notes, messages) with and without the phrase in each group, the
 * prior being the pooled share of documents with the phrase at the weight of a tenth of all documents. A phrase
 * counts once per document, so a long note does not weigh more. Only phrases used by at least {@code minSupport}
 * distributors about at least {@code minSupport} prospects are reported, so no one person's note surfaces; a
 * phrase that mostly occurs inside a longer reported one is left to the longer one.
 */
public final class PhraseOdds {

  /** The prior's weight, as a share of all documents: α0 = PRIOR_SHARE · N. */
  static final double PRIOR_SHARE = 0.1;
  /** A shorter phrase is left out when a longer reported phrase holds at least this share of its documents. */
  static final double SUBSUMED_SHARE = 0.8;

  /** One note or message: who wrote it about whom, whether the outcome followed, and its distinct phrases. */
  record Document(String distributorId, String prospectId, boolean outcome, Map<String, String> phrases) {
  }

  /**
   * A reported phrase: as written, its stemmed key, the log-odds ratio (effect) and its z-score, the documents
   * with it (and how many of them had the outcome), and how many distributors and prospects it was used by/about.
   */
  public record Phrase(String phrase, String key, double effect, double z, int documents, int withOutcome, int distributors,
                int prospects) {
  }

  private static final class Counts {
    int withOutcome;
    int without;
    final Set<String> distributors = new HashSet<>();
    final Set<String> prospects = new HashSet<>();
    final Map<String, Integer> written = new HashMap<>();
  }

  /** The supported phrases, most associated with the outcome first (by z-score). */
  static List<Phrase> rank(List<Document> documents, int minSupport) {
    Map<String, Counts> counts = new HashMap<>();
    long documentsWith = documents.stream().filter(Document::outcome).count();
    long documentsWithout = documents.size() - documentsWith;
    for (Document document : documents) {
      for (Map.Entry<String, String> phrase : document.phrases().entrySet()) {
        Counts c = counts.computeIfAbsent(phrase.getKey(), k -> new Counts());
        if (document.outcome()) {
          c.withOutcome++;
        } else {
          c.without++;
        }
        c.distributors.add(document.distributorId());
        c.prospects.add(document.prospectId());
        c.written.merge(phrase.getValue(), 1, Integer::sum);
      }
    }
    double priorWeight = PRIOR_SHARE * documents.size();
    List<Phrase> ranked = new ArrayList<>();
    for (Map.Entry<String, Counts> entry : counts.entrySet()) {
      Counts c = entry.getValue();
      if (c.distributors.size() < minSupport || c.prospects.size() < minSupport) {
        continue;
      }
      // the Dirichlet over "with the phrase" and "without": pseudo-counts from the pooled share of documents
      double pooled = (c.withOutcome + c.without + 0.5) / (documents.size() + 1.0);
      double priorWith = priorWeight * pooled;
      double priorWithout = priorWeight * (1 - pooled);
      double inOutcome = c.withOutcome + priorWith;
      double notInOutcome = documentsWith - c.withOutcome + priorWithout;
      double inOther = c.without + priorWith;
      double notInOther = documentsWithout - c.without + priorWithout;
      double effect = Math.log(inOutcome / notInOutcome) - Math.log(inOther / notInOther);
      double z = effect / Math.sqrt(1 / inOutcome + 1 / notInOutcome + 1 / inOther + 1 / notInOther);
      String written = c.written.entrySet().stream()
          .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
          .orElseThrow().getKey();
      ranked.add(new Phrase(written, entry.getKey(), effect, z, c.withOutcome + c.without, c.withOutcome,
          c.distributors.size(), c.prospects.size()));
    }
    ranked.sort(Comparator.comparingDouble(Phrase::z).reversed().thenComparing(Phrase::key));
    return withoutSubsumed(ranked);
  }

  private static List<Phrase> withoutSubsumed(List<Phrase> ranked) {
    // for each phrase inside a longer reported one, the most documents of a longer one holding it
    Map<String, Integer> insideLonger = new HashMap<>();
    for (Phrase phrase : ranked) {
      String[] words = phrase.key().split(" ");
      for (int from = 0; from < words.length; from++) {
        for (int to = from + 1; to <= words.length; to++) {
          if (to - from < words.length) {
            insideLonger.merge(String.join(" ", java.util.Arrays.copyOfRange(words, from, to)), phrase.documents(), Math::max);
          }
        }
      }
    }
    return ranked.stream()
        .filter(phrase -> insideLonger.getOrDefault(phrase.key(), 0) < SUBSUMED_SHARE * phrase.documents())
        .toList();
  }
}
