package com.journeycoach.notification;

import com.journeycoach.coaching.Nudge;
import com.journeycoach.coaching.Nudges;
import com.journeycoach.content.CatalogProperties;
import com.journeycoach.people.Distributor;
import com.journeycoach.people.Distributors;
import com.journeycoach.people.Prospect;
import com.journeycoach.people.Prospects;
import com.journeycoach.settings.Thresholds;
import com.journeycoach.system.EngineAsApplication;
import java.time.Clock;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.Optional;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The steps of {@code nudge-delivery}: plan (recipient, channel, opt-out, send window), record a
 * skip, and send exactly once through the send ledger.
 */
@Component("delivery")
public class Delivery {

  private static final Logger log = LoggerFactory.getLogger(Delivery.class);

  private final Nudges nudges;
  private final Clock clock;
  private final Distributors distributors;
  private final Prospects prospects;
  private final OptOuts optOuts;
  private final Thresholds thresholds;
  private final SendLedger ledger;
  private final Senders senders;
  private final MessageTemplates templates;
  private final NotificationProperties properties;
  private final CatalogProperties publicAddress;
  private final TaskService tasks;
  private final EngineAsApplication engine;
  private final JdbcClient jdbc;

  public Delivery(Nudges nudges, Distributors distributors, Prospects prospects, OptOuts optOuts, Thresholds thresholds,
                  SendLedger ledger, Senders senders, MessageTemplates templates, NotificationProperties properties,
                  CatalogProperties publicAddress, TaskService tasks, EngineAsApplication engine, JdbcClient jdbc, Clock clock) {
    this.clock = clock;
    this.nudges = nudges;
    this.distributors = distributors;
    this.prospects = prospects;
    this.optOuts = optOuts;
    this.thresholds = thresholds;
    this.ledger = ledger;
    this.senders = senders;
    this.templates = templates;
    this.properties = properties;
    this.publicAddress = publicAddress;
    this.tasks = tasks;
    this.engine = engine;
    this.jdbc = jdbc;
  }

  /** "Plan delivery": sets {@code deliverable}, {@code skipReason}, {@code channel}, {@code waitUntil}. */
  public void plan(DelegateExecution execution) {
    Nudge nudge = nudge(execution);
    Optional<Recipient> recipient = recipientOf(nudge);
    String skipReason = null;
    Channel channel = null;
    if (nudge.audience() == Nudge.Audience.MANAGER) {
      skipReason = "managers read their nudges in Journey Coach; no reminder is sent to the group";
    } else if (recipient.isEmpty()) {
      skipReason = "no distributor '" + nudge.recipientId() + "' to reach";
    } else if ((channel = recipient.get().channel()) == null) {
      skipReason = "no phone number or email address on file";
    } else if (optOuts.isOptedOut(recipient.get().address(channel), channel)) {
      skipReason = "opted out of " + channel;
    }
    execution.setVariable(NudgeDelivery.DELIVERABLE, skipReason == null);
    execution.setVariable(NudgeDelivery.SKIP_REASON, skipReason);
    execution.setVariable(NudgeDelivery.CHANNEL, channel == null ? null : channel.name());
    Date waitUntil = null;
    if (skipReason != null) {
      log.info("Nudge {} is not delivered: {}", nudge.id(), skipReason);
    } else if (channel == Channel.SMS || properties.emailFollowsQuietHours()) {
      // the engine's clock, so tests can stand at 23:00
      Instant now = clock.instant();
      Instant sendAt = QuietHours.nextSendTime(now, recipient.get().zone(),
          thresholds.number("notification.window.start-hour").intValue(), thresholds.number("notification.window.end-hour").intValue());
      waitUntil = sendAt.isAfter(now) ? Date.from(sendAt) : null;
    }
    execution.setVariable(NudgeDelivery.WAIT_UNTIL, waitUntil);
    execution.setVariable(NudgeDelivery.IN_SEND_WINDOW, waitUntil == null);
  }

  /** "Record skip": the nudge stays, with why it was not sent. */
  public void skip(DelegateExecution execution) {
    String nudgeId = (String) execution.getVariable(NudgeDelivery.NUDGE_ID);
    if (jdbc.sql("SELECT COUNT(*) FROM nudge_skip WHERE nudge_id = ?").param(nudgeId).query(Integer.class).single() == 0) {
      jdbc.sql("INSERT INTO nudge_skip (nudge_id, reason, skipped_at) VALUES (?, ?, ?)")
          .params(nudgeId, execution.getVariable(NudgeDelivery.SKIP_REASON), Timestamp.from(clock.instant())).update();
    }
  }

  /**
   * "Send nudge" (asynchronous, retried): exactly once per nudge and channel. An entry already SENT
   * is not sent again; an attempt of unknown outcome is first looked up at the provider.
   */
  public void send(DelegateExecution execution) {
    Nudge nudge = nudge(execution);
    Channel channel = Channel.valueOf((String) execution.getVariable(NudgeDelivery.CHANNEL));
    Recipient recipient = recipientOf(nudge).orElseThrow(() -> new IllegalStateException("recipient vanished: " + nudge.recipientId()));
    String address = recipient.address(channel);
    if (optOuts.isOptedOut(address, channel)) {
      // opted out while the message waited for the morning
      execution.setVariable(NudgeDelivery.SKIP_REASON, "opted out of " + channel);
      skip(execution);
      return;
    }
    String prospectName = nudge.prospectId() == null ? null
        : prospects.find(nudge.prospectId()).map(Prospect::fullName).orElse(null);
    String link = taskLink(nudge);
    String body = templates.sms(nudge.messageKey(), recipient.firstName(), prospectName, link);
    SendLedger.Entry entry = ledger.prepare(nudge.id(), channel, address, body);
    if (entry.status() == SendLedger.Status.SENT) {
      return;
    }
    Sender sender = senders.of(channel);
    String unsubscribeUrl = publicAddress.trackedLinkBaseUrl() + "/unsubscribe/" + entry.unsubscribeToken();
    // the SMS text is the ledger's (fixed at the first try); email adds the unsubscribe line, a subject and HTML
    Outgoing message = channel == Channel.SMS
        ? new Outgoing(entry.messageKey(), channel, address, null, entry.body(), null, unsubscribeUrl)
        : new Outgoing(entry.messageKey(), channel, address, templates.subject(nudge.messageKey(), recipient.firstName(), prospectName),
            templates.emailText(nudge.messageKey(), recipient.firstName(), prospectName, link, unsubscribeUrl),
            templates.emailHtml(nudge.messageKey(), recipient.firstName(), prospectName, link, unsubscribeUrl), unsubscribeUrl);
    if (entry.status() == SendLedger.Status.ATTEMPTING) {
      // Twilio may hold the message in any state, queued ones too. Another nudge may have sent the
      // same text to the same number: a message another entry holds is not this one's. (A unique
      // provider id in the ledger settles two retries racing.)
      Optional<String> already = sender.findSent(message, entry.attemptedAt()).stream()
          .filter(providerId -> !ledger.heldByAnother(providerId, entry.messageKey()))
          .findFirst();
      if (already.isPresent()) {
        if (!ledger.sent(entry.lastAttempt(), already.get())) {
          throw takenOver(entry);
        }
        return;
      }
    }
    // compare-and-set: a worker that lost its job lock finds the row changed and does not send
    SendLedger.Attempt attempt = ledger.attempting(entry).orElseThrow(() -> takenOver(entry));
    String providerId;
    try {
      providerId = sender.send(message);
    } catch (ProviderException e) {
      if (e.surelyNotSent()) {
        ledger.failed(attempt, e.getMessage());
      } else {
        ledger.unknownOutcome(attempt, e.getMessage());
      }
      throw e;
    }
    if (!ledger.sent(attempt, providerId)) {
      // sent, but a later attempt owns the row now (this send outlasted the job's lock): that attempt
      // finds this message at the provider, or has sent its own
      log.warn("Message {} went out as {} after another attempt took its ledger entry over", entry.messageKey(), providerId);
      throw takenOver(entry);
    }
  }

  private static IllegalStateException takenOver(SendLedger.Entry seen) {
    return new IllegalStateException("Send ledger entry " + seen.messageKey() + " changed since this attempt read it ("
        + seen.status() + ", " + seen.attempts() + " attempts): another worker has taken the message over, so this one"
        + " does not send (its job lock has probably expired)");
  }

  private Nudge nudge(DelegateExecution execution) {
    String nudgeId = (String) execution.getVariable(NudgeDelivery.NUDGE_ID);
    return nudges.find(nudgeId).orElseThrow(() -> new IllegalStateException("No nudge " + nudgeId));
  }

  private Optional<Recipient> recipientOf(Nudge nudge) {
    return distributors.find(nudge.recipientId()).map(Delivery::recipient);
  }

  private static Recipient recipient(Distributor distributor) {
    Channel preferred = "EMAIL".equals(distributor.preferredChannel()) ? Channel.EMAIL : Channel.SMS;
    return new Recipient(distributor.firstName(), distributor.phone(), distributor.email(),
        ZoneId.of(distributor.timeZone()), preferred);
  }

  /** The recipient's open task for that prospect in Tasklist, else their Tasklist. */
  private String taskLink(Nudge nudge) {
    String tasklist = publicAddress.trackedLinkBaseUrl() + "/camunda/app/tasklist/default/";
    if (nudge.prospectId() == null) {
      return tasklist;
    }
    Task task = engine.call(() -> tasks.createTaskQuery().processInstanceBusinessKey(nudge.prospectId())
        .taskAssignee(nudge.recipientId()).active().list().stream().findFirst().orElse(null));
    return task == null ? tasklist : tasklist + "#/?task=" + task.getId();
  }
}
