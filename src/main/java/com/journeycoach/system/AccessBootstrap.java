package com.journeycoach.system;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Creates the groups, their authorizations, the Tasklist filters and the first administrator
 * while the engine is built, so the web server never answers before an administrator exists
 * (Camunda's own "create first user" page would otherwise be open to anyone).
 */
@Component
public class AccessBootstrap extends AbstractProcessEnginePlugin {

  static final String MY_TASKS_FILTER = "My tasks";
  static final String TEAM_TASKS_FILTER = "All open tasks";
  static final String GROUP_TASKS_FILTER = "Offered to my groups";
  private static final Logger log = LoggerFactory.getLogger(AccessBootstrap.class);
  private static final String GENERATED_CHARACTERS =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

  private final AdminProperties admin;
  private final List<String> distributorStartableProcesses;

  public AccessBootstrap(AdminProperties admin) {
    this.admin = admin;
    this.distributorStartableProcesses = List.of("prospect-development");
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    IdentityService identity = engine.getIdentityService();
    Groups.ALL.forEach(groupId -> ensureGroup(identity, groupId));
    AccessPolicy.grants(distributorStartableProcesses).forEach(grant -> ensureGrant(engine.getAuthorizationService(), grant));
    ensureTaskFilters(engine);
    ensureAdministrator(identity);
  }

  private void ensureGroup(IdentityService identity, String groupId) {
    if (identity.createGroupQuery().groupId(groupId).count() == 0) {
      Group group = identity.newGroup(groupId);
      group.setName(Groups.displayName(groupId));
      group.setType(Groups.ADMINS.equals(groupId) ? "SYSTEM" : "WORKFLOW");
      identity.saveGroup(group);
    }
  }

  private void ensureGrant(AuthorizationService authorizations, AccessPolicy.Grant grant) {
    Authorization existing = authorizations.createAuthorizationQuery()
        .groupIdIn(grant.groupId())
        .resourceType(grant.resource())
        .resourceId(grant.resourceId())
        .singleResult();
    Authorization authorization = existing != null
        ? existing
        : authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    if (existing == null) {
      authorization.setGroupId(grant.groupId());
      authorization.setResource(grant.resource());
      authorization.setResourceId(grant.resourceId());
    }
    boolean changed = existing == null;
    for (Permission permission : grant.permissions()) {
      if (!authorization.isPermissionGranted(permission)) {
        authorization.addPermission(permission);
        changed = true;
      }
    }
    if (changed) {
      authorizations.saveAuthorization(authorization);
    }
  }

  private void ensureTaskFilters(ProcessEngine engine) {
    FilterService filters = engine.getFilterService();
    AuthorizationService authorizations = engine.getAuthorizationService();
    Filter mine = ensureFilter(filters, MY_TASKS_FILTER, -10, "Tasks assigned to me",
        engine.getTaskService().createTaskQuery().taskAssigneeExpression("${currentUser()}"));
    for (String groupId : List.of(Groups.DISTRIBUTORS, Groups.SPONSORS, Groups.MANAGERS, Groups.PROCESS_OWNERS)) {
      ensureGrant(authorizations, new AccessPolicy.Grant(groupId, Resources.FILTER, mine.getId(), List.of(Permissions.READ)));
    }
    // tasks a whole group may take (a review for the managers, a replacement for the process owners)
    Filter offered = ensureFilter(filters, GROUP_TASKS_FILTER, -5, "Tasks any member of my groups may take",
        engine.getTaskService().createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}"));
    for (String groupId : List.of(Groups.MANAGERS, Groups.PROCESS_OWNERS)) {
      ensureGrant(authorizations, new AccessPolicy.Grant(groupId, Resources.FILTER, offered.getId(), List.of(Permissions.READ)));
    }
    Filter team = ensureFilter(filters, TEAM_TASKS_FILTER, 0, "Every open task the team has",
        engine.getTaskService().createTaskQuery());
    ensureGrant(authorizations, new AccessPolicy.Grant(Groups.MANAGERS, Resources.FILTER, team.getId(), List.of(Permissions.READ)));
  }

  private Filter ensureFilter(FilterService filters, String name, int priority, String description, TaskQuery query) {
    Filter existing = filters.createTaskFilterQuery().filterName(name).singleResult();
    if (existing != null) {
      return existing;
    }
    Filter filter = filters.newTaskFilter(name)
        .setQuery(query)
        .setProperties(Map.of("priority", priority, "description", description, "refresh", true));
    return filters.saveFilter(filter);
  }

  private void ensureAdministrator(IdentityService identity) {
    String userId = admin.userId();
    if (identity.createUserQuery().userId(userId).count() == 0) {
      String password = admin.password();
      boolean generated = false;
      if (!admin.hasPassword()) {
        if (!admin.generatePasswordIfMissing()) {
          throw new IllegalStateException("No administrator '" + userId + "' exists and JOURNEY_ADMIN_PASSWORD is not set;"
              + " set it to create the first administrator");
        }
        password = randomPassword();
        generated = true;
      }
      User user = identity.newUser(userId);
      user.setFirstName("Journey Coach");
      user.setLastName("Administrator");
      user.setPassword(password);
      identity.saveUser(user);
      if (generated) {
        log.warn("""

            ==============================================================
             First start: created administrator '{}' with the generated
             password  {}
             It is shown this once. Change it in Camunda Admin.
            ==============================================================""", userId, password);
      } else {
        log.info("Created administrator '{}' with the configured password", userId);
      }
    }
    Set<String> memberOf = new HashSet<>();
    identity.createGroupQuery().groupMember(userId).list().forEach(group -> memberOf.add(group.getId()));
    if (!memberOf.contains(Groups.ADMINS)) {
      identity.createMembership(userId, Groups.ADMINS);
    }
  }

  /** 20 characters from letters and digits, plus the mix Camunda's password policy asks for. */
  public static String randomPassword() {
    SecureRandom random = new SecureRandom();
    StringBuilder password = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      password.append(GENERATED_CHARACTERS.charAt(random.nextInt(GENERATED_CHARACTERS.length())));
    }
    return password.append("-Aa1").toString();
  }
}
