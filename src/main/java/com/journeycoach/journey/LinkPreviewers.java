package com.journeycoach.journey;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import nl.basjes.parse.useragent.UserAgent;
import nl.basjes.parse.useragent.UserAgentAnalyzer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells a prospect's browser from the machines that open a tracked link without a person looking:
 * the link previews of chat apps (WhatsApp, iMessage, Slack, Telegram, Teams, ...), crawlers, scripts.
 * Yauaa classifies the user agent; its analyzer is built once per JVM, in the background from start-up
 * (about 8 s of one core), and remembers the answers for recent user agents. Opening a link waits for it.
 */
@Component
public class LinkPreviewers {

  private static final Logger log = LoggerFactory.getLogger(LinkPreviewers.class);
  private static final String AGENT_CLASS = UserAgent.AGENT_CLASS;
  private static final String AGENT_NAME = UserAgent.AGENT_NAME;
  /** Yauaa's agent classes of software that is not a person reading (its "Special" is facebookexternalhit). */
  private static final Set<String> NOT_A_PERSON = Set.of("Robot", "Robot Mobile", "Cloud Application", "Special", "Hacker",
      "Testclient");

  /** One analyzer per JVM, started by the first instance: it holds no state of an application context. */
  private static CompletableFuture<UserAgentAnalyzer> shared;

  private final CompletableFuture<UserAgentAnalyzer> analyzer;

  public LinkPreviewers() {
    analyzer = analyzer();
  }

  private static synchronized CompletableFuture<UserAgentAnalyzer> analyzer() {
    if (shared == null || shared.isCompletedExceptionally()) {
      var builder = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "link-previewers");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        return thread;
      });
      shared = CompletableFuture.supplyAsync(LinkPreviewers::build, builder);
      shared.whenComplete((built, failed) -> builder.shutdown());
    }
    return shared;
  }

  private static UserAgentAnalyzer build() {
    long started = System.nanoTime();
    UserAgentAnalyzer built = UserAgentAnalyzer.newBuilder()
        .withFields(AGENT_CLASS, AGENT_NAME)
        .hideMatcherLoadStats()
        .dropTests()
        .withCache(10_000)
        .immediateInitialization()
        .build();
    log.info("User-agent analyzer ready in {} ms", (System.nanoTime() - started) / 1_000_000);
    return built;
  }

  /** Whether this user agent opens links for something other than a person reading (a missing one included). */
  public boolean isPreviewer(String userAgent) {
    UserAgent parsed = analyzer.join().parse(userAgent == null ? "" : userAgent);
    String agentClass = parsed.getValue(AGENT_CLASS);
    String agentName = parsed.getValue(AGENT_NAME);
    return NOT_A_PERSON.contains(agentClass)
        // Yauaa takes WhatsApp's preview fetcher (the bare app token, "WhatsApp/2.23.20.0 A") for the app itself;
        // WhatsApp's in-app browser is a "Browser Webview" and counts
        || ("Mobile App".equals(agentClass) && "WhatsApp".equals(agentName))
        // and Skype's and Teams' link preview for a desktop browser
        || "SkypeUriPreview Preview".equals(agentName);
  }
}
