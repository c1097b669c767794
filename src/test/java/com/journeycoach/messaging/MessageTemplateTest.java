package com.journeycoach.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageTemplateTest {

  static final String LINK = "https://go.example.com/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

  @Test
  void placeholdersAreFilledInOnePass() {
    MessageTemplate template = new MessageTemplate("Hi {prospect}, {distributor} thought of you: \"{asset}\" {link}");
    // a value that looks like a placeholder stays as written
    assertThat(template.fill(new MessageTemplate.Values("{link}", "CWM $1 \\ {asset}", LINK, "Ana")))
        .isEqualTo("Hi {link}, Ana thought of you: \"CWM $1 \\ {asset}\" " + LINK);
    assertThat(template.fill(new MessageTemplate.Values(" ", "T", LINK, null))).startsWith("Hi there,  thought");
  }

  @Test
  void theEmailsHtmlEscapesEveryValueAndTheTemplatesOwnText() {
    MessageTemplate template = new MessageTemplate("<b>Hi</b> {prospect},\nsee \"{asset}\": {link}\n{distributor}");
    String html = template.html(new MessageTemplate.Values("<script>alert(1)</script>", "\"><img src=x onerror=alert(2)>",
        LINK, "Ana & Co"));
    assertThat(html).doesNotContain("<script", "<img", "<b>", "\"><")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;", "Ana &amp; Co",
            "&lt;b&gt;Hi&lt;/b&gt;", "<br>")
        .contains("<a href=\"" + LINK + "\">" + LINK + "</a>");
    // a link that is not a plain web address is text, never an anchor
    assertThat(template.html(new MessageTemplate.Values("x", "y", "javascript:alert(1)\" onclick=\"x", "z")))
        .doesNotContain("<a ").contains("javascript:alert(1)&quot; onclick=&quot;x");
  }

  @Test
  void badSuggestedMessagesAreRefusedNamingTheField() {
    assertThat(MessageTemplate.problems(Channel.SMS, null, "  ", "T", LINK)).containsExactly("text: must not be empty");
    assertThat(MessageTemplate.problems(Channel.SMS, null, "Hi {name}, {link}", "T", LINK))
        .containsExactly("text: unknown placeholder {name}; use {prospect}, {asset}, {link}, {distributor}");
    assertThat(MessageTemplate.problems(Channel.SMS, null, "Hi {prospect}", "T", LINK)).singleElement().asString()
        .startsWith("text: must contain {link}");
    assertThat(MessageTemplate.problems(Channel.EMAIL, "Line\nBcc: x@example.com", "Hi {link}", "T", LINK))
        .containsExactly("subject: must be one line");
    assertThat(MessageTemplate.problems(Channel.EMAIL, null, "Hi {link}", "T", LINK)).containsExactly("subject: an email needs a subject");
    assertThat(MessageTemplate.problems(Channel.SMS, "S", "Hi {link}", "T", LINK)).containsExactly("subject: only an email has a subject");
    assertThat(MessageTemplate.problems(Channel.SMS, null, "Hi\u0007 {link}", "T", LINK)).containsExactly("text: contains a control character");
  }

  /** Two segments: 306 GSM-7 characters, or 134 UCS-2 ones once a single character is outside GSM-7. */
  @Test
  void aTextMessageOverTwoSegmentsIsRefusedCountingGsm7AndUcs2() {
    String linkAndSpace = " {link}";
    int linkLength = LINK.length() + 1;
    String gsmFits = "a".repeat(306 - linkLength) + linkAndSpace;
    assertThat(MessageTemplate.problems(Channel.SMS, null, gsmFits, "T", LINK)).isEmpty();
    assertThat(MessageTemplate.problems(Channel.SMS, null, "a" + gsmFits, "T", LINK)).singleElement().asString()
        .startsWith("text: 3 SMS segments (307 GSM-7 characters)");
    // an extension character (€) takes two septets
    assertThat(MessageTemplate.problems(Channel.SMS, null, "€" + gsmFits.substring(1), "T", LINK)).hasSize(1);
    String ucsFits = "ç".repeat(134 - linkLength) + linkAndSpace;
    assertThat(MessageTemplate.problems(Channel.SMS, null, ucsFits, "T", LINK)).isEmpty();
    assertThat(MessageTemplate.problems(Channel.SMS, null, "ç" + ucsFits, "T", LINK)).singleElement().asString()
        .startsWith("text: 3 SMS segments (135 UCS-2 characters");
    // the placeholders count as filled: the asset's title, and names of 12 letters
    assertThat(MessageTemplate.problems(Channel.SMS, null, "{asset}" + linkAndSpace, "t".repeat(300), LINK)).hasSize(1);
    assertThat(SmsSegments.of("a".repeat(160)).segments()).isEqualTo(1);
    assertThat(SmsSegments.of("a".repeat(161)).segments()).isEqualTo(2);
    assertThat(SmsSegments.of("ç".repeat(70)).segments()).isEqualTo(1);
    assertThat(SmsSegments.of("ç".repeat(71)).segments()).isEqualTo(2);
    // an email is not counted in segments
    assertThat(MessageTemplate.problems(Channel.EMAIL, "S", "a".repeat(1000) + linkAndSpace, "T", LINK)).isEmpty();
  }
}
