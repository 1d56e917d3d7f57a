package io.resettle.run;

import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

/**
 * Starts and restarts the period jobs through the {@link JobOperator}, refusing a second launch of
 * a period that is already running (R11.4).
 */
@Service
public class JobRunner {

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job ingestJob;
    private final SqlDialect dialect;

    public JobRunner(JobOperator jobOperator, JobRepository jobRepository, @Qualifier("ingestJob") Job ingestJob,
            SqlDialect dialect) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.ingestJob = ingestJob;
        this.dialect = dialect;
    }

    /** Ingests a period: a new job instance per launch, identified by a fresh generation number. */
    public JobExecution ingest(YearMonth period, String dataDir, String outDir) throws Exception {
        refuseIfRunning(ingestJob.getName(), period);
        long generation = dialect.nextValue("ingest_generation_seq");
        JobParameters parameters = new org.springframework.batch.core.job.parameters.JobParametersBuilder()
                .addString("period", period.toString())
                .addLong("generation", generation)
                .addString("data", dataDir, false)
                .addString("out", outDir, false)
                .toJobParameters();
        return jobOperator.start(ingestJob, parameters);
    }

    /**
     * Resumes a FAILED or STOPPED execution from its last committed chunk (R11.4). An execution a
     * killed JVM left STARTED is first marked failed with {@link JobOperator#recover}.
     */
    public JobExecution restart(long executionId) throws Exception {
        JobExecution execution = jobRepository.getJobExecution(executionId);
        if (execution == null) {
            throw new RefusedException("there is no job execution " + executionId);
        }
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            throw new RefusedException("execution " + executionId + " completed; nothing to restart");
        }
        if (execution.getStatus() == BatchStatus.ABANDONED) {
            throw new RefusedException("execution " + executionId + " was abandoned and cannot be restarted");
        }
        if (execution.getStatus().isRunning()) {
            execution = jobOperator.recover(execution);
        }
        return jobOperator.restart(execution);
    }

    /**
     * Settles a period, or re-runs it as a new revision. Replaced by the settle job's launch; until
     * then every call is refused.
     */
    public JobExecution settle(YearMonth period, boolean rerun, String outDir) throws Exception {
        throw new RefusedException("settle is not available in this build yet");
    }

    /** Closes a settled period against further re-runs (R11). Refused until settle exists. */
    public void close(YearMonth period, String user) {
        throw new RefusedException("settle is not available in this build yet");
    }

    /** Reopens a closed period, with the reason recorded (R11). Refused until settle exists. */
    public void reopen(YearMonth period, String reason, String user) {
        throw new RefusedException("settle is not available in this build yet");
    }

    private void refuseIfRunning(String jobName, YearMonth period) {
        Set<JobExecution> running = jobRepository.findRunningJobExecutions(jobName);
        List<Long> same = running.stream()
                .filter(e -> period.toString().equals(e.getJobParameters().getString("period")))
                .map(JobExecution::getId).sorted().toList();
        if (!same.isEmpty()) {
            throw new RefusedException(jobName + " of " + period + " is already running (execution " + same
                    + "); wait for it, or if its process died, run: resettle restart --execution " + same.get(0));
        }
    }
}
