package com.journeycoach.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.FormServiceImpl;
import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.TaskServiceImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.GetDeployedStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.springframework.stereotype.Component;

/**
 * The trust boundary of every user task: what a person (in Tasklist, or through {@code /engine-rest}
 * with any variables they like) may submit. A completion or form submission carries only the fields
 * the task's form declares, each within the form's own rules (required, lengths, ranges, options,
 * patterns), or it is refused with 400 naming the fields, and the task stays open. A person does not
 * set a task's variables apart from completing its form, does not hand a task to someone else, and
 * does not start a journey in the middle (skipping the step that registers its prospect).
 *
 * <p>Camunda's own services are replaced by subclasses that check first: Tasklist and the REST API
 * reach the engine through them. Calls without an authenticated user are the application's own and
 * pass unchanged. Administrators may reassign; the form's rules hold for them too.
 */
@Component
public class FormSubmissions extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    Guard guard = new Guard(configuration);
    configuration.setTaskService(new CheckedTaskService(guard));
    configuration.setFormService(new CheckedFormService(guard));
    List<CommandInterceptor> interceptors = configuration.getCustomPreCommandInterceptorsTxRequired() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
    interceptors.add(new NoStartInTheMiddle(guard));
    configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
  }

  /**
   * Checks a start by a person against the process's start form, from its first step: every variable
   * present then was submitted with the start.
   */
  public static void checkStart(DelegateExecution execution) {
    if (execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication() == null) {
      return;
    }
    String definitionId = execution.getProcessDefinitionId();
    CommandContext context = Context.getCommandContext();
    FormSchema form = context.runWithoutAuthorization(() -> deployedForm(new GetDeployedStartFormCmd(definitionId), context));
    Guard.refuse(form.problems(new HashMap<>(execution.getVariables()), name -> null, true));
  }

  private static FormSchema deployedForm(Command<InputStream> command, CommandContext context) {
    try (InputStream json = command.execute(context)) {
      return FormSchema.parse(json);
    } catch (ProcessEngineException e) {
      return FormSchema.NONE;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The checks, shared by the services. */
  static final class Guard {

    private final ProcessEngineConfigurationImpl configuration;

    Guard(ProcessEngineConfigurationImpl configuration) {
      this.configuration = configuration;
    }

    /** The person calling, or null for the application itself. */
    Authentication person() {
      return configuration.getIdentityService().getCurrentAuthentication();
    }

    boolean isAdministrator(Authentication person) {
      return person.getGroupIds() != null && person.getGroupIds().contains(Groups.ADMINS);
    }

    /** Refuses variables the task's form does not declare or whose values break its rules. */
    void checkTaskVariables(String taskId, Map<String, ?> variables, boolean completes) {
      Authentication person = person();
      if (person == null || !visible(taskId)) {
        // the application's own call; or the engine refuses the caller, without telling them about the form
        return;
      }
      TaskForm taskForm = configuration.getCommandExecutorTxRequired().execute(context -> context.runWithoutAuthorization(() -> {
        TaskEntity task = context.getTaskManager().findTaskById(taskId);
        if (task == null) {
          return null;
        }
        FormSchema form = deployedForm(new GetDeployedTaskFormCmd(taskId), context);
        Map<String, Object> current = new HashMap<>();
        form.keys().forEach(key -> current.put(key, task.getVariable(key)));
        return new TaskForm(form, current);
      }));
      if (taskForm != null) {
        refuse(taskForm.form().problems(variables == null ? Map.of() : variables, taskForm.current()::get, completes));
      }
    }

    /**
     * Refuses a change of who works on a task (unclaiming included), unless an administrator makes it or
     * someone whose group may assign every task ({@code TASK_ASSIGN} on all tasks: managers). A task's
     * assignee holds only {@code TASK_WORK} on it, so a distributor never strands their journey's task.
     */
    void checkReassignment(String taskId, String newUserId) {
      Authentication person = person();
      if (person == null || isAdministrator(person)) {
        return;
      }
      if (newUserId != null && newUserId.equals(person.getUserId()) && claimable(taskId)) {
        return;
      }
      if (assignsEveryTask(person)) {
        return;
      }
      throw new ForbiddenException("A task is worked by the person it is assigned to; only a manager or an administrator"
          + " reassigns it");
    }

    /** A group-wide grant, not the assignee's own grant on the task (which an earlier version made UPDATE). */
    private boolean assignsEveryTask(Authentication person) {
      return configuration.getCommandExecutorTxRequired().execute(context -> context.runWithoutAuthorization(() ->
          context.getAuthorizationManager().isAuthorized(person.getUserId(), person.getGroupIds(), TaskPermissions.TASK_ASSIGN,
              Resources.TASK, Authorization.ANY)));
    }

    /** Refuses a call that people do not make on tasks (BPMN errors, escalations, variable removal). */
    void refuseForPeople(String what) {
      Authentication person = person();
      if (person != null && !isAdministrator(person)) {
        throw new ForbiddenException(what + " is not something a person does to a task here");
      }
    }

    private boolean visible(String taskId) {
      return configuration.getTaskService().createTaskQuery().taskId(taskId).count() > 0;
    }

    /** A task nobody has yet, offered to the caller or their groups. */
    private boolean claimable(String taskId) {
      Task task = configuration.getTaskService().createTaskQuery().taskId(taskId).singleResult();
      return task != null && task.getAssignee() == null;
    }

    static void refuse(List<String> problems) {
      if (!problems.isEmpty()) {
        throw new InvalidInputException("The form's answers are not accepted: " + String.join("; ", problems), problems);
      }
    }
  }

  private record TaskForm(FormSchema form, Map<String, Object> current) {
  }

  /** Camunda's task service, checking what a person submits first. */
  static final class CheckedTaskService extends TaskServiceImpl {

    private final Guard guard;

    CheckedTaskService(Guard guard) {
      this.guard = guard;
    }

    @Override
    public void complete(String taskId) {
      guard.checkTaskVariables(taskId, Map.of(), true);
      super.complete(taskId);
    }

    @Override
    public void complete(String taskId, Map<String, Object> variables) {
      guard.checkTaskVariables(taskId, variables, true);
      super.complete(taskId, variables);
    }

    @Override
    public VariableMap completeWithVariablesInReturn(String taskId, Map<String, Object> variables, boolean deserializeValues) {
      guard.checkTaskVariables(taskId, variables, true);
      return super.completeWithVariablesInReturn(taskId, variables, deserializeValues);
    }

    @Override
    public void resolveTask(String taskId) {
      guard.checkTaskVariables(taskId, Map.of(), true);
      super.resolveTask(taskId);
    }

    @Override
    public void resolveTask(String taskId, Map<String, Object> variables) {
      guard.checkTaskVariables(taskId, variables, true);
      super.resolveTask(taskId, variables);
    }

    @Override
    protected void setVariables(String taskId, Map<String, ?> variables, boolean local) {
      guard.checkTaskVariables(taskId, variables, false);
      super.setVariables(taskId, variables, local);
    }

    @Override
    public void setVariable(String taskId, String name, Object value) {
      guard.checkTaskVariables(taskId, single(name, value), false);
      super.setVariable(taskId, name, value);
    }

    @Override
    public void setVariableLocal(String taskId, String name, Object value) {
      guard.checkTaskVariables(taskId, single(name, value), false);
      super.setVariableLocal(taskId, name, value);
    }

    @Override
    protected void updateVariables(String taskId, Map<String, ?> modifications, Collection<String> deletions, boolean local) {
      guard.checkTaskVariables(taskId, modifications == null ? Map.of() : modifications, false);
      if (deletions != null && !deletions.isEmpty()) {
        guard.refuseForPeople("Removing variables");
      }
      super.updateVariables(taskId, modifications, deletions, local);
    }

    @Override
    public void removeVariable(String taskId, String name) {
      guard.refuseForPeople("Removing variables");
      super.removeVariable(taskId, name);
    }

    @Override
    public void removeVariableLocal(String taskId, String name) {
      guard.refuseForPeople("Removing variables");
      super.removeVariableLocal(taskId, name);
    }

    @Override
    public void removeVariables(String taskId, Collection<String> names) {
      guard.refuseForPeople("Removing variables");
      super.removeVariables(taskId, names);
    }

    @Override
    public void removeVariablesLocal(String taskId, Collection<String> names) {
      guard.refuseForPeople("Removing variables");
      super.removeVariablesLocal(taskId, names);
    }

    @Override
    public void claim(String taskId, String userId) {
      guard.checkReassignment(taskId, userId);
      super.claim(taskId, userId);
    }

    @Override
    public void setAssignee(String taskId, String userId) {
      guard.checkReassignment(taskId, null);
      super.setAssignee(taskId, userId);
    }

    @Override
    public void delegateTask(String taskId, String userId) {
      guard.checkReassignment(taskId, null);
      super.delegateTask(taskId, userId);
    }

    @Override
    public void setOwner(String taskId, String userId) {
      guard.checkReassignment(taskId, null);
      super.setOwner(taskId, userId);
    }

    @Override
    public void saveTask(Task task) {
      guard.refuseForPeople("Changing a task directly");
      super.saveTask(task);
    }

    @Override
    public void handleBpmnError(String taskId, String errorCode, String errorMessage, Map<String, Object> variables) {
      guard.refuseForPeople("Throwing a BPMN error");
      super.handleBpmnError(taskId, errorCode, errorMessage, variables);
    }

    @Override
    public void handleEscalation(String taskId, String escalationCode, Map<String, Object> variables) {
      guard.refuseForPeople("Escalating");
      super.handleEscalation(taskId, escalationCode, variables);
    }

    private static Map<String, Object> single(String name, Object value) {
      Map<String, Object> one = new HashMap<>();
      one.put(name, value);
      return one;
    }
  }

  /** Camunda's form service, checking a task form's submission first. */
  static final class CheckedFormService extends FormServiceImpl {

    private final Guard guard;

    CheckedFormService(Guard guard) {
      this.guard = guard;
    }

    @Override
    public void submitTaskForm(String taskId, Map<String, Object> properties) {
      guard.checkTaskVariables(taskId, properties, true);
      super.submitTaskForm(taskId, properties);
    }

    @Override
    public VariableMap submitTaskFormWithVariablesInReturn(String taskId, Map<String, Object> properties, boolean deserializeValues) {
      guard.checkTaskVariables(taskId, properties, true);
      return super.submitTaskFormWithVariablesInReturn(taskId, properties, deserializeValues);
    }

    @Override
    public void submitTaskFormData(String taskId, Map<String, String> properties) {
      guard.checkTaskVariables(taskId, properties, true);
      super.submitTaskFormData(taskId, properties);
    }
  }

  /**
   * A person starts a process at its start event: starting before or after an inner activity (with
   * listeners skipped) would bypass the step that registers a journey's prospect and its owner.
   */
  static final class NoStartInTheMiddle extends CommandInterceptor {

    private final Guard guard;

    NoStartInTheMiddle(Guard guard) {
      this.guard = guard;
    }

    @Override
    public <T> T execute(Command<T> command) {
      if (command instanceof StartProcessInstanceAtActivitiesCmd) {
        guard.refuseForPeople("Starting a process at an inner activity");
      }
      return next.execute(command);
    }
  }
}
