package com.journeycoach.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.journeycoach.JourneyCoachTest;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import java.util.List;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
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
  void anOldDatabaseWithGrantsBeyondThePolicyIsCorrectedAtStart() {
    AuthorizationService authorizations = engine.getAuthorizationService();
    // what an earlier version granted process owners, and grants someone added by hand
    addGrant(authorizations, Groups.PROCESS_OWNERS, Resources.PROCESS_DEFINITION, "*", ProcessDefinitionPermissions.READ_HISTORY,
        ProcessDefinitionPermissions.UPDATE, ProcessDefinitionPermissions.SUSPEND);
    addGrant(authorizations, Groups.PROCESS_OWNERS, Resources.DEPLOYMENT, "*", Permissions.DELETE);
    addGrant(authorizations, Groups.PROCESS_OWNERS, Resources.DECISION_DEFINITION, "*", Permissions.UPDATE);
    addGrant(authorizations, Groups.DISTRIBUTORS, Resources.PROCESS_DEFINITION, "*", ProcessDefinitionPermissions.READ_HISTORY);
    Authorization deployer = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    deployer.setUserId("old-deployer");
    deployer.setResource(Resources.DEPLOYMENT);
    deployer.setResourceId("an-old-deployment");
    deployer.addPermission(Permissions.READ);
    deployer.addPermission(Permissions.DELETE);
    authorizations.saveAuthorization(deployer);
    Authorization perTask = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    perTask.setGroupId(Groups.MANAGERS);
    perTask.setResource(Resources.TASK);
    perTask.setResourceId("an-old-task");
    perTask.addPermission(Permissions.READ);
    perTask.addPermission(Permissions.UPDATE);
    authorizations.saveAuthorization(perTask);
    try {
      new AccessBootstrap(new AdminProperties("admin", "Test-Secret-Phrase-1", false)).postProcessEngineBuild(engine);

      List<String> owners = List.of(Groups.PROCESS_OWNERS);
      for (Permission taken : List.of(ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.UPDATE,
          ProcessDefinitionPermissions.SUSPEND)) {
        assertThat(authorizations.isUserAuthorized("nobody", owners, taken, Resources.PROCESS_DEFINITION, "nudge-delivery"))
            .as(taken.getName()).isFalse();
      }
      assertThat(authorizations.isUserAuthorized("nobody", owners, Permissions.READ, Resources.PROCESS_DEFINITION, "nudge-delivery"))
          .isTrue();
      assertThat(authorizations.isUserAuthorized("nobody", owners, Permissions.DELETE, Resources.DEPLOYMENT, "any")).isFalse();
      assertThat(authorizations.isUserAuthorized("nobody", owners, Permissions.CREATE, Resources.DEPLOYMENT, "*")).isTrue();
      assertThat(authorizations.isUserAuthorized("nobody", owners, Permissions.UPDATE, Resources.DECISION_DEFINITION, "any")).isFalse();
      assertThat(authorizations.createAuthorizationQuery().groupIdIn(Groups.DISTRIBUTORS)
          .resourceType(Resources.PROCESS_DEFINITION).resourceId("*").count()).as("a row the policy lacks is removed").isZero();
      assertThat(authorizations.isUserAuthorized("old-deployer", List.of(), Permissions.DELETE, Resources.DEPLOYMENT,
          "an-old-deployment")).as("the engine's grant to whoever deployed loses DELETE").isFalse();
      assertThat(authorizations.isUserAuthorized("old-deployer", List.of(), Permissions.READ, Resources.DEPLOYMENT,
          "an-old-deployment")).isTrue();
      assertThat(authorizations.createAuthorizationQuery().groupIdIn(Groups.MANAGERS).resourceType(Resources.TASK)
          .resourceId("an-old-task").count()).as("Camunda's per-task grants stay").isOne();
    } finally {
      authorizations.createAuthorizationQuery().userIdIn("old-deployer").list()
          .forEach(authorization -> authorizations.deleteAuthorization(authorization.getId()));
      authorizations.deleteAuthorization(perTask.getId());
      new AccessBootstrap(new AdminProperties("admin", "Test-Secret-Phrase-1", false)).postProcessEngineBuild(engine);
    }
  }

  private static void addGrant(AuthorizationService authorizations, String groupId, Resources resource, String resourceId,
      Permission... permissions) {
    Authorization authorization = authorizations.createAuthorizationQuery().groupIdIn(groupId).resourceType(resource)
        .resourceId(resourceId).singleResult();
    if (authorization == null) {
      authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      authorization.setGroupId(groupId);
      authorization.setResource(resource);
      authorization.setResourceId(resourceId);
    }
    for (Permission permission : permissions) {
      authorization.addPermission(permission);
    }
    authorizations.saveAuthorization(authorization);
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

  @Test
  void everyTasklistFilterSortsByDueDateThenPriority() {
    for (String name : java.util.List.of("My tasks", "Offered to my groups", "All open tasks")) {
      var filter = engine.getFilterService().createTaskFilterQuery().filterName(name).singleResult();
      assertThat(AccessBootstrap.order(filter.getQuery())).as(name).containsExactly("DUE_DATE_ asc", "PRIORITY_ desc");
    }
  }

  @Test
  void aFilterOfAnEarlierVersionGetsTheWorklistOrderAtStart() {
    var filters = engine.getFilterService();
    var filter = filters.createTaskFilterQuery().filterName("My tasks").singleResult();
    // as an earlier version saved it: tasks assigned to the user, in no order of its own
    filter.setQuery(engine.getTaskService().createTaskQuery().taskAssigneeExpression("${currentUser()}"));
    filters.saveFilter(filter);
    assertThat(AccessBootstrap.order(filters.getFilter(filter.getId()).getQuery())).isEmpty();

    new AccessBootstrap(new AdminProperties("admin", "Test-Secret-Phrase-1", false)).postProcessEngineBuild(engine);

    var updated = filters.getFilter(filter.getId());
    assertThat(AccessBootstrap.order(updated.getQuery())).containsExactly("DUE_DATE_ asc", "PRIORITY_ desc");
    // the same filter, so the groups' grants on it still hold
    assertThat(filters.createTaskFilterQuery().filterName("My tasks").count()).isEqualTo(1);
    assertThat(engine.getAuthorizationService().isUserAuthorized("nobody", java.util.List.of(Groups.DISTRIBUTORS),
        Permissions.READ, Resources.FILTER, updated.getId())).isTrue();
    assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
        .contains("Tasklist filter 'My tasks' now sorts by due date, then priority");
  }
}
