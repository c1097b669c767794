package com.journeycoach.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MessageTemplatesTest {

  static final String LONG_NAME = "Maximilian-Alexander von Hohenberg-Schwarzenfeld";
  static final String LINK = "https://coach.example-health-company.com/camunda/app/tasklist/default/#/?task=0f8fad5b-d9cb-469f-a165-70867728950e";

  final MessageTemplates templates = new MessageTemplates();

  /** Every message key a rule can decide, read from the DRL files. */
  static Set<String> messageKeysInRules() throws IOException {
    Set<String> keys = new TreeSet<>();
    // the message key argument of each decision: "coaching.xxx", then the priority
    Pattern key = Pattern.compile("\"(coaching\\.[a-z0-9.-]+?)\"\\s*,\\s*\\d");
    try (Stream<Path> files = Files.list(Path.of("rules"))) {
      for (Path drl : files.filter(p -> p.toString().endsWith(".drl")).toList()) {
        Matcher m = key.matcher(Files.readString(drl));
        while (m.find()) {
          if (!m.group(1).endsWith(".")) {
            keys.add(m.group(1));
          }
        }
      }
    }
    return keys;
  }

  @Test
  void everyRuleMessageHasItsOwnTextWithinTwoSmsSegmentsEvenWithLongNames() throws IOException {
    Set<String> keys = messageKeysInRules();
    assertThat(keys).contains("coaching.follow-up-now", "coaching.sponsor.enrollee-stalled");
    for (String key : keys) {
      String sms = templates.sms(key, LONG_NAME, LONG_NAME, LINK);
      assertThat(sms).as(key).doesNotContain("new coaching tip").hasSizeLessThanOrEqualTo(MessageTemplates.MAX_SMS_LENGTH)
          .contains(LINK);
      assertThat(templates.subject(key, "Dana", "Pat")).as(key).isNotBlank().doesNotContain("{");
    }
  }

  @Test
  void aKeyWithADetailUsesTheTextOfItsFamily() {
    assertThat(templates.sms("coaching.product-training.CWM", "Dana", null, LINK)).contains("training");
  }

  @Test
  void anUnknownKeyFallsBackToTheGeneralText() {
    assertThat(templates.sms("coaching.never-heard-of", "Dana", null, LINK)).startsWith("Hi Dana, you have a new coaching tip");
  }

  @Test
  void theHtmlPartEscapesNames() {
    assertThat(templates.emailHtml("coaching.follow-up-now", "Dana", "<script>x</script>", LINK, "https://u"))
        .doesNotContain("<script>").contains("&lt;script&gt;", "href=\"https://u\"");
  }

  @Test
  void aDigestsLongListIsCutInAnSmsButItsLinkStays() {
    String listing = "Struggling: " + String.join(", ", java.util.Collections.nCopies(20, LONG_NAME)) + ".";
    for (String key : java.util.List.of("digest.sponsor", "digest.manager")) {
      String sms = templates.sms(key, new MessageTemplates.Names(LONG_NAME, null, null, listing), LINK);
      assertThat(sms).as(key).hasSizeLessThanOrEqualTo(MessageTemplates.MAX_SMS_LENGTH).endsWith(LINK).contains("Struggling: ")
          .doesNotContain("{", "new coaching tip");
      assertThat(templates.emailText(key, new MessageTemplates.Names("Dana", null, null, listing), LINK, "https://u"))
          .as("email lists everyone").contains(listing, LINK);
      assertThat(templates.subject(key, "Dana", null)).as(key).isNotBlank().doesNotContain("{");
    }
  }
}
