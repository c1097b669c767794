package com.journeycoach.system;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A job this node had begun when it lost the database, and that another node ran to the end once the job's lock
 * expired, is no error: the node, back, finds the job's process instance gone ("Cannot restore state of process
 * instance ...: list of executions is empty") and drops its attempt, which rolls back. Camunda logs that as an
 * ERROR with a stack trace; here it is one INFO line, like the optimistic-locking failures Camunda already
 * logs quietly. Every other failure is logged as before.
 */
@Component
public class TakenOverJobs extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(TakenOverJobs.class);
  private static final String INSTANCE_GONE = "Cannot restore state of process instance";

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    CommandContextFactory quiet = new CommandContextFactory() {
      @Override
      public CommandContext createCommandContext() {
        return new Context(processEngineConfiguration);
      }
    };
    quiet.setProcessEngineConfiguration(configuration);
    configuration.setCommandContextFactory(quiet);
  }

  /** Whether the failure is a job's, whose process instance another node has ended meanwhile. */
  static boolean finishedElsewhere(JobEntity job, Throwable failure) {
    return job != null && failure instanceof NullValueException && failure.getMessage() != null
        && failure.getMessage().startsWith(INSTANCE_GONE);
  }

  /**
   * Whether a job's failure is an optimistic-locking failure that reached the command context's close wrapped in
   * another exception (the send ledger's, thrown when another worker took a send over): Camunda logs the bare one
   * quietly and retries the job either way.
   */
  static boolean wrappedLockingFailure(JobEntity job, Throwable failure) {
    if (job == null || failure instanceof OptimisticLockingException) {
      return false;
    }
    for (Throwable cause = failure.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
      if (cause instanceof OptimisticLockingException) {
        return true;
      }
    }
    return false;
  }

  /** Camunda's command context, quiet about a job another node finished. */
  static final class Context extends CommandContext {

    Context(ProcessEngineConfigurationImpl configuration) {
      super(configuration);
    }

    @Override
    protected boolean shouldLogFine(Throwable failure) {
      if (finishedElsewhere(getCurrentJob(), failure)) {
        log.info("Job {} ({}) was run to the end by another node while this one could not reach the database; its"
            + " process instance {} has moved on, so this attempt is dropped", getCurrentJob().getId(),
            getCurrentJob().getActivityId(), getCurrentJob().getProcessInstanceId());
        return true;
      }
      if (wrappedLockingFailure(getCurrentJob(), failure)) {
        log.info("Job {} ({}) gave way to another worker and will be retried: {}", getCurrentJob().getId(),
            getCurrentJob().getActivityId(), failure.getMessage());
        return true;
      }
      return super.shouldLogFine(failure);
    }
  }
}
