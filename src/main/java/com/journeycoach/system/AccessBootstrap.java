package com.journeycoach.system;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
import org.camunda.bpm.engine.query.Query;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.stereotype.Component;

/**
 * Creates the groups, their authorizations, the Tasklist filters and the first administrator
 * while the engine is built, so the web server never answers before an administrator exists
 * (Camunda's own "create first user" page would otherwise be open to anyone).
 *
 * <p>Nodes starting at once on an empty database take turns: each holds the {@link StartLock} from
 * before Camunda creates its tables until this registration is done. The lock's table comes from a
 * Flyway migration, so this plugin (and with it the engine) waits for Flyway.
 */
@Component
@DependsOnDatabaseInitialization
public class AccessBootstrap extends AbstractProcessEnginePlugin {

  static final String MY_TASKS_FILTER = "My tasks";
  static final String TEAM_TASKS_FILTER = "All open tasks";
  static final String GROUP_TASKS_FILTER = "Offered to my groups";
  private static final Logger log = LoggerFactory.getLogger(AccessBootstrap.class);
  private static final String GENERATED_CHARACTERS =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

  private final AdminProperties admin;
  private final List<String> distributorStartableProcesses;
  private StartLock heldSinceInit;

  public AccessBootstrap(AdminProperties admin) {
    this.admin = admin;
    this.distributorStartableProcesses = List.of("prospect-development");
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setResourceAuthorizationProvider(new NoDeleteForDeployers());
  }

  /** After this, Camunda creates or updates its tables: one node at a time (released below). */
  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    heldSinceInit = StartLock.take(configuration.getDataSource());
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    StartLock lock = heldSinceInit != null ? heldSinceInit
        : StartLock.take(((ProcessEngineImpl) engine).getProcessEngineConfiguration().getDataSource());
    heldSinceInit = null;
    try (lock) {
      register(engine);
    }
  }

  private void register(ProcessEngine engine) {
    IdentityService identity = engine.getIdentityService();
    Groups.ALL.forEach(groupId -> ensureGroup(identity, groupId));
    List<AccessPolicy.Grant> policy = new ArrayList<>(AccessPolicy.grants(distributorStartableProcesses));
    policy.addAll(ensureTaskFilters(engine));
    holdToPolicy(engine.getAuthorizationService(), policy);
    takeDeleteFromDeployers(engine.getAuthorizationService());
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

  /**
   * Makes our groups' grants equal the policy: missing ones are added, extra permissions and rows
   * removed, so an upgrade takes back what an earlier version granted. Left alone: the per-task
   * grants Camunda makes for a task's candidate groups, and revocations (they only take away).
   */
  private void holdToPolicy(AuthorizationService authorizations, List<AccessPolicy.Grant> policy) {
    Map<String, AccessPolicy.Grant> wanted = new LinkedHashMap<>();
    policy.forEach(grant -> wanted.put(key(grant.groupId(), grant.resource().resourceType(), grant.resourceId()), grant));
    for (Authorization existing : authorizations.createAuthorizationQuery()
        .groupIdIn(Groups.ALL.toArray(String[]::new)).authorizationType(Authorization.AUTH_TYPE_GRANT).list()) {
      if (isPerTask(existing)) {
        continue;
      }
      AccessPolicy.Grant grant = wanted.remove(key(existing.getGroupId(), existing.getResourceType(), existing.getResourceId()));
      if (grant == null) {
        log.warn("Removed a grant the access policy does not have: group '{}', resource type {}, resource '{}'",
            existing.getGroupId(), existing.getResourceType(), existing.getResourceId());
        authorizations.deleteAuthorization(existing.getId());
      } else if (mask(existing) != mask(grant.permissions())) {
        log.info("Set the permissions of group '{}' on {} '{}' to {}", grant.groupId(), grant.resource(),
            grant.resourceId(), grant.permissions());
        existing.setPermissions(grant.permissions().toArray(Permission[]::new));
        authorizations.saveAuthorization(existing);
      }
    }
    for (AccessPolicy.Grant grant : wanted.values()) {
      Authorization authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      authorization.setGroupId(grant.groupId());
      authorization.setResource(grant.resource());
      authorization.setResourceId(grant.resourceId());
      authorization.setPermissions(grant.permissions().toArray(Permission[]::new));
      authorizations.saveAuthorization(authorization);
    }
  }

  /** Camunda's own grant to a candidate group of one task (created and deleted with the task). */
  static boolean isPerTask(Authorization authorization) {
    return (authorization.getResourceType() == Resources.TASK.resourceType()
        || authorization.getResourceType() == Resources.HISTORIC_TASK.resourceType())
        && !Authorization.ANY.equals(authorization.getResourceId());
  }

  /**
   * Camunda used to grant whoever deployed READ and DELETE on their deployment; DELETE with cascade
   * removes running journeys, so it is for administrators only (NoDeleteForDeployers stops new ones).
   */
  private void takeDeleteFromDeployers(AuthorizationService authorizations) {
    for (Authorization authorization : authorizations.createAuthorizationQuery()
        .resourceType(Resources.DEPLOYMENT).authorizationType(Authorization.AUTH_TYPE_GRANT).list()) {
      if (authorization.getUserId() != null && authorization.isPermissionGranted(Permissions.DELETE)) {
        authorization.removePermission(Permissions.DELETE);
        authorizations.saveAuthorization(authorization);
        log.info("Took DELETE on deployment '{}' from user '{}'", authorization.getResourceId(), authorization.getUserId());
      }
    }
  }

  private static String key(String groupId, int resourceType, String resourceId) {
    return groupId + "|" + resourceType + "|" + resourceId;
  }

  private static int mask(Authorization authorization) {
    return ((AuthorizationEntity) authorization).getPermissions();
  }

  private static int mask(List<Permission> permissions) {
    int mask = 0;
    for (Permission permission : permissions) {
      mask |= permission.getValue();
    }
    return mask;
  }

  /** The Tasklist filters, and the grants that let groups use them. */
  private List<AccessPolicy.Grant> ensureTaskFilters(ProcessEngine engine) {
    FilterService filters = engine.getFilterService();
    Map<String, Filter> byName = new LinkedHashMap<>();
    byName.put(MY_TASKS_FILTER, ensureFilter(filters, MY_TASKS_FILTER, -10, "Tasks assigned to me",
        dueFirst(engine.getTaskService().createTaskQuery().taskAssigneeExpression("${currentUser()}"))));
    // tasks a whole group may take (a review for the managers, a replacement for the process owners)
    byName.put(GROUP_TASKS_FILTER, ensureFilter(filters, GROUP_TASKS_FILTER, -5, "Tasks any member of my groups may take",
        dueFirst(engine.getTaskService().createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}"))));
    byName.put(TEAM_TASKS_FILTER, ensureFilter(filters, TEAM_TASKS_FILTER, 0, "Every open task the team has",
        dueFirst(engine.getTaskService().createTaskQuery())));
    List<AccessPolicy.Grant> grants = new ArrayList<>();
    AccessPolicy.filterReaders().forEach((name, groupIds) -> groupIds.forEach(groupId -> grants.add(
        new AccessPolicy.Grant(groupId, Resources.FILTER, byName.get(name).getId(), List.of(Permissions.READ)))));
    return grants;
  }

  /**
   * A worklist order: what is due first on top, the higher priority first among tasks due at once. Tasklist adds
   * its own sorting (created, by default) after the filter's, so this order holds whatever it shows.
   */
  static TaskQuery dueFirst(TaskQuery query) {
    return query.orderByDueDate().asc().orderByTaskPriority().desc();
  }

  private Filter ensureFilter(FilterService filters, String name, int priority, String description, TaskQuery query) {
    // Filters have no unique key; earlier versions could create one twice when two nodes started at once.
    List<Filter> existing = filters.createTaskFilterQuery().filterName(name).orderByFilterId().asc().list();
    if (!existing.isEmpty()) {
      if (existing.size() > 1) {
        log.warn("{} Tasklist filters are named '{}'; the groups' grants go to the first ({}), delete the others in Camunda Admin",
            existing.size(), name, existing.get(0).getId());
      }
      Filter filter = existing.get(0);
      // a filter an earlier version created, without the worklist order: it gets the query of this version
      if (!sameOrder(filter.getQuery(), query)) {
        filter.setQuery(query);
        filters.saveFilter(filter);
        log.info("Tasklist filter '{}' now sorts by due date, then priority", name);
      }
      return filter;
    }
    Filter filter = filters.newTaskFilter(name)
        .setQuery(query)
        .setProperties(Map.of("priority", priority, "description", description, "refresh", true));
    return filters.saveFilter(filter);
  }

  private static boolean sameOrder(Query<?, ?> stored, TaskQuery wanted) {
    return order(stored).equals(order(wanted));
  }

  /** A query's order as "property direction" pairs (Camunda's ordering properties are not comparable themselves). */
  static List<String> order(Query<?, ?> query) {
    if (!(query instanceof AbstractQuery<?, ?> abstractQuery) || abstractQuery.getOrderingProperties() == null) {
      return List.of();
    }
    return abstractQuery.getOrderingProperties().stream()
        .map(property -> property.getQueryProperty().getName() + " " + property.getDirection().getName()).toList();
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

  /**
   * Camunda's default grants, except that whoever deploys gets nothing on the deployment: Camunda
   * would grant them DELETE, and deleting with cascade removes running journeys. Process owners read
   * every deployment through their group.
   */
  static class NoDeleteForDeployers extends DefaultAuthorizationProvider {
    @Override
    public AuthorizationEntity[] newDeployment(Deployment deployment) {
      return null;
    }
  }
}
