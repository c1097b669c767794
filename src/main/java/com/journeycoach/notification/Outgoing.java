package com.journeycoach.notification;

/** One message to send: its ledger key, the address, and the rendered texts (an SMS has no subject and no HTML). */
public record Outgoing(String messageKey, Channel channel, String address, String subject, String text, String html,
                       String unsubscribeUrl) {
}
