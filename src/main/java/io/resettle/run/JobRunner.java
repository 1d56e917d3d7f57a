package io.resettle.run;

import io.resettle.support.FaultInjection;
import io.resettle.support.RefusedException;
import io.resettle.support.SqlDialect;
import java.time.YearMonth;
import java.util.List;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

/**
 * Starts and restarts the period jobs through the {@link JobOperator}, refusing a second launch of
 * a period that is already running (R11.4); what each launch checks first is {@link LaunchChecks}.
 */
@Service
public class JobRunner {

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job ingestJob;
    private final Job settleJob;
    private final Job forecastJob;
    private final SqlDialect dialect;
    private final PeriodRuns periodRuns;
    private final LaunchChecks checks;
    private final RunLiveness runLiveness;
    private final LaunchLock launchLock;
    private final FaultInjection faults;

    public JobRunner(JobOperator jobOperator, JobRepository jobRepository, @Qualifier("ingestJob") Job ingestJob,
            @Qualifier("settleJob") Job settleJob, @Qualifier("forecastJob") Job forecastJob, SqlDialect dialect,
            PeriodRuns periodRuns, LaunchChecks checks, RunLiveness runLiveness, LaunchLock launchLock, FaultInjection faults) {
        this.runLiveness = runLiveness;
        this.launchLock = launchLock;
        this.faults = faults;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.ingestJob = ingestJob;
        this.settleJob = settleJob;
        this.forecastJob = forecastJob;
        this.dialect = dialect;
        this.periodRuns = periodRuns;
        this.checks = checks;
    }

    /**
     * Ingests a period: a new job instance per launch, identified by a fresh generation number.
     * Refused while the period is ingested or settled, and when it is closed (issue 14.8: an ingest
     * would rewrite {@code out/<period>/ingest} and the lines a closed settlement was made of).
     */
    public JobExecution ingest(YearMonth period, String dataDir, String outDir) throws Exception {
        launchLock.acquire();
        try {
            return ingestHoldingLock(period, dataDir, outDir);
        } finally {
            launchLock.release();
        }
    }

    private JobExecution ingestHoldingLock(YearMonth period, String dataDir, String outDir) throws Exception {
        checks.refuseIfRunning(ingestJob.getName(), period);
        // A settle reads the period's billing lines from start to end; a rebuild under it would change them.
        checks.refuseIfRunning(settleJob.getName(), period);
        checks.refuseIfClosed(period, "ingested again");
        long generation = dialect.nextValue("ingest_generation_seq");
        JobParameters parameters = new org.springframework.batch.core.job.parameters.JobParametersBuilder()
                .addString("period", period.toString())
                .addLong("generation", generation)
                .addString("data", dataDir, false)
                .addString("out", outDir, false)
                .toJobParameters();
        faults.beforeLaunch();
        return runLiveness.launchedHere(jobOperator.start(ingestJob, parameters));
    }

    /** Forecasts a period: a new job instance per launch, identified by a fresh run number (nightly). */
    public JobExecution forecast(YearMonth period, String outDir) throws Exception {
        checks.refuseIfRunning(forecastJob.getName(), period);
        JobParameters parameters = new org.springframework.batch.core.job.parameters.JobParametersBuilder()
                .addString("period", period.toString())
                .addLong("run", dialect.nextValue("forecast_run_seq"))
                .addString("out", outDir, false)
                .toJobParameters();
        return runLiveness.launchedHere(jobOperator.start(forecastJob, parameters));
    }

    /**
     * Settles a period: revision 1, or with {@code rerun} revision n+1 of a settled period (R11.1).
     * Refused (exit 2) while the period runs or is being ingested, when its last ingest did not
     * complete, when it is closed (R11.5), when no ingest of it ever completed (a completed ingest
     * without any export file is an empty month, settled with zero lines: issue 14.3),
     * when an earlier revision did not complete (restart it instead), when a later period is
     * already settled (a first settlement only: payouts chain from period to period), and when the
     * period has quarantined files (R2.6) unless {@code force}.
     */
    public JobExecution settle(YearMonth period, boolean rerun, boolean force, String outDir) throws Exception {
        launchLock.acquire();
        try {
            return settleHoldingLock(period, rerun, force, outDir);
        } finally {
            launchLock.release();
        }
    }

    private JobExecution settleHoldingLock(YearMonth period, boolean rerun, boolean force, String outDir) throws Exception {
        checks.refuseIfRunning(settleJob.getName(), period);
        checks.refuseIfRunning(ingestJob.getName(), period);
        checks.refuseUnlessLastIngestCompleted(ingestJob.getName(), period);
        checks.refuseIfClosed(period, "settled again");
        List<String> quarantined = checks.refuseQuarantinedUnlessForced(period, force);
        int revision = 1;
        var latest = periodRuns.latest(period);
        if (latest.isEmpty()) {
            checks.refuseIfLaterPeriodSettled(period);
        }
        if (latest.isPresent()) {
            var run = latest.get();
            if (!run.completed()) {
                throw new RefusedException("revision " + run.revision() + " of " + period + " did not complete (status "
                        + run.status() + "); resume it: resettle restart --execution " + checks.lastExecutionOf(run));
            }
            if (!rerun) {
                throw new RefusedException(period + " is already settled (revision " + run.revision()
                        + "); to settle it again as revision " + (run.revision() + 1) + " use --rerun");
            }
            revision = run.revision() + 1;
        }
        JobParameters parameters = new org.springframework.batch.core.job.parameters.JobParametersBuilder()
                .addString("period", period.toString())
                .addLong("revision", (long) revision)
                .addString("out", outDir, false)
                .addString("forced", String.valueOf(force && !quarantined.isEmpty()), false)
                .toJobParameters();
        faults.beforeLaunch();
        try {
            return runLiveness.launchedHere(jobOperator.start(settleJob, parameters));
        } catch (JobExecutionAlreadyRunningException | JobInstanceAlreadyCompleteException
                | org.springframework.dao.DuplicateKeyException e) {
            throw new RefusedException("settle of " + period + " revision " + revision + " was launched by someone else"
                    + " at the same time: " + e.getMessage());
        }
    }

    /** R11.5: a closed period is never re-run unless reopened. Only a settled, idle period can be closed. */
    public void close(YearMonth period, String user) {
        checks.refuseIfRunning(settleJob.getName(), period);
        if (periodRuns.isClosed(period)) {
            throw new RefusedException(period + " is already closed");
        }
        if (periodRuns.latest(period).filter(PeriodRuns.PeriodRun::completed).isEmpty()) {
            throw new RefusedException(period + " has no completed settlement to close");
        }
        periodRuns.record(period, "CLOSED", user, null);
    }

    public void reopen(YearMonth period, String reason, String user) {
        if (reason == null || reason.isBlank()) {
            throw new RefusedException("reopening " + period + " needs a reason (--reason \"...\")");
        }
        if (!periodRuns.isClosed(period)) {
            throw new RefusedException(period + " is not closed");
        }
        periodRuns.record(period, "REOPENED", user, reason);
    }

    /**
     * Resumes a FAILED or STOPPED execution from its last committed chunk (R11.4). An execution a
     * killed JVM left STARTED is first marked failed with {@link JobOperator#recover}; one that is
     * still alive in another process ({@link RunLiveness}) is refused.
     */
    public JobExecution restart(long executionId) throws Exception {
        launchLock.acquire();
        try {
            return restartHoldingLock(executionId);
        } finally {
            launchLock.release();
        }
    }

    private JobExecution restartHoldingLock(long executionId) throws Exception {
        JobExecution execution;
        try {
            execution = jobRepository.getJobExecution(executionId);
        } catch (org.springframework.dao.EmptyResultDataAccessException e) {
            execution = null;
        }
        if (execution == null) {
            throw new RefusedException("there is no job execution " + executionId + " in this database; the message of"
                    + " the failed run names the execution to restart (or see the dashboard's runs)");
        }
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            throw new RefusedException("execution " + executionId + " completed; nothing to restart");
        }
        if (execution.getStatus() == BatchStatus.ABANDONED) {
            throw new RefusedException("execution " + executionId + " was abandoned and cannot be restarted");
        }
        if (execution.getStatus().isRunning()) {
            if (runLiveness.isAlive(execution)) {
                throw new RefusedException("execution " + executionId + " is still running in another process;"
                        + " wait for it, or stop it first");
            }
            execution = jobOperator.recover(execution);
        }
        // The same refusals as a first launch: an ingest never rebuilds lines under a running settle,
        // a settle never resumes on lines an ingest is changing or left unfinished.
        String period = execution.getJobParameters().getString("period");
        if (period != null) {
            String job = execution.getJobInstance().getJobName();
            if (job.equals(ingestJob.getName())) {
                checks.refuseIfRunning(settleJob.getName(), YearMonth.parse(period));
                checks.refuseIfClosed(YearMonth.parse(period), "ingested again");
            } else if (job.equals(settleJob.getName())) {
                checks.refuseIfRunning(ingestJob.getName(), YearMonth.parse(period));
                checks.refuseUnlessLastIngestCompleted(ingestJob.getName(), YearMonth.parse(period));
            }
        }
        faults.beforeLaunch();
        return runLiveness.launchedHere(jobOperator.restart(execution));
    }
}
