package com.journeycoach.messaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.StopwordAnalyzerBase;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.shingle.ShingleAnalyzerWrapper;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Turns a follow-up note or a message into its phrases of one to three words, through Lucene's analyzer of the
 * text's language (lower case, stop words out, words stemmed): "asked about the prices" and "asks about price"
 * are the same phrase "ask price". A phrase across a removed stop word ("price _ kit") is no phrase. Each phrase
 * keeps the words it was written with, to be shown as people wrote it.
 */
final class PhraseAnalyzer {

  /** A text's language and its distinct phrases: the stemmed key and the words as written. */
  record Analysed(String language, Map<String, String> phrases) {
  }

  private record Language(String code, StopwordAnalyzerBase analyzer, CharArraySet stopWords, Analyzer phrases) {
  }

  static final String DEFAULT_LANGUAGE = "en";

  private final Map<String, Language> languages = new LinkedHashMap<>();

  PhraseAnalyzer() {
    add("en", new EnglishAnalyzer(), EnglishAnalyzer.getDefaultStopSet());
    add("es", new SpanishAnalyzer(), SpanishAnalyzer.getDefaultStopSet());
    add("pt", new PortugueseAnalyzer(), PortugueseAnalyzer.getDefaultStopSet());
    add("fr", new FrenchAnalyzer(), FrenchAnalyzer.getDefaultStopSet());
    add("de", new GermanAnalyzer(), GermanAnalyzer.getDefaultStopSet());
    add("it", new ItalianAnalyzer(), ItalianAnalyzer.getDefaultStopSet());
  }

  private void add(String code, StopwordAnalyzerBase analyzer, CharArraySet stopWords) {
    // shingles of 2 and 3 words beside the single words; "_" fills a removed stop word's place
    languages.put(code, new Language(code, analyzer, stopWords, new ShingleAnalyzerWrapper(analyzer, 2, 3, " ", true, false, "_")));
  }

  /** The languages with an analyzer (ISO 639-1). */
  List<String> languages() {
    return List.copyOf(languages.keySet());
  }

  /** The language whose stop words the text uses most (a note is short, and stop words are most of it); ties: English. */
  String detect(String text) {
    String best = DEFAULT_LANGUAGE;
    int most = 0;
    String[] words = text.toLowerCase(Locale.ROOT).split("[^\\p{L}']+");
    for (Language language : languages.values()) {
      int count = 0;
      for (String word : words) {
        if (!word.isEmpty() && language.stopWords().contains(word)) {
          count++;
        }
      }
      if (count > most) {
        most = count;
        best = language.code();
      }
    }
    return best;
  }

  /** The analyzer a language uses; empty for a language without one. */
  Optional<Analyzer> analyzerOf(String language) {
    return Optional.ofNullable(languages.get(language)).map(Language::analyzer);
  }

  /** The text's phrases, analysed in the given language (or the detected one when null or without an analyzer). */
  Analysed analyse(String text, String language) {
    String code = language != null && languages.containsKey(language) ? language : detect(text);
    Map<String, String> phrases = new LinkedHashMap<>();
    try (TokenStream stream = languages.get(code).phrases().tokenStream("text", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        String key = term.toString();
        if (key.contains("_") || key.isBlank()) {
          continue;
        }
        String written = text.substring(offset.startOffset(), offset.endOffset()).toLowerCase(Locale.ROOT)
            .replaceAll("[^\\p{L}\\p{N}'’]+", " ").strip();
        phrases.putIfAbsent(key, written);
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Analysed(code, phrases);
  }
}
