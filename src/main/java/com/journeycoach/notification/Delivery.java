package com.journeycoach.notification;

import com.journeycoach.coaching.Nudge;
import com.journeycoach.coaching.Nudges;
import com.journeycoach.content.CatalogProperties;
import com.journeycoach.people.Distributor;
import com.journeycoach.people.Distributors;
import com.journeycoach.people.Managers;
import com.journeycoach.people.PasswordLinks;
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
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The steps of {@code nudge-delivery}: plan (recipient, channel, opt-out, send window), record a
 * skip, and send exactly once through the send ledger. A delivery goes to one person: the nudge's
 * recipient, or for a nudge to the managers the member named by the variable {@code recipientId}.
 */
@Component("delivery")
public class Delivery {

  private static final Logger log = LoggerFactory.getLogger(Delivery.class);

  /**
   * Where a welcome's link to set a password goes, in the text the ledger keeps: the link itself is made
   * just before each send and stored nowhere but as a hash ({@link PasswordLinks}).
   */
  static final String WELCOME_LINK_SLOT = "[your link to set a password]";
  static final String WELCOME_WITH_LINK = "coaching.welcome.set-password";
  /** Cockpit's Insights page, where a manager's digest leads. */
  static final String INSIGHTS = "/camunda/app/cockpit/default/#/insights";

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
  private final Managers managers;
  private final PasswordLinks passwordLinks;

  public Delivery(Nudges nudges, Distributors distributors, Prospects prospects, OptOuts optOuts, Thresholds thresholds,
                  SendLedger ledger, Senders senders, MessageTemplates templates, NotificationProperties properties,
                  CatalogProperties publicAddress, TaskService tasks, EngineAsApplication engine, JdbcClient jdbc, Clock clock,
                  Managers managers, PasswordLinks passwordLinks) {
    this.managers = managers;
    this.passwordLinks = passwordLinks;
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

  /**
   * "Plan delivery": {@code channel}, stored for the send; {@code deliverable}, {@code skipReason} and {@code waitUntil}
   * (now when the send window is open) as transient variables, which the gateway, "Record skip" and the timer read in
   * this same transaction: never written to the runtime or history tables, a third of a delivery's rows.
   */
  public void plan(DelegateExecution execution) {
    Nudge nudge = nudge(execution);
    String personId = personOf(execution, nudge);
    Optional<Recipient> recipient = recipientOf(nudge, personId);
    String skipReason = null;
    Channel channel = null;
    if (recipient.isEmpty()) {
      skipReason = nudge.audience() == Nudge.Audience.MANAGER ? "no manager '" + personId + "' to reach"
          : "no distributor '" + personId + "' to reach";
    } else if ((channel = recipient.get().channel()) == null) {
      skipReason = "no phone number or email address on file";
    } else if (optOuts.isOptedOut(recipient.get().address(channel), channel)) {
      skipReason = "opted out of " + channel;
    }
    execution.setVariable(NudgeDelivery.DELIVERABLE, Variables.booleanValue(skipReason == null, true));
    execution.setVariable(NudgeDelivery.SKIP_REASON, Variables.stringValue(skipReason, true));
    Date waitUntil = null;
    if (skipReason != null) {
      log.info("Nudge {} is not delivered to {}: {}", nudge.id(), personId, skipReason);
    } else {
      execution.setVariable(NudgeDelivery.CHANNEL, channel.name());
      // the engine's clock, so tests can stand at 23:00
      Instant now = clock.instant();
      Instant sendAt = channel == Channel.SMS || properties.emailFollowsQuietHours()
          ? QuietHours.nextSendTime(now, recipient.get().zone(), thresholds.number("notification.window.start-hour").intValue(),
              thresholds.number("notification.window.end-hour").intValue())
          : now;
      waitUntil = Date.from(sendAt.isAfter(now) ? sendAt : now);
    }
    execution.setVariable(NudgeDelivery.WAIT_UNTIL, Variables.dateValue(waitUntil, true));
  }

  /** "Record skip": the nudge stays, with why it was not sent to this person. */
  public void skip(DelegateExecution execution) {
    Nudge nudge = nudge(execution);
    String personId = personOf(execution, nudge);
    if (jdbc.sql("SELECT COUNT(*) FROM nudge_skip WHERE nudge_id = ? AND recipient_id = ?").params(nudge.id(), personId)
        .query(Integer.class).single() == 0) {
      jdbc.sql("INSERT INTO nudge_skip (nudge_id, recipient_id, reason, skipped_at) VALUES (?, ?, ?, ?)")
          .params(nudge.id(), personId, execution.getVariable(NudgeDelivery.SKIP_REASON), Timestamp.from(clock.instant()))
          .update();
    }
  }

  /**
   * "Send nudge" (asynchronous, retried): exactly once per nudge and channel. An entry already SENT
   * is not sent again; an attempt of unknown outcome is first looked up at the provider.
   */
  public void send(DelegateExecution execution) {
    Nudge nudge = nudge(execution);
    String personId = personOf(execution, nudge);
    String memberId = (String) execution.getVariable(NudgeDelivery.RECIPIENT_ID);
    Channel channel = Channel.valueOf((String) execution.getVariable(NudgeDelivery.CHANNEL));
    Recipient recipient = recipientOf(nudge, personId).orElseThrow(() -> new IllegalStateException("recipient vanished: " + personId));
    String address = recipient.address(channel);
    if (optOuts.isOptedOut(address, channel)) {
      // opted out while the message waited for the morning
      execution.setVariable(NudgeDelivery.SKIP_REASON, Variables.stringValue("opted out of " + channel, true));
      skip(execution);
      return;
    }
    String prospectName = nudge.prospectId() == null ? null
        : prospects.find(nudge.prospectId()).map(Prospect::fullName).orElse(null);
    MessageTemplates.Names names = new MessageTemplates.Names(recipient.firstName(), prospectName, distributorName(nudge),
        nudge.detail());
    // a welcome to someone without a password carries a link to set one (made at the send, below)
    String link = sendsPasswordLink(nudge, personId) ? WELCOME_LINK_SLOT : taskLink(nudge, personId);
    String body = templates.sms(nudge.messageKey(), names, link);
    SendLedger.Entry entry = ledger.prepare(nudge.id(), memberId, channel, address, body);
    if (entry.status() == SendLedger.Status.SENT) {
      return;
    }
    Sender sender = senders.of(channel);
    String unsubscribeUrl = publicAddress.trackedLinkBaseUrl() + "/unsubscribe/" + entry.unsubscribeToken();
    boolean passwordLink = entry.body().contains(WELCOME_LINK_SLOT);
    Outgoing message = message(entry, nudge.messageKey(), names, passwordLink ? WELCOME_LINK_SLOT : link, unsubscribeUrl);
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
    if (passwordLink) {
      // a new link for every attempt, committed before the send: an attempt in doubt is sent again with
      // its own link (its text cannot be found at Twilio), and each link works until one of them is used
      message = message(entry, nudge.messageKey(), names,
          publicAddress.trackedLinkBaseUrl() + PasswordLinks.PATH + "#" + passwordLinks.issue(personId), unsubscribeUrl);
    }
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

  /** The SMS text is the ledger's (fixed at the first try); email adds the unsubscribe line, a subject and HTML. */
  private Outgoing message(SendLedger.Entry entry, String messageKey, MessageTemplates.Names names, String link,
                           String unsubscribeUrl) {
    return entry.channel() == Channel.SMS
        ? new Outgoing(entry.messageKey(), entry.channel(), entry.address(), null, entry.body().replace(WELCOME_LINK_SLOT, link), null,
            unsubscribeUrl)
        : new Outgoing(entry.messageKey(), entry.channel(), entry.address(), templates.subject(messageKey, names),
            templates.emailText(messageKey, names, link, unsubscribeUrl),
            templates.emailHtml(messageKey, names, link, unsubscribeUrl), unsubscribeUrl);
  }

  /** The welcome of a distributor enrolled from a prospect, who has no password yet. */
  private boolean sendsPasswordLink(Nudge nudge, String personId) {
    return WELCOME_WITH_LINK.equals(nudge.messageKey()) && "WELCOME".equals(nudge.kind()) && passwordLinks.needsPassword(personId);
  }

  /**
   * An optimistic-locking failure, as Camunda's own when another node changed what a job read: the engine logs it
   * quietly and rolls the job back; the worker that took the message over finishes it.
   */
  private static OptimisticLockingException takenOver(SendLedger.Entry seen) {
    return new OptimisticLockingException("Send ledger entry " + seen.messageKey() + " changed since this attempt read it ("
        + seen.status() + ", " + seen.attempts() + " attempts): another worker has taken the message over, so this one"
        + " does not send (its job lock has probably expired)");
  }

  private Nudge nudge(DelegateExecution execution) {
    String nudgeId = (String) execution.getVariable(NudgeDelivery.NUDGE_ID);
    return nudges.find(nudgeId).orElseThrow(() -> new IllegalStateException("No nudge " + nudgeId));
  }

  /** The person this delivery is for: the member of the managers a nudge to the group went to, else the nudge's recipient. */
  private static String personOf(DelegateExecution execution, Nudge nudge) {
    String member = (String) execution.getVariable(NudgeDelivery.RECIPIENT_ID);
    return member != null ? member : nudge.recipientId();
  }

  /** How to reach a person about this nudge: a weekly digest goes by email to whoever has an address, whatever they prefer. */
  private Optional<Recipient> recipientOf(Nudge nudge, String personId) {
    Optional<Recipient> recipient = recipientOf(personId);
    if (!Nudge.WEEKLY_DIGEST.equals(nudge.kind())) {
      return recipient;
    }
    return recipient.map(r -> new Recipient(r.firstName(), r.phone(), r.email(), r.zone(), Channel.EMAIL));
  }

  /**
   * How to reach a person: their distributor profile (preferred channel, phone, time zone), else, for a
   * manager who has none, their Camunda user's email in the company's time zone.
   */
  private Optional<Recipient> recipientOf(String personId) {
    Optional<Recipient> distributor = distributors.find(personId).map(Delivery::recipient);
    if (distributor.isPresent()) {
      return distributor;
    }
    return managers.find(personId)
        .map(manager -> new Recipient(manager.firstName(), null, manager.email(), properties.defaultZone(), Channel.EMAIL));
  }

  private static Recipient recipient(Distributor distributor) {
    Channel preferred = "EMAIL".equals(distributor.preferredChannel()) ? Channel.EMAIL : Channel.SMS;
    // an enrollee registered from a prospect without an email has "" on file
    String email = distributor.email() == null || distributor.email().isBlank() ? null : distributor.email();
    return new Recipient(distributor.firstName(), distributor.phone(), email, ZoneId.of(distributor.timeZone()), preferred);
  }

  /** The distributor a sponsor's or the managers' nudge is about, by name ("Ana Ruiz"). */
  private String distributorName(Nudge nudge) {
    if (nudge.distributorId() == null) {
      return null;
    }
    return distributors.find(nudge.distributorId()).map(Distributor::fullName).orElse(null);
  }

  /**
   * The person's open task in Tasklist that the nudge is about: for that prospect, or (a sponsor's alert)
   * in the enrollee's onboarding, such as the check-in it opened; else their Tasklist. The managers' weekly
   * digest leads to Cockpit's Insights.
   */
  private String taskLink(Nudge nudge, String personId) {
    if (Nudge.WEEKLY_DIGEST.equals(nudge.kind()) && nudge.audience() == Nudge.Audience.MANAGER) {
      // the managers' digest is about the whole network: Cockpit's Insights shows it
      return publicAddress.trackedLinkBaseUrl() + INSIGHTS;
    }
    String tasklist = publicAddress.trackedLinkBaseUrl() + "/camunda/app/tasklist/default/";
    String businessKey = nudge.prospectId() != null ? nudge.prospectId() : nudge.distributorId();
    if (businessKey == null) {
      return tasklist;
    }
    Task task = engine.call(() -> tasks.createTaskQuery().processInstanceBusinessKey(businessKey)
        .taskAssignee(personId).active().orderByTaskCreateTime().desc().list().stream().findFirst().orElse(null));
    return task == null ? tasklist : tasklist + "#/?task=" + task.getId();
  }
}
