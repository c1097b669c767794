package com.journeycoach.content;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds a cycle among prerequisites, so it can be refused with the cycle named. */
final class PrerequisiteGraph {

  private enum Mark { VISITING, DONE }

  private PrerequisiteGraph() {
  }

  /** A cycle as the ids along it, first id repeated at the end; empty when there is none. */
  static Optional<List<String>> findCycle(Collection<Asset> assets) {
    Map<String, List<String>> edges = new HashMap<>();
    assets.forEach(asset -> edges.put(asset.id(), asset.prerequisites()));
    Map<String, Mark> marks = new HashMap<>();
    List<String> path = new ArrayList<>();
    for (String start : edges.keySet().stream().sorted().toList()) {
      Optional<List<String>> cycle = visit(start, edges, marks, path);
      if (cycle.isPresent()) {
        return cycle;
      }
    }
    return Optional.empty();
  }

  private static Optional<List<String>> visit(String id, Map<String, List<String>> edges, Map<String, Mark> marks, List<String> path) {
    Mark mark = marks.get(id);
    if (mark == Mark.DONE) {
      return Optional.empty();
    }
    if (mark == Mark.VISITING) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(id), path.size()));
      cycle.add(id);
      return Optional.of(cycle);
    }
    marks.put(id, Mark.VISITING);
    path.add(id);
    for (String next : edges.getOrDefault(id, List.of())) {
      Optional<List<String>> cycle = visit(next, edges, marks, path);
      if (cycle.isPresent()) {
        return cycle;
      }
    }
    path.remove(path.size() - 1);
    marks.put(id, Mark.DONE);
    return Optional.empty();
  }
}
