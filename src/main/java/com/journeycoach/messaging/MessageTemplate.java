package com.journeycoach.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/**
 * A suggested message's text with its placeholders: {@code {prospect}} (the prospect's first name), {@code {asset}}
 * (the asset's title), {@code {link}} (the tracked link) and {@code {distributor}} (the distributor's first name).
 * Filled in one pass, so a value that looks like a placeholder stays as it is; in HTML every value and every
 * literal character is escaped, so neither a prospect's name nor a process owner's text can add markup.
 */
record MessageTemplate(String text) {

  static final List<String> PLACEHOLDERS = List.of("prospect", "asset", "link", "distributor");
  static final int MAX_SMS_SEGMENTS = 2;
  static final int MAX_LENGTH = 2000;
  static final int MAX_SUBJECT_LENGTH = 200;
  /** What the segments of a text message are counted with: names of 12 letters, the asset's title, a real link. */
  static final String NAME_STAND_IN = "Alexandrinas";

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

  /** The values of one message; null or blank names read as a greeting without a name. */
  record Values(String prospect, String asset, String link, String distributor) {

    Map<String, String> asMap() {
      return Map.of("prospect", blankAs(prospect, "there"), "asset", blankAs(asset, ""), "link", blankAs(link, ""),
          "distributor", blankAs(distributor, ""));
    }

    private static String blankAs(String value, String otherwise) {
      return value == null || value.isBlank() ? otherwise : value.strip();
    }
  }

  /** The plain text, for a text message or a mail app: the values as they are, in one pass. */
  String fill(Values values) {
    Map<String, String> map = values.asMap();
    return PLACEHOLDER.matcher(text).replaceAll(m -> Matcher.quoteReplacement(map.getOrDefault(m.group(1), m.group())));
  }

  /** The email's HTML body: literal text and values escaped, the link as an anchor, line breaks as {@code <br>}. */
  String html(Values values) {
    Map<String, String> map = values.asMap();
    StringBuilder html = new StringBuilder();
    Matcher matcher = PLACEHOLDER.matcher(text);
    int at = 0;
    while (matcher.find()) {
      html.append(escape(text.substring(at, matcher.start())));
      String name = matcher.group(1);
      String value = map.get(name);
      if (value == null) {
        html.append(escape(matcher.group()));
      } else if ("link".equals(name) && value.matches("https?://[^\\s\"'<>]+")) {
        html.append("<a href=\"").append(HtmlUtils.htmlEscape(value)).append("\">").append(HtmlUtils.htmlEscape(value)).append("</a>");
      } else {
        html.append(escape(value));
      }
      at = matcher.end();
    }
    html.append(escape(text.substring(at)));
    return html.toString();
  }

  private static String escape(String literal) {
    return HtmlUtils.htmlEscape(literal).replace("\r\n", "\n").replace("\n", "<br>");
  }

  /**
   * What is wrong with a suggested message, each naming its field: empty, too long, control characters,
   * unknown placeholders, no tracked link; a text message over {@value #MAX_SMS_SEGMENTS} segments as it
   * would be sent; an email subject with a line break.
   */
  static List<String> problems(Channel channel, String subject, String text, String assetTitle, String sampleLink) {
    List<String> problems = new ArrayList<>();
    if (text == null || text.isBlank()) {
      problems.add("text: must not be empty");
    } else {
      textProblems("text", text, MAX_LENGTH, problems);
      if (problems.isEmpty() && !text.contains("{link}")) {
        problems.add("text: must contain {link}, the tracked link that measures the view");
      }
      if (problems.isEmpty() && channel == Channel.SMS) {
        SmsSegments segments = SmsSegments.of(new MessageTemplate(text)
            .fill(new Values(NAME_STAND_IN, assetTitle, sampleLink, NAME_STAND_IN)));
        if (segments.segments() > MAX_SMS_SEGMENTS) {
          problems.add("text: " + segments.segments() + " SMS segments (" + segments.units() + " "
              + (segments.encoding() == SmsSegments.Encoding.GSM_7 ? "GSM-7 characters" : "UCS-2 characters, as a character"
              + " outside GSM-7 makes it") + ") with the asset's title, the link and names of 12 letters; at most "
              + MAX_SMS_SEGMENTS + " (306 GSM-7 or 134 UCS-2 characters)");
        }
      }
    }
    if (channel == Channel.EMAIL) {
      if (subject == null || subject.isBlank()) {
        problems.add("subject: an email needs a subject");
      } else {
        textProblems("subject", subject, MAX_SUBJECT_LENGTH, problems);
        if (subject.contains("\n") || subject.contains("\r")) {
          problems.add("subject: must be one line");
        }
      }
    } else if (subject != null && !subject.isEmpty()) {
      problems.add("subject: only an email has a subject");
    }
    return problems;
  }

  private static void textProblems(String field, String value, int maxLength, List<String> problems) {
    if (value.length() > maxLength) {
      problems.add(field + ": at most " + maxLength + " characters");
      return;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
        problems.add(field + ": contains a control character");
        return;
      }
      if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1)))) {
        if (!(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(value.charAt(i - 1)))) {
          problems.add(field + ": contains a broken character");
          return;
        }
      }
    }
    Matcher matcher = PLACEHOLDER.matcher(value);
    List<String> unknown = new ArrayList<>();
    while (matcher.find()) {
      if (!PLACEHOLDERS.contains(matcher.group(1))) {
        unknown.add(matcher.group());
      }
    }
    if (!unknown.isEmpty()) {
      problems.add(field + ": unknown placeholder " + String.join(", ", unknown) + "; use {prospect}, {asset}, {link},"
          + " {distributor}");
    }
  }
}
