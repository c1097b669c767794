package com.journeycoach.notification;

import java.time.ZoneId;

/** How to reach a person: the first name for the greeting, a phone (E.164) and an email, their time zone and channel. */
record Recipient(String firstName, String phone, String email, ZoneId zone, Channel preferred) {

  /** The channel to use: the preferred one when it has an address, else email, else SMS; null when there is none. */
  Channel channel() {
    if (preferred == Channel.SMS && phone != null) {
      return Channel.SMS;
    }
    if (email != null) {
      return Channel.EMAIL;
    }
    return phone != null ? Channel.SMS : null;
  }

  String address(Channel channel) {
    return channel == Channel.SMS ? phone : email;
  }
}
