package com.journeycoach.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhraseAnalyzerTest {

  private final PhraseAnalyzer analyzer = new PhraseAnalyzer();

  @Test
  void englishNotesAreStemmedWithoutStopWords() {
    PhraseAnalyzer.Analysed note = analyzer.analyse("She asked about prices and loved the free samples", null);
    assertThat(note.language()).isEqualTo("en");
    assertThat(analyzer.analyse("He asks about price", "en").phrases()).containsKey("ask about price");
    assertThat(note.phrases()).containsKeys("ask about price", "free sampl", "love").doesNotContainKeys("the", "and",
        "price love");
    assertThat(note.phrases().get("free sampl")).isEqualTo("free samples");
  }

  /** A Spanish note goes through Spanish stemming and stop words: "muestras" and "muestra" are one phrase, "las" none. */
  @Test
  void spanishNotesAreAnalysedWithTheSpanishAnalyzer() {
    String note = "Le encantaron las muestras gratis y preguntó por el precio del kit";
    assertThat(analyzer.detect(note)).isEqualTo("es");
    PhraseAnalyzer.Analysed spanish = analyzer.analyse(note, null);
    assertThat(spanish.language()).isEqualTo("es");
    String samples = analyzer.analyse("muestras gratis", "es").phrases().keySet().stream().filter(k -> k.contains(" "))
        .findFirst().orElseThrow();
    assertThat(analyzer.analyse("una muestra gratis", "es").phrases()).containsKey(samples);
    assertThat(spanish.phrases()).containsKey(samples).doesNotContainKeys("las", "el", "por", "y", "del");
    assertThat(spanish.phrases().get(samples)).isEqualTo("muestras gratis");
    // the English analyzer would keep Spanish stop words as phrases
    assertThat(analyzer.analyse(note, "en").phrases()).containsKeys("del", "el", "por");
  }

  @Test
  void aMessagesOwnLanguageIsUsedWhenGiven() {
    assertThat(analyzer.analyse("the the the hola", "es").language()).isEqualTo("es");
    assertThat(analyzer.analyse("Hola, mira esto", "xx").language()).isEqualTo("es");
  }
}
