package io.resettle.support;

import java.util.function.Function;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * What a job run builds once in this JVM and shares, read-only, among its steps and partitions,
 * held for one run at a time: a step or partition of another run (another period, or the restart
 * of this one) builds its own, which replaces it. A run is keyed by its job execution's id and
 * when it was created, since a database recreated under a long-lived worker issues the same ids
 * again. The owner drops it when the step or job that last needs it ends; a remote worker, which
 * sees only partitions, keeps the last run's until the next.
 *
 * @param <R> the run's key
 * @param <V> what the run holds
 */
public class HeldForOneRun<R extends HeldForOneRun.Run, V> {

    /** A run's key: its job execution's id, and whatever else tells its runs apart. */
    public interface Run {
        long jobExecutionId();
    }

    /** Whose value is held: null when none is. */
    private R run;
    private V value;

    /** The run's value, built by the first that asks (the others wait for it). */
    protected synchronized V of(R run, Function<R, V> build) {
        if (!run.equals(this.run)) {
            // The last run's is garbage before this run's is built.
            this.run = null;
            value = null;
            value = build.apply(run);
            this.run = run;
        }
        return value;
    }

    /** Whether a run's value is held. */
    public synchronized boolean holdsAny() {
        return run != null;
    }

    public synchronized void release(long jobExecutionId) {
        if (run != null && run.jobExecutionId() == jobExecutionId) {
            value = null;
            run = null;
        }
    }

    /** Forgets the run's value once a step of it has ended, however it ended. */
    public StepExecutionListener releaseWhenStepEnds() {
        return new StepExecutionListener() {
            @Override
            public ExitStatus afterStep(StepExecution stepExecution) {
                release(stepExecution.getJobExecutionId());
                return null;
            }
        };
    }

    /** Forgets the run's value once its job has ended, however it ended. */
    public JobExecutionListener releaseWhenJobEnds() {
        return new JobExecutionListener() {
            @Override
            public void afterJob(JobExecution jobExecution) {
                release(jobExecution.getId());
            }
        };
    }
}
