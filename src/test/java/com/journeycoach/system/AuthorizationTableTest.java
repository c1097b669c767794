package com.journeycoach.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeycoach.JourneyCoachTest;
import com.journeycoach.TestUsers;
import com.journeycoach.people.Audience;
import com.journeycoach.people.Distributors;
import com.journeycoach.people.Prospect;
import com.journeycoach.people.Prospects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** docs/authorizations.md is the list of every group's Camunda grants; the database must hold exactly that. */
@JourneyCoachTest
class AuthorizationTableTest {

  static final Path TABLE = Path.of("docs/authorizations.md");

  @Autowired
  ProcessEngine engine;
  @Autowired
  Distributors distributors;
  @Autowired
  Prospects prospects;

  @Test
  void everyGroupGrantInTheDatabaseIsWrittenDownAndEveryWrittenOneIsThere() throws IOException {
    Set<String> written = writtenGrants();
    Set<String> held = new TreeSet<>();
    for (Authorization authorization : engine.getAuthorizationService().createAuthorizationQuery().list()) {
      if (authorization.getGroupId() != null && !isPerTask(authorization)) {
        held.add(describe(authorization));
      }
    }

    Set<String> notWrittenDown = new TreeSet<>(held);
    notWrittenDown.removeAll(written);
    Set<String> missing = new TreeSet<>(written);
    missing.removeAll(held);
    assertThat(notWrittenDown).as("grants in the database that " + TABLE + " does not list").isEmpty();
    assertThat(missing).as("grants " + TABLE + " lists that the database lacks").isEmpty();
    assertThat(held).as("the table is read at all").hasSizeGreaterThan(20);
  }

  @Test
  void nobodyHoldsAGlobalGrant() {
    assertThat(engine.getAuthorizationService().createAuthorizationQuery()
        .authorizationType(Authorization.AUTH_TYPE_GLOBAL).list()).isEmpty();
  }

  @Test
  void camundasPerTaskGrantsLetCandidateGroupsAndAssigneesWorkTheTaskOnly() {
    TestUsers.ensureDistributor(distributors, "table-dist", null);
    Prospect prospect = prospects.add(new Prospects.NewProspect("table-dist", "Pat", null, null, null, Audience.PRODUCT_CUSTOMER));
    ProcessInstance review = engine.getRuntimeService().startProcessInstanceByKey("asset-review", "table-review",
        Map.of("assetId", "cwm-explained", "assetTitle", "CWM explained", "evidence", "a test"));
    try {
      Task share = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(prospect.id()).singleResult();
      Authorization assignee = engine.getAuthorizationService().createAuthorizationQuery()
          .userIdIn("table-dist").resourceType(Resources.TASK).resourceId(share.getId()).singleResult();
      assertThat(permissionNames(assignee)).containsExactlyInAnyOrder("READ", "TASK_WORK");

      List<Authorization> perTask = new ArrayList<>();
      for (Authorization authorization : engine.getAuthorizationService().createAuthorizationQuery().list()) {
        if (authorization.getGroupId() != null && isPerTask(authorization)) {
          perTask.add(authorization);
        }
      }
      Task reviewTask = engine.getTaskService().createTaskQuery().processInstanceId(review.getId()).singleResult();
      assertThat(perTask).extracting(Authorization::getResourceId).contains(reviewTask.getId());
      for (Authorization authorization : perTask) {
        assertThat(permissionNames(authorization)).as(describe(authorization)).containsExactlyInAnyOrder("READ", "TASK_WORK");
        assertThat(engine.getTaskService().getIdentityLinksForTask(authorization.getResourceId()))
            .as("%s names a candidate group of an open task", describe(authorization))
            .anyMatch(link -> IdentityLinkType.CANDIDATE.equals(link.getType())
                && authorization.getGroupId().equals(((IdentityLink) link).getGroupId()));
      }
    } finally {
      engine.getRuntimeService().deleteProcessInstance(review.getId(), "test done");
    }
  }

  /** Camunda's own grant on one task (to its assignee or a candidate group), made and deleted with the task. */
  static boolean isPerTask(Authorization authorization) {
    return (authorization.getResourceType() == Resources.TASK.resourceType()
        || authorization.getResourceType() == Resources.HISTORIC_TASK.resourceType())
        && !Authorization.ANY.equals(authorization.getResourceId());
  }

  /** The rows of the "Group grants" table as "group | RESOURCE | id | PERMISSION, ..." (filters by name). */
  static Set<String> writtenGrants() throws IOException {
    Set<String> grants = new TreeSet<>();
    boolean inTable = false;
    for (String line : Files.readAllLines(TABLE)) {
      if (line.startsWith("| group | resource | resource id | permissions |")) {
        inTable = true;
        continue;
      }
      if (!inTable || line.startsWith("|---")) {
        continue;
      }
      if (!line.startsWith("|")) {
        break;
      }
      String[] cells = Arrays.stream(line.split("\\|")).map(String::trim).toArray(String[]::new);
      Set<String> permissions = new TreeSet<>(Arrays.asList(cells[4].split("\\s*,\\s*")));
      grants.add(String.join(" | ", cells[1], cells[2], cells[3], String.join(", ", permissions)));
    }
    return grants;
  }

  private String describe(Authorization authorization) {
    String resource = Arrays.stream(Resources.values()).filter(r -> r.resourceType() == authorization.getResourceType())
        .map(Resources::name).findFirst().orElse(String.valueOf(authorization.getResourceType()));
    String resourceId = authorization.getResourceId();
    if (authorization.getResourceType() == Resources.FILTER.resourceType() && !Authorization.ANY.equals(resourceId)) {
      resourceId = engine.getFilterService().getFilter(resourceId).getName();
    }
    String type = authorization.getAuthorizationType() == Authorization.AUTH_TYPE_GRANT ? "" : " (REVOKE)";
    return String.join(" | ", authorization.getGroupId(), resource, resourceId,
        String.join(", ", new TreeSet<>(permissionNames(authorization)))) + type;
  }

  private Set<String> permissionNames(Authorization authorization) {
    Permission[] candidates = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getPermissionProvider().getPermissionsForResource(authorization.getResourceType());
    if (authorization.getAuthorizationType() == Authorization.AUTH_TYPE_GRANT && authorization.isEveryPermissionGranted()) {
      return Set.of(Permissions.ALL.getName());
    }
    return Arrays.stream(authorization.getPermissions(candidates)).map(Permission::getName)
        .filter(name -> !name.equals(Permissions.NONE.getName()) && !name.equals(Permissions.ALL.getName()))
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
