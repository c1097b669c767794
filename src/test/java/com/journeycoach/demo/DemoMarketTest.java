package com.journeycoach.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeycoach.statistics.ThresholdTuning;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The demo profile starts a market that a newcomer can watch: running journeys, open tasks for the
 * demo distributor, nudges, and a threshold tuned from the market's history. The scheduled rounds
 * are an hour apart here, so the test runs the rounds itself.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK, properties = {
    "spring.datasource.url=jdbc:h2:mem:journey-coach-demo-test;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE",
    "camunda.bpm.process-engine-name=demo", "journey.demo.round-interval=PT1H"})
@ActiveProfiles({"demo", "test"})
@DirtiesContext
class DemoMarketTest {

  @Autowired
  DemoMarket market;
  @Autowired
  ProcessEngine engine;
  @Autowired
  JdbcClient jdbc;

  @Test
  void demoShowsJourneysTasksNudgesAndATunedThreshold() throws InterruptedException {
    assertThat(market.awaitReady(Duration.ofSeconds(60))).isTrue();
    for (int i = 0; i < 6; i++) {
      market.round();
    }

    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("prospect-development").active().count())
        .isGreaterThanOrEqualTo(5);
    assertThat(engine.getTaskService().createTaskQuery().taskAssignee("demo-distributor").count()).isGreaterThanOrEqualTo(1);
    assertThat(engine.getIdentityService().createUserQuery().userId("demo-distributor").memberOfGroup("distributors").count())
        .isEqualTo(1);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM nudge").query(Long.class).single()).as("nudges").isPositive();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM nudge WHERE recipient_id = 'demo-distributor'").query(Long.class).single())
        .as("the demo distributor's share timer ran out in market time").isPositive();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM threshold_history WHERE changed_by = ?").param(ThresholdTuning.TUNER)
        .query(Long.class).single()).as("thresholds tuned from the market's history").isPositive();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM prospect WHERE status IN ('WON', 'ENROLLED')").query(Long.class).single())
        .isPositive();
    assertCountersEqualACount();
  }

  /**
   * The market's history goes through the modules that own its rows, so every distributor's counters equal a
   * count of what is stored: prospects added, and the forecast record (closed journeys with an answer, the sum
   * of their last close estimates, the converted ones); the live rounds keep them so.
   */
  private void assertCountersEqualACount() {
    String lastEstimate = "(SELECT f.close_estimate FROM follow_up_answer f WHERE f.prospect_id = p.id"
        + " ORDER BY f.answer_number DESC, f.answered_at DESC, f.id DESC LIMIT 1)";
    String closedWithAnswer = "p.distributor_id = d.id AND p.status IN ('WON', 'ENROLLED', 'LOST')"
        + " AND EXISTS (SELECT 1 FROM follow_up_answer f WHERE f.prospect_id = p.id)";
    List<String> wrong = jdbc.sql("SELECT d.id FROM distributor d WHERE"
            + " d.prospects_added <> (SELECT COUNT(*) FROM prospect p WHERE p.distributor_id = d.id)"
            + " OR d.closed_journeys <> (SELECT COUNT(*) FROM prospect p WHERE " + closedWithAnswer + ")"
            + " OR d.close_estimate_sum <> (SELECT COALESCE(SUM(" + lastEstimate + "), 0) FROM prospect p WHERE " + closedWithAnswer + ")"
            + " OR d.converted_journeys <> (SELECT COUNT(*) FROM prospect p WHERE " + closedWithAnswer
            + " AND p.status IN ('WON', 'ENROLLED'))")
        .query(String.class).list();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM prospect").query(Long.class).single()).as("a history was written").isGreaterThan(100);
    assertThat(jdbc.sql("SELECT SUM(closed_journeys) FROM distributor").query(Long.class).single()).isPositive();
    assertThat(wrong).as("distributors whose counters differ from a count").isEmpty();
  }
}
