package io.resettle.web;

import io.resettle.run.JobRunner;
import io.resettle.run.PeriodActions;
import io.resettle.run.Refusal;
import io.resettle.run.RunLiveness;
import java.time.YearMonth;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** {@link PeriodActions} carried out by the {@link JobRunner} and the {@link JobOperator}. */
@Component
class JobRunnerPeriodActions implements PeriodActions {

    private final JobRunner runner;
    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final String dataDir;
    private final String outDir;
    private final RunLiveness liveness;

    JobRunnerPeriodActions(JobRunner runner, JobOperator jobOperator, JobRepository jobRepository, RunLiveness liveness,
            @Value("${resettle.data:sample-data}") String dataDir, @Value("${resettle.out:out}") String outDir) {
        this.liveness = liveness;
        this.runner = runner;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.dataDir = dataDir;
        this.outDir = outDir;
    }

    @Override
    public long launchIngest(YearMonth period) throws Exception {
        return runner.ingest(period, dataDir, outDir).getId();
    }

    @Override
    public long launchSettle(YearMonth period) throws Exception {
        return runner.settle(period, false, false, outDir).getId();
    }

    @Override
    public long launchForecast(YearMonth period) throws Exception {
        return runner.forecast(period, outDir).getId();
    }

    @Override
    public long rerun(YearMonth period) throws Exception {
        return runner.settle(period, true, false, outDir).getId();
    }

    @Override
    public long restart(long executionId) throws Exception {
        JobExecution execution = execution(executionId);
        Long next = jobRepository.getJobExecutions(execution.getJobInstance()).stream().map(JobExecution::getId)
                .filter(id -> id > executionId).min(Long::compare).orElse(null);
        if (next != null) {
            throw new Refusal("refusal.alreadyRestarted", "Execution " + executionId + " was already restarted as execution "
                    + next + "; follow that one.", executionId, next);
        }
        return runner.restart(executionId).getId();
    }

    @Override
    public void stop(long executionId) throws Exception {
        JobExecution execution = execution(executionId);
        if (!execution.isRunning()) {
            throw new Refusal("refusal.notRunning", "Execution " + executionId + " is " + execution.getStatus()
                    + ", not running.", executionId, execution.getStatus().name());
        }
        jobOperator.stop(execution);
    }

    @Override
    public void recover(long executionId) throws Exception {
        JobExecution execution = execution(executionId);
        if (!execution.getStatus().isRunning()) {
            throw new Refusal("refusal.recoverNotRunning", "Execution " + executionId + " is " + execution.getStatus()
                    + "; only a run left STARTED or STOPPING can be recovered.", executionId, execution.getStatus().name());
        }
        if (liveness.isAlive(execution)) {
            throw new Refusal("refusal.recoverAlive", "Execution " + executionId + " is still running in a live process;"
                    + " stop it instead, or wait for it.", executionId);
        }
        jobOperator.recover(execution);
    }

    @Override
    public void abandon(long executionId) throws Exception {
        JobExecution execution = execution(executionId);
        if (execution.getStatus() == BatchStatus.COMPLETED || execution.getStatus() == BatchStatus.ABANDONED) {
            throw new Refusal("refusal.abandon", "Execution " + executionId + " is " + execution.getStatus()
                    + "; only a failed or stopped run can be abandoned.", executionId, execution.getStatus().name());
        }
        jobOperator.abandon(execution);
    }

    @Override
    public void close(YearMonth period, String user) {
        runner.close(period, user);
    }

    @Override
    public void reopen(YearMonth period, String reason, String user) {
        runner.reopen(period, reason, user);
    }

    private JobExecution execution(long executionId) {
        JobExecution execution;
        try {
            execution = jobRepository.getJobExecution(executionId);
        } catch (org.springframework.dao.EmptyResultDataAccessException e) {
            execution = null;
        }
        if (execution == null) {
            throw new Refusal("refusal.noExecution", "There is no job execution " + executionId + ".", executionId);
        }
        return execution;
    }
}
