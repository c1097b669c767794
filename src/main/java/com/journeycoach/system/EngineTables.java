package com.journeycoach.system;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.ManagementService;
import org.springframework.stereotype.Component;

/**
 * The engine's table names (with their configured prefix), for the few reads of the engine's tables
 * that the application makes itself, where the engine's query API costs far more than the question:
 * a dynamic statement built for every call and a join per filter (found in profiles of the journey benchmark).
 */
@Component
public class EngineTables {

  private final ManagementService management;
  private final EngineAsApplication engine;
  private final Map<Class<?>, String> names = new ConcurrentHashMap<>();

  public EngineTables(ManagementService management, EngineAsApplication engine) {
    this.management = management;
    this.engine = engine;
  }

  /** The table of an engine entity, asked once, as the application (reading table names is an administrator's question). */
  public String of(Class<?> entity) {
    return names.computeIfAbsent(entity, type -> engine.call(() -> management.getTableName(type)));
  }
}
