package com.journeycoach.people;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
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

  /** A prospect as listed: its fields, and where its journey stands (null when none runs). */
  record Positioned(@JsonUnwrapped Prospect prospect, Position journey) {
  }

  /** What falls due first; a journey between steps, without a due date, after those with one. */
  Comparator<Positioned> BY_DUE = Comparator.comparing(
      (Positioned listed) -> listed.journey() == null ? null : listed.journey().due(), Comparator.nullsLast(Comparator.naturalOrder()))
      .thenComparing(listed -> listed.prospect().createdAt());

  /** These prospects, in their order, each with where its journey stands. */
  default List<Positioned> positioned(List<Prospect> prospects) {
    Map<String, Position> positions = of(prospects.stream().filter(p -> !p.isClosed()).map(Prospect::id).toList());
    return prospects.stream().map(p -> new Positioned(p, positions.get(p.id()))).toList();
  }

  /** These prospects with where their journeys stand, what falls due first at the top: a pipeline. */
  default List<Positioned> pipeline(List<Prospect> prospects) {
    return positioned(prospects).stream().sorted(BY_DUE).toList();
  }
}
