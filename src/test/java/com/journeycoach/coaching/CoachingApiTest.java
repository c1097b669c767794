package com.journeycoach.coaching;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeycoach.Http;
import com.journeycoach.JourneyCoachTest;
import com.journeycoach.TestUsers;
import com.journeycoach.people.Audience;
import com.journeycoach.people.Distributors;
import com.journeycoach.people.Prospect;
import com.journeycoach.people.Prospects;
import com.journeycoach.system.Groups;
import java.net.http.HttpResponse;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@JourneyCoachTest
class CoachingApiTest {

  static final String DISTRIBUTOR = Http.basic("coach-dist", TestUsers.PASSWORD);
  static final String OTHER = Http.basic("coach-other", TestUsers.PASSWORD);
  static final String OWNER = Http.basic("coach-owner", TestUsers.PASSWORD);

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  Distributors distributors;
  @Autowired
  Prospects prospects;
  @Autowired
  Nudges nudges;
  @Autowired
  JdbcClient jdbc;
  Http http;

  @BeforeEach
  void setUp() {
    http = new Http(port);
    TestUsers.ensureDistributor(distributors, "coach-dist", null);
    TestUsers.ensureDistributor(distributors, "coach-other", null);
    TestUsers.ensure(engine.getIdentityService(), "coach-owner", Groups.PROCESS_OWNERS);
  }

  @Test
  void aDistributorListsTheirNudgesWithTheRuleThatMadeEach() {
    Prospect prospect = prospects.add(new Prospects.NewProspect("coach-dist", "Pat", null, null, null, Audience.PRODUCT_CUSTOMER));
    String journeyId = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(prospect.id())
        .singleResult().getId();
    Job shareOverdue = engine.getManagementService().createJobQuery().processInstanceId(journeyId).activityId("Timer_ShareOverdue")
        .singleResult();
    engine.getManagementService().executeJob(shareOverdue.getId());

    HttpResponse<String> mine = http.get("/api/nudges", DISTRIBUTOR);
    assertThat(mine.statusCode()).isEqualTo(200);
    assertThat(mine.body()).contains("\"reason\":\"Share overdue\"", "\"kind\":\"SHARE_NOW\"", prospect.id());

    assertThat(http.get("/api/nudges", OTHER).body()).doesNotContain(prospect.id());
    assertThat(http.get("/api/nudges?recipientId=coach-dist", OTHER).statusCode()).isEqualTo(403);
  }

  @Test
  void aManagerReadsTheNudgesTheRulesGiveTheManagersAndADistributorDoesNot() {
    TestUsers.ensure(engine.getIdentityService(), "coach-manager", Groups.MANAGERS);
    String manager = Http.basic("coach-manager", TestUsers.PASSWORD);
    Nudge toManagers = nudges.record(Groups.MANAGERS, Nudge.Audience.MANAGER, "DISTRIBUTOR_OVER_ESTIMATING", null, null,
        "coaching.manager.over-estimating.coach-dist", 3, "Over-estimated close chances: tell the manager");

    HttpResponse<String> managers = http.get("/api/nudges", manager);
    assertThat(managers.statusCode()).isEqualTo(200);
    assertThat(managers.body()).contains(toManagers.id(), "\"reason\":\"Over-estimated close chances: tell the manager\"");

    assertThat(http.get("/api/nudges", DISTRIBUTOR).body()).doesNotContain(toManagers.id());
    assertThat(http.get("/api/nudges?recipientId=managers", DISTRIBUTOR).statusCode()).isEqualTo(403);
  }

  @Test
  void processOwnersReloadTheRulesAndDistributorsMayNot() {
    HttpResponse<String> reloaded = http.post("/api/rules/reload", OWNER, "");
    assertThat(reloaded.statusCode()).as(reloaded.body()).isEqualTo(200);
    assertThat(reloaded.body()).contains("pace.drl", "caps.drl");
    // stored as the version every node follows, with who reloaded and the rule texts
    long version = jdbc.sql("SELECT MAX(version) FROM rule_version").query(Long.class).single();
    assertThat(reloaded.body()).contains("\"storedVersion\":" + version);
    assertThat(jdbc.sql("SELECT reloaded_by FROM rule_version WHERE version = ?").param(version).query(String.class).single())
        .isEqualTo("coach-owner");
    assertThat(jdbc.sql("SELECT name FROM rule_version_file WHERE version = ?").param(version).query(String.class).list())
        .contains("pace.drl", "caps.drl");

    assertThat(http.post("/api/rules/reload", DISTRIBUTOR, "").statusCode()).isEqualTo(403);
    assertThat(jdbc.sql("SELECT MAX(version) FROM rule_version").query(Long.class).single()).isEqualTo(version);
  }
}
