package com.journeycoach.messaging;

/**
 * How many SMS segments a text takes (3GPP TS 23.038): in the GSM 7-bit alphabet 160 septets fit one
 * message and 153 each segment of a longer one (the characters of the extension table take two septets); a
 * text with any other character goes as UCS-2, 70 UTF-16 units in one message, 67 a segment.
 */
record SmsSegments(Encoding encoding, int units, int segments) {

  enum Encoding { GSM_7, UCS_2 }

  private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
      + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  private static final String EXTENSION = "^{}\\[~]|€\f";

  static SmsSegments of(String text) {
    int septets = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (BASIC.indexOf(c) >= 0) {
        septets++;
      } else if (EXTENSION.indexOf(c) >= 0) {
        septets += 2;
      } else {
        int units = text.length();
        return new SmsSegments(Encoding.UCS_2, units, count(units, 70, 67));
      }
    }
    return new SmsSegments(Encoding.GSM_7, septets, count(septets, 160, 153));
  }

  private static int count(int units, int single, int perSegment) {
    return units <= single ? 1 : (units + perSegment - 1) / perSegment;
  }
}
