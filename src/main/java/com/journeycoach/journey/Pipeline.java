package com.journeycoach.journey;

import com.journeycoach.people.JourneyPositions;
import com.journeycoach.system.EngineAsApplication;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * A distributor's pipeline: where each prospect's {@code prospect-development} journey stands. A journey at a task
 * is there since the task was created and due when the task is; one waiting for the prospect's view is due when the
 * view's pace timer fires (the distributor is reminded then); one in nurture when the nurture period is over. Read
 * from the engine: one query for the journeys and one for their tasks, and a few for each journey that waits without
 * a task.
 */
@Component
class Pipeline implements JourneyPositions {

  /** Camunda's queries take lists of ids; a database takes some thousand values in a list. */
  private static final int CHUNK = 500;

  /** The timer whose due date is what a waiting journey waits for. */
  private static final Map<String, String> WAIT_TIMERS = Map.of(
      ProspectDevelopment.TASK_WAIT_FOR_VIEW, ProspectDevelopment.TIMER_VIEW_OVERDUE,
      ProspectDevelopment.TIMER_NURTURE_OVER, ProspectDevelopment.TIMER_NURTURE_OVER);

  private final RuntimeService runtime;
  private final TaskService tasks;
  private final ManagementService management;
  private final HistoryService history;
  private final EngineAsApplication engine;

  Pipeline(RuntimeService runtime, TaskService tasks, ManagementService management, HistoryService history, EngineAsApplication engine) {
    this.runtime = runtime;
    this.tasks = tasks;
    this.management = management;
    this.history = history;
    this.engine = engine;
  }

  @Override
  public Map<String, Position> of(Collection<String> prospectIds) {
    List<String> ids = List.copyOf(prospectIds);
    Map<String, Position> positions = new HashMap<>();
    for (int from = 0; from < ids.size(); from += CHUNK) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
      positions.putAll(engine.call(() -> positionsOf(chunk)));
    }
    return positions;
  }

  private Map<String, Position> positionsOf(List<String> prospectIds) {
    Map<String, String> prospectOfJourney = new HashMap<>();
    // the runtime's query takes one business key at a time; history lists the running journeys of many
    history.createHistoricProcessInstanceQuery().processDefinitionKey(ProspectDevelopment.KEY)
        .processInstanceBusinessKeyIn(prospectIds.toArray(String[]::new)).unfinished().list()
        .forEach((HistoricProcessInstance journey) -> prospectOfJourney.put(journey.getId(), journey.getBusinessKey()));
    if (prospectOfJourney.isEmpty()) {
      return Map.of();
    }
    Map<String, Position> positions = new HashMap<>();
    tasks.createTaskQuery().processInstanceIdIn(prospectOfJourney.keySet().toArray(String[]::new)).list().stream()
        .filter((Task task) -> ProspectDevelopment.STEPS.containsKey(task.getTaskDefinitionKey()))
        .forEach(task -> positions.put(prospectOfJourney.get(task.getProcessInstanceId()), new Position(
            ProspectDevelopment.STEPS.get(task.getTaskDefinitionKey()), instant(task.getCreateTime()), instant(task.getDueDate()),
            task.getId(), task.getName())));
    List<String> waiting = new ArrayList<>(prospectOfJourney.keySet());
    waiting.removeIf(journeyId -> positions.containsKey(prospectOfJourney.get(journeyId)));
    for (String journeyId : waiting) {
      positions.put(prospectOfJourney.get(journeyId), waitingPosition(journeyId));
    }
    return positions;
  }

  /** A journey without a task: waiting for the view, in nurture, or between steps (its step null). */
  private Position waitingPosition(String journeyId) {
    Optional<String> wait = runtime.getActiveActivityIds(journeyId).stream().filter(WAIT_TIMERS::containsKey).findFirst();
    if (wait.isEmpty()) {
      return new Position(null, null, null, null, null);
    }
    Instant since = history.createHistoricActivityInstanceQuery().processInstanceId(journeyId).activityId(wait.get()).unfinished()
        .list().stream().map(HistoricActivityInstance::getStartTime).map(Pipeline::instant).findFirst().orElse(null);
    return new Position(ProspectDevelopment.STEPS.get(wait.get()), since, timerDue(journeyId, WAIT_TIMERS.get(wait.get())), null, null);
  }

  /** The timer's due date; once it fired (the view's reminder went out), the due date it had. */
  private Instant timerDue(String journeyId, String timerId) {
    Optional<Date> pending = management.createJobQuery().processInstanceId(journeyId).activityId(timerId).list().stream()
        .map(Job::getDuedate).findFirst();
    return instant(pending.orElseGet(() -> history.createHistoricJobLogQuery().processInstanceId(journeyId).activityIdIn(timerId)
        .creationLog().orderByTimestamp().desc().listPage(0, 1).stream().map(HistoricJobLog::getJobDueDate).findFirst().orElse(null)));
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
