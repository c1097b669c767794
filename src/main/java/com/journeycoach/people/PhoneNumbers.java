package com.journeycoach.people;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.journeycoach.system.InvalidInputException;
import java.util.List;
import java.util.Optional;

/** Phone numbers checked and normalised to E.164 when a person is registered, not when a reminder fires. */
public final class PhoneNumbers {

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  private PhoneNumbers() {
  }

  /** The E.164 form of a number written with its country code (+1 555 ...), or a 400 problem naming the field. */
  public static Optional<String> normalise(String field, String number) {
    if (number == null || number.isBlank()) {
      return Optional.empty();
    }
    try {
      Phonenumber.PhoneNumber parsed = UTIL.parse(number, null);
      if (!UTIL.isValidNumber(parsed)) {
        throw invalid(field, number);
      }
      return Optional.of(UTIL.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164));
    } catch (NumberParseException e) {
      throw invalid(field, number);
    }
  }

  /** The time zone a number points to, when it points to exactly one. */
  public static Optional<String> timeZoneOf(String e164) {
    try {
      List<String> zones = PhoneNumberToTimeZonesMapper.getInstance().getTimeZonesForNumber(UTIL.parse(e164, null));
      return zones.size() == 1 && !zones.get(0).equals(PhoneNumberToTimeZonesMapper.getUnknownTimeZone())
          ? Optional.of(zones.get(0)) : Optional.empty();
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }

  private static InvalidInputException invalid(String field, String number) {
    return new InvalidInputException("'" + number + "' is not a valid phone number; write it with its country code, e.g. +1 415 555 0100",
        List.of(field + ": not a valid phone number"));
  }
}
