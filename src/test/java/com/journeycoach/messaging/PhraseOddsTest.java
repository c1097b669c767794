package com.journeycoach.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PhraseOddsTest {

  private final PhraseAnalyzer analyzer = new PhraseAnalyzer();

  /**
   * "golden ticket" always comes before rising interest, but only 4 distributors use it (about 40 prospects):
   * with k = 5 it is hidden, with k = 4 it is reported first. "plain words" is used by everyone.
   */
  @Test
  void supportThresholdHidesAPhraseUsedByFewerThanKDistributors() {
    List<PhraseOdds.Document> documents = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      String distributor = "d" + (i % 20);
      String prospect = "p" + i;
      boolean golden = i % 20 < 4 && (i / 20) % 2 == 0;
      boolean rose = golden || i % 3 == 0;
      documents.add(document(distributor, prospect, rose, "plain words " + i + (golden ? " golden ticket" : "")));
    }
    assertThat(PhraseOdds.rank(documents, 5)).extracting(PhraseOdds.Phrase::key).doesNotContain("golden ticket", "golden", "ticket")
        .contains("plain word");
    List<PhraseOdds.Phrase> withFour = PhraseOdds.rank(documents, 4);
    assertThat(withFour.get(0).key()).isEqualTo("golden ticket");
    assertThat(withFour.get(0).distributors()).isEqualTo(4);
    assertThat(withFour.get(0).prospects()).isEqualTo(40);
  }

  /** Six distributors use "secret recipe", but all about the same three prospects: too few prospects for k = 5. */
  @Test
  void supportThresholdHidesAPhraseAboutFewerThanKProspects() {
    List<PhraseOdds.Document> documents = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      boolean secret = i < 60;
      String prospect = secret ? "p" + (i % 3) : "p" + i;
      documents.add(document("d" + (i % 6 + (secret ? 0 : 10)), prospect, secret || i % 2 == 0,
          "plain words " + i + (secret ? " secret recipe" : "")));
    }
    assertThat(PhraseOdds.rank(documents, 5)).extracting(PhraseOdds.Phrase::key).doesNotContain("secret recip");
    assertThat(PhraseOdds.rank(documents, 3)).extracting(PhraseOdds.Phrase::key).contains("secret recip");
  }

  /** A phrase as common with the outcome as without has an effect near zero; one only with it, a positive one. */
  @Test
  void effectAndZScoreFollowTheCounts() {
    List<PhraseOdds.Document> documents = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      boolean rose = i % 2 == 0;
      documents.add(document("d" + (i % 10), "p" + i, rose, "common thing " + i + (rose && i % 4 == 0 ? " special offer" : "")));
    }
    Map<String, PhraseOdds.Phrase> byKey = new java.util.HashMap<>();
    PhraseOdds.rank(documents, 5).forEach(p -> byKey.put(p.key(), p));
    assertThat(byKey.get("special offer").effect()).isGreaterThan(1);
    assertThat(byKey.get("special offer").z()).isGreaterThan(3);
    assertThat(byKey.get("special offer").withOutcome()).isEqualTo(50);
    // "common thing" is in every document, with the outcome as without it
    assertThat(byKey.get("common thing").z()).isBetween(-0.5, 0.5);
  }

  private PhraseOdds.Document document(String distributor, String prospect, boolean outcome, String text) {
    return new PhraseOdds.Document(distributor, prospect, outcome, analyzer.analyse(text, "en").phrases());
  }
}
