package com.journeycoach.statistics.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The CSV downloads: quoted where RFC 4180 needs it, and no cell a spreadsheet would run as a formula. */
class CsvTest {

  @Test
  void quotesSeparatorsQuotesAndLineBreaks() {
    assertThat(Csv.write(List.of(List.of("name", "count"), List.of("Ruiz, Ana \"the best\"", 3L), List.of("two\nlines", 0.25))))
        .isEqualTo("name,count\r\n\"Ruiz, Ana \"\"the best\"\"\",3\r\n\"two\nlines\",0.2500\r\n");
  }

  @Test
  void aNameThatLooksLikeAFormulaStaysText() {
    assertThat(Csv.cell("=HYPERLINK(\"http://evil\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\"");
    assertThat(Csv.cell("+1 555")).isEqualTo("'+1 555");
    assertThat(Csv.cell("@sum")).isEqualTo("'@sum");
    assertThat(Csv.cell("-2")).isEqualTo("'-2");
    // numbers the table itself writes are numbers
    assertThat(Csv.cell(-2L)).isEqualTo("-2");
  }
}
