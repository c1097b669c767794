package com.journeycoach.messaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Follow-up notes of a simulated market with planted phrases of known effect on the log-odds of rising interest:
 * ten that raise it, five that lower it, five neutral ones; the rest of each note is filler words and stop words.
 * Distributors write about their own prospects. Same seed, same notes.
 */
final class SimulatedNotes {

  /** The planted phrases and their effect on the log-odds of rising interest. */
  static final Map<String, Double> RAISING = ordered(
      "free sample", 1.6, "asked about price", 1.4, "husband agrees", 1.3, "starter kit", 1.2, "energy boost", 1.1,
      "call tomorrow", 1.0, "great results", 1.0, "monthly subscription", 0.9, "friends joining", 0.9, "extra income", 0.8);
  static final Map<String, Double> LOWERING = ordered(
      "too expensive", -1.4, "busy schedule", -1.2, "skeptical", -1.0, "bad experience", -1.0, "pyramid scheme", -1.3);
  static final Map<String, Double> NEUTRAL = ordered(
      "weekend plans", 0.0, "coffee", 0.0, "video link", 0.0, "kids school", 0.0, "rainy day", 0.0);

  static final double BASE_LOG_ODDS = -0.6;
  static final double PLANTED_PROBABILITY = 0.07;
  static final double NEUTRAL_PROBABILITY = 0.12;

  private static final String[] STOP = {"the", "and", "she", "he", "was", "to", "of", "with", "that", "it", "is", "for"};
  private static final String[] SYLLABLES = {"ka", "lo", "mi", "ter", "su", "van", "po", "rin", "de", "gu", "sol", "ba"};

  record Note(String distributorId, String prospectId, String text, boolean interestRose) {
  }

  static List<Note> generate(long seed, int distributors, int prospectsEach, int notes) {
    UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    List<String> filler = new ArrayList<>();
    for (int i = 0; filler.size() < 400; i++) {
      String word = SYLLABLES[i % 12] + SYLLABLES[(i / 12) % 12] + SYLLABLES[(i / 144) % 12] + "x";
      filler.add(word);
    }
    List<Note> result = new ArrayList<>();
    for (int n = 0; n < notes; n++) {
      int distributor = random.nextInt(distributors);
      String prospectId = "p" + distributor + "-" + random.nextInt(prospectsEach);
      List<String> parts = new ArrayList<>();
      double logOdds = BASE_LOG_ODDS;
      for (Map<String, Double> planted : List.of(RAISING, LOWERING)) {
        for (Map.Entry<String, Double> phrase : planted.entrySet()) {
          if (random.nextDouble() < PLANTED_PROBABILITY) {
            parts.add(phrase.getKey());
            logOdds += phrase.getValue();
          }
        }
      }
      for (String phrase : NEUTRAL.keySet()) {
        if (random.nextDouble() < NEUTRAL_PROBABILITY) {
          parts.add(phrase);
        }
      }
      int words = 5 + random.nextInt(8);
      for (int w = 0; w < words; w++) {
        parts.add(random.nextInt(3) == 0 ? STOP[random.nextInt(STOP.length)] : filler.get(random.nextInt(filler.size())));
      }
      // shuffled, each phrase kept whole; stop words between them keep neighbours from forming planted phrases
      for (int i = parts.size() - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        String swap = parts.get(i);
        parts.set(i, parts.get(j));
        parts.set(j, swap);
      }
      boolean rose = random.nextDouble() < 1 / (1 + Math.exp(-logOdds));
      result.add(new Note("d" + distributor, prospectId, String.join(" ", parts) + ".", rose));
    }
    return result;
  }

  private static Map<String, Double> ordered(Object... pairs) {
    Map<String, Double> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], ((Number) pairs[i + 1]).doubleValue());
    }
    return map;
  }
}
