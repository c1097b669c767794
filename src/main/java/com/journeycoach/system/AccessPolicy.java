package com.journeycoach.system;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;

/**
 * What each group may do, least privilege first; written down, with the reasons, in
 * docs/authorizations.md (a test holds the database to that table). Distributors and sponsors see
 * only the tasks assigned to them: Camunda grants an assignee the task authorization when it
 * assigns the task, so no group-wide task permission is given to them.
 */
public final class AccessPolicy {

  /** One authorization: a group gets permissions on a resource (or on every one, {@code *}). */
  public record Grant(String groupId, Resource resource, String resourceId, List<Permission> permissions) {
  }

  static final String TASKLIST = "tasklist";
  static final String COCKPIT = "cockpit";
  static final String ADMIN_APP = "admin";

  private AccessPolicy() {
  }

  /** The grants for the given journeys that distributors may start themselves. */
  public static List<Grant> grants(List<String> distributorStartableProcesses) {
    List<Grant> grants = new ArrayList<>();

    // every group's members may read the group itself (Camunda grants this when a group is created)
    for (String groupId : Groups.ALL) {
      grants.add(new Grant(groupId, Resources.GROUP, groupId, List.of(Permissions.READ)));
    }

    // distributors: work their own tasks in Tasklist, start their own prospect journeys
    grants.add(app(Groups.DISTRIBUTORS, TASKLIST));
    for (String processKey : distributorStartableProcesses) {
      grants.add(new Grant(Groups.DISTRIBUTORS, Resources.PROCESS_DEFINITION, processKey,
          List.of(Permissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE)));
    }
    grants.add(new Grant(Groups.DISTRIBUTORS, Resources.PROCESS_INSTANCE, ANY,
        List.of(Permissions.CREATE)));

    // sponsors: their own check-in tasks
    grants.add(app(Groups.SPONSORS, TASKLIST));

    // managers: watch every journey and incident, retry failed sends, approve in Tasklist
    grants.add(app(Groups.MANAGERS, TASKLIST));
    grants.add(app(Groups.MANAGERS, COCKPIT));
    grants.add(new Grant(Groups.MANAGERS, Resources.PROCESS_DEFINITION, ANY, List.of(
        Permissions.READ, ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_TASK,
        ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.RETRY_JOB)));
    grants.add(new Grant(Groups.MANAGERS, Resources.PROCESS_INSTANCE, ANY,
        List.of(Permissions.READ, ProcessInstancePermissions.RETRY_JOB)));
    // and give any task to someone (back) when its assignee cannot work it; names, not ids, in their lists
    grants.add(new Grant(Groups.MANAGERS, Resources.TASK, ANY, List.of(Permissions.READ, TaskPermissions.TASK_ASSIGN)));
    grants.add(new Grant(Groups.MANAGERS, Resources.USER, ANY, List.of(Permissions.READ)));
    grants.add(new Grant(Groups.MANAGERS, Resources.DEPLOYMENT, ANY, List.of(Permissions.READ)));
    grants.add(new Grant(Groups.MANAGERS, Resources.DECISION_DEFINITION, ANY,
        List.of(Permissions.READ, Permissions.READ_HISTORY)));

    // process owners: deploy journeys and forms from Camunda Modeler, read the definitions in Cockpit.
    // No history (it holds people's data), no suspension, no time-to-live, no deleting deployments:
    // Camunda checks only DELETE on the deployment even when the delete cascades to running journeys.
    grants.add(app(Groups.PROCESS_OWNERS, COCKPIT));
    grants.add(app(Groups.PROCESS_OWNERS, TASKLIST));
    grants.add(new Grant(Groups.PROCESS_OWNERS, Resources.DEPLOYMENT, ANY,
        List.of(Permissions.CREATE, Permissions.READ)));
    grants.add(new Grant(Groups.PROCESS_OWNERS, Resources.PROCESS_DEFINITION, ANY, List.of(Permissions.READ)));
    grants.add(new Grant(Groups.PROCESS_OWNERS, Resources.DECISION_DEFINITION, ANY, List.of(Permissions.READ)));

    // administrators: everything
    for (Resources resource : Resources.values()) {
      grants.add(new Grant(Groups.ADMINS, resource, ANY, List.of(Permissions.ALL)));
    }
    return grants;
  }

  /** Tasklist filters by name, with the groups that may read (use) each. */
  public static Map<String, List<String>> filterReaders() {
    Map<String, List<String>> readers = new LinkedHashMap<>();
    readers.put(AccessBootstrap.MY_TASKS_FILTER,
        List.of(Groups.DISTRIBUTORS, Groups.SPONSORS, Groups.MANAGERS, Groups.PROCESS_OWNERS));
    readers.put(AccessBootstrap.GROUP_TASKS_FILTER, List.of(Groups.MANAGERS, Groups.PROCESS_OWNERS));
    readers.put(AccessBootstrap.TEAM_TASKS_FILTER, List.of(Groups.MANAGERS));
    return readers;
  }

  private static Grant app(String groupId, String application) {
    return new Grant(groupId, Resources.APPLICATION, application, List.of(Permissions.ACCESS));
  }
}
