package com.journeycoach.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.journeycoach.JourneyCoachTest;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

@JourneyCoachTest
class AccessBootstrapTest {

  @Autowired
  ProcessEngine engine;
  ListAppender<ILoggingEvent> log = new ListAppender<>();

  @BeforeEach
  void captureLog() {
    log.start();
    ((Logger) LoggerFactory.getLogger(AccessBootstrap.class)).addAppender(log);
  }

  @AfterEach
  void release() {
    ((Logger) LoggerFactory.getLogger(AccessBootstrap.class)).detachAppender(log);
    engine.getIdentityService().deleteUser("first-admin");
  }

  @Test
  void everyGroupExistsAfterTheFirstStart() {
    assertThat(engine.getIdentityService().createGroupQuery().list())
        .extracting(group -> group.getId())
        .contains("distributors", "sponsors", "managers", "process-owners", "camunda-admin");
  }

  @Test
  void configuredAdministratorIsInCamundaAdminAndCanLogIn() {
    assertThat(engine.getIdentityService().checkPassword("admin", "Test-Secret-Phrase-1")).isTrue();
    assertThat(engine.getIdentityService().createGroupQuery().groupMember("admin").groupId(Groups.ADMINS).count()).isOne();
  }

  @Test
  void withoutAConfiguredPasswordOneIsGeneratedAndPrintedOnce() {
    AccessBootstrap bootstrap = new AccessBootstrap(new AdminProperties("first-admin", "", true));

    bootstrap.postProcessEngineBuild(engine);
    bootstrap.postProcessEngineBuild(engine);

    assertThat(log.list).filteredOn(e -> e.getFormattedMessage().contains("generated")).hasSize(1);
    String printed = log.list.stream().filter(e -> e.getFormattedMessage().contains("generated")).findFirst().orElseThrow()
        .getArgumentArray()[1].toString();
    assertThat(printed).hasSizeGreaterThanOrEqualTo(20);
    assertThat(engine.getIdentityService().checkPassword("first-admin", printed)).isTrue();
    User admin = engine.getIdentityService().createUserQuery().userId("first-admin").singleResult();
    assertThat(admin).isNotNull();
  }

  @Test
  void generatedPasswordsDiffer() {
    assertThat(AccessBootstrap.randomPassword()).isNotEqualTo(AccessBootstrap.randomPassword());
  }

  @Test
  void productionRefusesToStartWithoutAnAdministratorPassword() {
    AccessBootstrap bootstrap = new AccessBootstrap(new AdminProperties("first-admin", null, false));

    assertThatThrownBy(() -> bootstrap.postProcessEngineBuild(engine))
        .hasMessageContaining("JOURNEY_ADMIN_PASSWORD");
    assertThat(engine.getIdentityService().createUserQuery().userId("first-admin").count()).isZero();
  }

  @Test
  void groupsGetLeastPrivilege() {
    AuthorizationService authorizations = engine.getAuthorizationService();
    assertThat(authorizations.isUserAuthorized("nobody", java.util.List.of(Groups.DISTRIBUTORS), Permissions.ACCESS,
        Resources.APPLICATION, "tasklist")).isTrue();
    assertThat(authorizations.isUserAuthorized("nobody", java.util.List.of(Groups.DISTRIBUTORS), Permissions.ACCESS,
        Resources.APPLICATION, "cockpit")).isFalse();
    assertThat(authorizations.isUserAuthorized("nobody", java.util.List.of(Groups.DISTRIBUTORS), Permissions.CREATE,
        Resources.DEPLOYMENT, "*")).isFalse();
    assertThat(authorizations.isUserAuthorized("nobody", java.util.List.of(Groups.MANAGERS), Permissions.ACCESS,
        Resources.APPLICATION, "cockpit")).isTrue();
    assertThat(authorizations.isUserAuthorized("nobody", java.util.List.of(Groups.MANAGERS), Permissions.ACCESS,
        Resources.APPLICATION, "admin")).isFalse();
    assertThat(authorizations.isUserAuthorized("nobody", java.util.List.of(Groups.PROCESS_OWNERS), Permissions.CREATE,
        Resources.DEPLOYMENT, "*")).isTrue();
    assertThat(authorizations.isUserAuthorized("nobody", java.util.List.of(Groups.ADMINS), Permissions.ACCESS,
        Resources.APPLICATION, "admin")).isTrue();
  }

  @Test
  void tasklistHasAMyTasksFilterThatDistributorsMayRead() {
    var filter = engine.getFilterService().createTaskFilterQuery().filterName("My tasks").singleResult();
    assertThat(filter).isNotNull();
    assertThat(engine.getAuthorizationService().isUserAuthorized("nobody", java.util.List.of(Groups.DISTRIBUTORS),
        Permissions.READ, Resources.FILTER, filter.getId())).isTrue();
  }

  @Test
  void tasklistOffersGroupTasksToManagersAndProcessOwnersOnly() {
    var filter = engine.getFilterService().createTaskFilterQuery().filterName("Offered to my groups").singleResult();
    assertThat(filter).isNotNull();
    for (String groupId : java.util.List.of(Groups.MANAGERS, Groups.PROCESS_OWNERS)) {
      assertThat(engine.getAuthorizationService().isUserAuthorized("nobody", java.util.List.of(groupId), Permissions.READ,
          Resources.FILTER, filter.getId())).as(groupId).isTrue();
    }
    assertThat(engine.getAuthorizationService().isUserAuthorized("nobody", java.util.List.of(Groups.DISTRIBUTORS),
        Permissions.READ, Resources.FILTER, filter.getId())).isFalse();
  }
}
