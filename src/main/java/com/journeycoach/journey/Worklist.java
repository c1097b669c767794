package com.journeycoach.journey;

import com.journeycoach.settings.Pace;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * What makes a distributor's Tasklist a worklist: when each task is due and how it ranks. The user tasks
 * read it by expression: {@code camunda:dueDate="${worklist.due('prospect-development', 'share')}"} (the
 * threshold the step's pace timer reads, so the task falls due when its timer fires) and
 * {@code camunda:priority="${worklist.priority('share')}"}; a pace timer that fires raises the open tasks of
 * its journey ({@code ${worklist.overdue(execution)}}). The Tasklist filters sort by due date, then priority. The
 * names and descriptions read the journey's copies through it ({@code ${worklist.prospect(execution)}}), so a
 * missing copy never stops a task from being created.
 */
@Component("worklist")
public class Worklist {

  /**
   * The priority of each kind of task (Camunda's default is 50): a prospect ready to present to comes first,
   * then one who has just viewed, then a share.
   */
  static final Map<String, Integer> PRIORITIES = Map.of(
      "meeting", 80,
      "follow-up", 60,
      "share", 50,
      "check-in", 60,
      "training", 50,
      "product-training", 50);
  /** What an overdue task gains, so it ranks above every task of its kind on pace. */
  static final int OVERDUE_RAISE = 20;
  static final int MAX_PRIORITY = 100;

  private final Pace pace;

  public Worklist(Pace pace) {
    this.pace = pace;
  }

  /** Now plus the pace of a step, by the calendar Camunda computes the step's pace timer with. */
  public Date due(String processKey, String step) {
    return Context.getProcessEngineConfiguration().getBusinessCalendarManager()
        .getBusinessCalendar(DurationBusinessCalendar.NAME).resolveDuedate(pace.of(processKey, step));
  }

  /** The priority of a kind of task ({@link #PRIORITIES}). */
  public int priority(String kind) {
    Integer priority = PRIORITIES.get(kind);
    if (priority == null) {
      throw new IllegalArgumentException("No priority for tasks of kind '" + kind + "'; known: " + PRIORITIES.keySet());
    }
    return priority;
  }

  /**
   * A pace timer fired: the journey's open tasks rank {@link #OVERDUE_RAISE} higher than on pace. Raised once
   * from each task's own priority as created, so a second timer (the whole journey's) raises nothing more.
   */
  public void overdue(DelegateExecution execution) {
    TaskService tasks = execution.getProcessEngineServices().getTaskService();
    for (Task task : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).active().list()) {
      int raised = Math.min(MAX_PRIORITY, onPace(task) + OVERDUE_RAISE);
      if (task.getPriority() < raised) {
        tasks.setPriority(task.getId(), raised);
      }
    }
  }

  private int onPace(Task task) {
    String kind = TASK_KINDS.get(task.getTaskDefinitionKey());
    return kind == null ? task.getPriority() : priority(kind);
  }

  /** The user tasks whose priority comes from {@link #PRIORITIES}. */
  private static final Map<String, String> TASK_KINDS = Map.of(
      ProspectDevelopment.TASK_SHARE_ASSET, "share",
      ProspectDevelopment.TASK_ASK_FOLLOW_UP, "follow-up",
      ProspectDevelopment.TASK_RECORD_MEETING_OUTCOME, "meeting",
      DistributorOnboarding.TASK_COMPLETE_TRAINING, "training",
      DistributorOnboarding.TASK_TAKE_PRODUCT_TRAINING, "product-training",
      DistributorOnboarding.TASK_SPONSOR_CHECK_IN, "check-in");

  /**
   * The prospect as the journey's task names and descriptions call them ("Ana R."): a name never fails to create a
   * task, so a journey that lacks the copy (moved in Cockpit, or migrated from an earlier diagram) names them from
   * the full name, or "your prospect".
   */
  public String prospect(DelegateExecution execution) {
    Object shortName = execution.getVariable(ProspectDevelopment.PROSPECT_SHORT_NAME);
    if (shortName != null) {
      return shortName.toString();
    }
    Object fullName = execution.getVariable(ProspectDevelopment.PROSPECT_NAME);
    return fullName == null ? "your prospect" : fullName.toString();
  }

  /** The asset of the journey's current share, as the task names call it; "the next asset" when the copy is missing. */
  public String asset(DelegateExecution execution) {
    Object title = execution.getVariable(ProspectDevelopment.ASSET_TITLE);
    return title == null ? "the next asset" : title.toString();
  }

  /** The product a product training is about; "suggested" when the suggestion brought none ("Take the suggested product training"). */
  public String product(DelegateExecution execution) {
    Object product = execution.getVariable(DistributorOnboarding.PRODUCT);
    return product == null ? "suggested" : product.toString();
  }

  /** The new distributor of an onboarding, by first name; "them" when the copy is missing. */
  public String newDistributor(DelegateExecution execution) {
    Object name = execution.getVariable(DistributorOnboarding.DISTRIBUTOR_NAME);
    return name == null ? "them" : name.toString();
  }

  /**
   * How a task names a person: first name and last initial ("Ana R."), short enough that a task name with
   * an asset title stays within Camunda's 255 characters.
   */
  public static String shortName(String firstName, String lastName) {
    String first = firstName == null ? "" : firstName.strip();
    if (first.codePointCount(0, first.length()) > 30) {
      first = first.substring(0, first.offsetByCodePoints(0, 29)) + "…";
    }
    String last = lastName == null ? "" : lastName.strip();
    return last.isEmpty() ? first : first + " " + new String(Character.toChars(last.codePointAt(0))) + ".";
  }
}
