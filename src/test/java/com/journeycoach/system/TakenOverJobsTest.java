package com.journeycoach.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.persistence.entity.MessageEntity;
import org.junit.jupiter.api.Test;

/** Which failures the engine logs quietly as a job another node finished (the fault suite shows the whole case). */
class TakenOverJobsTest {

  private static final NullValueException INSTANCE_GONE = new NullValueException(
      "Cannot restore state of process instance 4597d934: list of executions is empty");

  @Test
  void aJobWhoseProcessInstanceIsGoneWasFinishedElsewhere() {
    assertThat(TakenOverJobs.finishedElsewhere(new MessageEntity(), INSTANCE_GONE)).isTrue();
  }

  @Test
  void outsideAJobOrForAnyOtherFailureItIsAnErrorAsBefore() {
    assertThat(TakenOverJobs.finishedElsewhere(null, INSTANCE_GONE)).as("no job: a request's command").isFalse();
    assertThat(TakenOverJobs.finishedElsewhere(new MessageEntity(), new NullValueException("execution is null"))).isFalse();
    assertThat(TakenOverJobs.finishedElsewhere(new MessageEntity(), new ProcessEngineException(INSTANCE_GONE.getMessage())))
        .isFalse();
    assertThat(TakenOverJobs.finishedElsewhere(new MessageEntity(), new OptimisticLockingException("changed"))).isFalse();
  }

  @Test
  void aJobsLockingFailureWrappedInAnotherIsQuietOutsideAJobOrUnwrappedAsCamundaDecides() {
    OptimisticLockingException takenOver = new OptimisticLockingException("Send ledger entry x:SMS changed since this attempt read it");
    assertThat(TakenOverJobs.wrappedLockingFailure(new MessageEntity(), new ProcessEngineException(takenOver))).isTrue();
    assertThat(TakenOverJobs.wrappedLockingFailure(new MessageEntity(),
        new ProcessEngineException(new IllegalStateException("wrapped twice", takenOver)))).isTrue();
    assertThat(TakenOverJobs.wrappedLockingFailure(null, new ProcessEngineException(takenOver))).as("no job").isFalse();
    assertThat(TakenOverJobs.wrappedLockingFailure(new MessageEntity(), takenOver)).as("Camunda's own case").isFalse();
    assertThat(TakenOverJobs.wrappedLockingFailure(new MessageEntity(),
        new ProcessEngineException(new IllegalStateException("No nudge null")))).isFalse();
  }
}
