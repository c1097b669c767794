package com.journeycoach;

import java.util.Date;
import java.util.function.Consumer;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.mockito.stubbing.Answer;

/**
 * An in-memory engine without Spring for the fast process tests ({@code *PathsTest}): its expressions
 * resolve the beans a test registers with {@link Mocks#register}, so a diagram's paths run in
 * milliseconds and apart from the services behind them.
 *
 * <p>The test classes share one engine (named "paths", beside the Spring tests' engines in the JVM), built by
 * the first of them: building one costs a second or two, and each test's deployment is removed after it.
 */
public final class EngineWithMocks {

  /** The engine's clock in these tests: timers are due relative to it. */
  public static final Date NOW = Date.from(java.time.Instant.parse("2026-03-02T09:00:00Z"));

  private EngineWithMocks() {
  }

  private static ProcessEngine shared;

  /** The extension of a test class, on the engine the path tests share. */
  public static synchronized ProcessEngineExtension extension(Class<?> testClass) {
    if (shared == null) {
      shared = build();
    }
    return ProcessEngineExtension.builder().useProcessEngine(shared).build();
  }

  private static ProcessEngine build() {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
        .createStandaloneInMemProcessEngineConfiguration()
        .setProcessEngineName("paths")
        .setJdbcUrl("jdbc:h2:mem:paths;DB_CLOSE_DELAY=-1")
        .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
        .setJobExecutorActivate(false);
    configuration.setExpressionManager(new MockExpressionManager());
    // no metrics thread in a test that lives for a second
    configuration.setDbMetricsReporterActivate(false);
    return configuration.buildProcessEngine();
  }

  /** Before each test: the assertions on this engine, the clock at {@link #NOW}, no mocks left from before. */
  public static void beforeEach(ProcessEngineExtension extension) {
    Mocks.reset();
    BpmnAwareTests.init(extension.getProcessEngine());
    ClockUtil.setCurrentTime(NOW);
  }

  /** After each test: the clock and the mocks back as they were (both are global to the thread or the JVM). */
  public static void afterEach() {
    ClockUtil.reset();
    Mocks.reset();
  }

  /** After the class: the assertions no longer bound to the shared engine (the next class binds them again). */
  public static void afterAll(ProcessEngineExtension extension) {
    BpmnAwareTests.reset();
  }

  /** An answer for a mocked step {@code bean.method(execution, ...)} that does what the real one does to the execution. */
  public static Answer<Void> onExecution(Consumer<DelegateExecution> step) {
    return invocation -> {
      step.accept(invocation.getArgument(0));
      return null;
    };
  }

  /** When a job is due: its due date minus {@link #NOW}, in milliseconds. */
  public static long dueAfterMillis(Job job) {
    return job.getDuedate().getTime() - NOW.getTime();
  }
}
