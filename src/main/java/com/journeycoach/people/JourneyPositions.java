package com.journeycoach.people;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * Where each prospect's journey stands, as the module that runs the journeys knows it (journey implements this,
 * people lists it with the prospects: {@code GET /api/prospects}).
 */
public interface JourneyPositions {

  /**
   * The step of each prospect's running journey, by prospect id; a prospect without one (closed, or not started)
   * is missing. Asks the engine as the application: the caller has checked whose prospects these are.
   */
  Map<String, Position> of(Collection<String> prospectIds);

  /**
   * A journey's step ({@code share}, {@code view}, {@code follow-up}, {@code meeting}, {@code nurture}; null while it
   * is between them), since when it is there, and when what it waits for falls due: the task's due date, the view's
   * pace timer, the end of the nurture period. {@code taskId} and {@code taskName} name the open task, if any.
   */
  record Position(String step, Instant since, Instant due, String taskId, String taskName) {
  }
}
