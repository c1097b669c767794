package com.journeycoach.messaging;

/** The channel a suggested message is written for: a text message (also sent through messengers) or an email. */
public enum Channel { SMS, EMAIL }
