package com.journeycoach.demo;

import com.journeycoach.people.Audience;
import com.journeycoach.content.Catalog;
import com.journeycoach.content.Phase;
import com.journeycoach.content.Share;
import com.journeycoach.content.Shares;
import com.journeycoach.journey.ProspectDevelopment;
import com.journeycoach.journey.Touchpoint;
import com.journeycoach.journey.FollowUpAnswers;
import com.journeycoach.journey.ForecastRecords;
import com.journeycoach.journey.Touchpoints;
import com.journeycoach.settings.Thresholds;
import com.journeycoach.people.Distributors;
import com.journeycoach.people.Prospect;
import com.journeycoach.people.Prospects;
import com.journeycoach.statistics.ThresholdTuning;
import com.journeycoach.statistics.ThresholdTuningProcess;
import com.journeycoach.demo.SimulatedMarket.Trader;
import com.journeycoach.system.AccessBootstrap;
import com.journeycoach.system.Groups;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The {@code demo} profile's simulated market: distributors who add prospects and work their
 * tasks at their own pace, prospects who view and buy, and one demo distributor whose tasks are
 * left for a person in Tasklist. It drives the real journeys (prospects added through
 * {@link Prospects}, tasks completed through the engine as the distributor, views through the
 * tracked link's path, purchases as touchpoints). Each round stands for
 * {@code journey.demo.market-hours-per-round} of market time: a pace timer whose pace has passed
 * in market time is executed then, which records the rules' nudges as the real timer would.
 *
 * <p>At the first start it writes finished journeys of the past ({@link MarketHistory}) and runs
 * {@code threshold-tuning} over them, so the thresholds have a tuned history from the start.
 */
@Component
@Profile("demo")
public class DemoMarket {

  static final String JOURNEY = ProspectDevelopment.KEY;
  private static final Logger log = LoggerFactory.getLogger(DemoMarket.class);
  private static final List<String> PACE_TIMERS = List.of(ProspectDevelopment.TIMER_SHARE_OVERDUE, ProspectDevelopment.TIMER_VIEW_OVERDUE,
      ProspectDevelopment.TIMER_FOLLOW_UP_OVERDUE, ProspectDevelopment.TIMER_JOURNEY_OVERDUE);

  private final DemoProperties properties;
  private final Clock clock;
  private final Catalog catalog;
  private final Distributors distributors;
  private final Prospects prospects;
  private final Shares shares;
  private final Touchpoints touchpoints;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final ManagementService management;
  private final IdentityService identity;
  private final MarketHistory.Owners history;
  private final Thresholds thresholds;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "demo-market");
    thread.setDaemon(true);
    return thread;
  });
  private final CountDownLatch ready = new CountDownLatch(1);
  private final Map<String, Integer> timerFirstSeen = new ConcurrentHashMap<>();
  private final Map<String, Double> closeChances = new ConcurrentHashMap<>();
  private SimulatedMarket market;
  private Map<String, Trader> traders = Map.of();
  private int round;

  public DemoMarket(DemoProperties properties, Catalog catalog, Distributors distributors, Prospects prospects, Shares shares,
                    Touchpoints touchpoints, RuntimeService runtime, TaskService tasks, ManagementService management,
                    IdentityService identity, FollowUpAnswers followUps, ForecastRecords forecasts, Thresholds thresholds, Clock clock) {
    this.clock = clock;
    this.properties = properties;
    this.catalog = catalog;
    this.distributors = distributors;
    this.prospects = prospects;
    this.shares = shares;
    this.touchpoints = touchpoints;
    this.runtime = runtime;
    this.tasks = tasks;
    this.management = management;
    this.identity = identity;
    this.history = new MarketHistory.Owners(prospects, shares, followUps, touchpoints, forecasts);
    this.thresholds = thresholds;
  }

  /** Sets the market up in its own thread (after the sample catalog is loaded), then runs a round every interval. */
  @EventListener(ApplicationReadyEvent.class)
  void start() {
    scheduler.execute(() -> {
      try {
        setUp();
      } catch (RuntimeException e) {
        log.error("The demo market could not start", e);
      } finally {
        ready.countDown();
      }
    });
    long interval = properties.roundInterval().toMillis();
    scheduler.scheduleWithFixedDelay(this::roundLogged, interval, interval, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    scheduler.shutdownNow();
  }

  /** Waits until the market is set up and its first rounds have run. */
  public boolean awaitReady(Duration timeout) throws InterruptedException {
    return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  void setUp() {
    waitForCatalog();
    market = new SimulatedMarket(properties.seed(), catalog.activeInSequence(), SimulatedMarket.StepMedians.TYPICAL);
    Map<String, Trader> byId = new HashMap<>();
    market.addTraders("demo-seller", properties.distributors()).forEach(t -> byId.put(t.id(), t));
    traders = Map.copyOf(byId);
    boolean firstStart = distributors.find(properties.distributorId()).isEmpty();
    if (firstStart) {
      for (Trader trader : traders.values()) {
        distributors.register(new Distributors.Registration(trader.id(), trader.firstName(), "Seller", trader.id() + "@example.com",
            null, "UTC", null, false, trader.personality(), null, "EMAIL", null));
      }
      registerDemoDistributor();
      MarketHistory.Written written = new MarketHistory(history, market, 500)
          .write(clock.instant(), 150, properties.historyProspects(), Long.MAX_VALUE);
      log.info("Demo market: wrote {} past journeys ({} shares, {} touchpoints)", written.prospects(), written.shares(),
          written.touchpoints());
      runTuning();
      for (int i = 0; i < 3; i++) {
        addProspect(properties.distributorId());
      }
    }
    for (int i = 0; i < properties.initialRounds(); i++) {
      round();
    }
    log.info("Demo market running: a round every {} stands for {} market hours", properties.roundInterval(),
        properties.marketHoursPerRound());
  }

  private void waitForCatalog() {
    for (int i = 0; i < 600 && catalog.activeInSequence().stream().noneMatch(a -> a.phase() == Phase.PROSPECT_DEVELOPMENT); i++) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for the catalog", e);
      }
    }
  }

  private void registerDemoDistributor() {
    String password = properties.hasPassword() ? properties.password() : AccessBootstrap.randomPassword();
    distributors.register(new Distributors.Registration(properties.distributorId(), "Demo", "Distributor",
        properties.distributorId() + "@example.com", null, "UTC", null, false, null, null, "EMAIL", password));
    if (properties.hasPassword()) {
      log.info("Demo distributor '{}' created with the password from JOURNEY_DEMO_PASSWORD", properties.distributorId());
    } else {
      log.warn("""

          ==============================================================
           Demo: created distributor '{}' with the generated
           password  {}
           It is shown this once. Their tasks wait in Tasklist.
          ==============================================================""", properties.distributorId(), password);
    }
  }

  /** Starts threshold-tuning and runs its jobs now, whether or not the job executor is on. */
  private void runTuning() {
    ProcessInstance tuning = runtime.startProcessInstanceByKey(ThresholdTuningProcess.KEY);
    for (Job job : management.createJobQuery().processInstanceId(tuning.getId()).list()) {
      try {
        management.executeJob(job.getId());
      } catch (RuntimeException takenByTheJobExecutor) {
        log.debug("Tuning job {} ran elsewhere: {}", job.getId(), takenByTheJobExecutor.getMessage());
      }
    }
    long tuned = thresholds.changesBy(ThresholdTuning.TUNER);
    log.info("Demo market: threshold-tuning ran over the past journeys; {} threshold changes applied", tuned);
  }

  private void roundLogged() {
    try {
      round();
    } catch (RuntimeException e) {
      log.warn("Demo market round failed: {}", e.getMessage(), e);
    }
  }

  /** One round of market time: new prospects, distributors' work, prospects' views and purchases, pace timers. */
  public synchronized void round() {
    if (market == null) {
      return;
    }
    round++;
    for (Trader trader : traders.values()) {
      if (prospects.openOfDistributor(trader.id()).size() < 4 && market.chance(0.3)) {
        addProspect(trader.id());
      }
    }
    if (prospects.openOfDistributor(properties.distributorId()).size() < 3 && market.chance(0.2)) {
      addProspect(properties.distributorId());
    }
    List<Task> open = tasks.createTaskQuery().processDefinitionKey(JOURNEY).taskAssigneeIn(traders.keySet().toArray(String[]::new))
        .active().list();
    for (Task task : open) {
      work(traders.get(task.getAssignee()), task);
    }
    double hours = properties.marketHoursPerRound();
    for (Execution waiting : runtime.createExecutionQuery().processDefinitionKey(JOURNEY).activityId(ProspectDevelopment.TASK_WAIT_FOR_VIEW).list()) {
      if (market.chance(Math.min(1, hours / SimulatedMarket.StepMedians.TYPICAL.viewHours()))) {
        view((String) runtime.getVariable(waiting.getProcessInstanceId(), ProspectDevelopment.SHARE_ID));
      }
    }
    firePaceTimers();
  }

  private void addProspect(String distributorId) {
    Audience audience = market.segment();
    Prospect prospect = prospects.add(new Prospects.NewProspect(distributorId, "Pat" + (char) ('A' + market.nextInt(26)),
        "Prospect", null, null, audience, market.personality()));
    closeChances.put(prospect.id(), market.closeChance(audience));
  }

  /** A distributor acts on a task when its step's time (their pace) has come in this round's market hours. */
  private void work(Trader trader, Task task) {
    String prospectId = (String) runtime.getVariable(task.getProcessInstanceId(), ProspectDevelopment.PROSPECT_ID);
    Prospect prospect = prospects.get(prospectId);
    double chance = closeChances.computeIfAbsent(prospectId, id -> market.closeChance(prospect.audience()));
    double hours = properties.marketHoursPerRound();
    Map<String, Object> variables = switch (task.getTaskDefinitionKey()) {
      case ProspectDevelopment.TASK_SHARE_ASSET -> market.chance(hours / (SimulatedMarket.StepMedians.TYPICAL.shareHours() * trader.paceFactor()))
          ? Map.of(ProspectDevelopment.SHARE_CHANNEL, "SMS") : null;
      case ProspectDevelopment.TASK_ASK_FOLLOW_UP -> market.chance(hours / (SimulatedMarket.StepMedians.TYPICAL.followUpHours() * trader.paceFactor()))
          ? Map.of(ProspectDevelopment.INTEREST_CHANGE, String.valueOf((int) Math.max(-2, Math.min(2, Math.round((chance - 0.25) * 8)))),
              ProspectDevelopment.PURCHASE_INTENT, chance > 0.4 ? "HIGH" : chance > 0.25 ? "MEDIUM" : "LOW",
              ProspectDevelopment.CLOSE_ESTIMATE, market.closeEstimate(trader, chance)) : null;
      case ProspectDevelopment.TASK_RECORD_MEETING_OUTCOME -> market.chance(0.5) ? Map.of(ProspectDevelopment.OUTCOME, outcome(prospect.audience(), chance)) : null;
      default -> null;
    };
    if (variables == null) {
      return;
    }
    identity.setAuthentication(trader.id(), List.of(Groups.DISTRIBUTORS));
    try {
      tasks.complete(task.getId(), variables);
    } finally {
      identity.clearAuthentication();
    }
  }

  private String outcome(Audience audience, double chance) {
    if (market.chance(chance)) {
      return audience == Audience.BUSINESS_BUILDER && market.chance(0.5) ? "ENROLLED" : "WON";
    }
    return market.chance(0.3) ? "NURTURE" : "LOST";
  }

  /** The prospect opens the tracked link; some buy soon after, at the asset's true conversion rate for their segment. */
  private void view(String shareId) {
    if (shareId == null) {
      return;
    }
    Share share = shares.get(shareId);
    touchpoints.viewThroughLink(share.token());
    Audience audience = prospects.get(share.prospectId()).audience();
    if (market.chance(market.conversionAfterView(share.assetId(), audience))) {
      touchpoints.report(new Touchpoints.Event("demo:purchase:" + share.prospectId(), Touchpoint.Kind.PURCHASED,
          share.prospectId(), share.assetId(), clock.instant(), "demo-shop"));
    }
  }

  /** Executes each pace timer once its duration has passed in market time, counted from the round it was first seen. */
  private void firePaceTimers() {
    for (String timer : PACE_TIMERS) {
      for (Job job : management.createJobQuery().processDefinitionKey(JOURNEY).activityId(timer).timers().list()) {
        int seen = timerFirstSeen.computeIfAbsent(job.getId(), id -> round);
        double paceHours = (job.getDuedate().getTime() - job.getCreateTime().getTime()) / 3_600_000.0;
        if ((round - seen) * properties.marketHoursPerRound() >= paceHours) {
          try {
            management.executeJob(job.getId());
          } catch (RuntimeException e) {
            log.debug("Pace timer {} not executed: {}", job.getId(), e.getMessage());
          }
          timerFirstSeen.remove(job.getId());
        }
      }
    }
  }
}
