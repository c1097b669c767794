package com.journeycoach.statistics.insights;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Tables as RFC 4180 CSV for spreadsheets. A text cell that a spreadsheet would take for a formula (it starts with
 * =, +, -, @, a tab or a carriage return) gets a leading apostrophe: a distributor's name is theirs to choose.
 */
final class Csv {

  private Csv() {
  }

  static String write(List<List<Object>> table) {
    return table.stream().map(row -> row.stream().map(Csv::cell).collect(Collectors.joining(",")))
        .collect(Collectors.joining("\r\n", "", "\r\n"));
  }

  static String cell(Object value) {
    String text;
    if (value instanceof Double number) {
      text = String.format(Locale.ROOT, "%.4f", number);
    } else if (value instanceof Number number) {
      text = number.toString();
    } else {
      text = String.valueOf(value);
      if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
        text = "'" + text;
      }
    }
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      return "\"" + text.replace("\"", "\"\"") + "\"";
    }
    return text;
  }
}
