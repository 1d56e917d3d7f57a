package io.resettle.run;

import io.resettle.support.RefusedException;
import io.resettle.support.RunStatus;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What {@link JobRunner} checks before it launches or restarts a period job (R2.6, R11.4, R11.5):
 * each check refuses with the way out in its message. Reads the job repository, the period's runs
 * and the ingest's file records.
 */
@Component
class LaunchChecks {

    private static final List<String> SETTLED = List.of(RunStatus.COMPLETED, RunStatus.COMPLETED_WITH_BREAKS);

    private static final String QUARANTINED_FILES = """
            SELECT file || ' (' || status || ')' FROM ingest_file WHERE period = :period
               AND status IN ('QUARANTINED', 'REJECTED') ORDER BY file
            """;
    private static final String LATER_SETTLED_PERIOD = """
            SELECT MIN(period) FROM period_run WHERE period > :period
               AND status IN (:settled)
            """;
    private static final String LAST_EXECUTION_OF_INSTANCE = """
            SELECT MAX(e.job_execution_id) FROM batch_job_execution e
              JOIN batch_job_execution p ON p.job_instance_id = e.job_instance_id WHERE p.job_execution_id = :execution
            """;
    private static final String LAST_EXECUTION_OF_PERIOD = """
            SELECT e.job_execution_id, e.status FROM batch_job_execution e
              JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
              JOIN batch_job_execution_params p ON p.job_execution_id = e.job_execution_id
             WHERE i.job_name = :job AND p.parameter_name = 'period' AND p.parameter_value = :period
             ORDER BY e.job_execution_id DESC FETCH FIRST 1 ROWS ONLY
            """;

    private final JobRepository jobRepository;
    private final PeriodRuns periodRuns;
    private final JdbcClient jdbc;

    LaunchChecks(JobRepository jobRepository, PeriodRuns periodRuns, JdbcTemplate jdbc) {
        this.jobRepository = jobRepository;
        this.periodRuns = periodRuns;
        this.jdbc = JdbcClient.create(jdbc);
    }

    void refuseIfRunning(String jobName, YearMonth period) {
        Set<JobExecution> running = jobRepository.findRunningJobExecutions(jobName);
        List<Long> same = running.stream()
                .filter(e -> period.toString().equals(e.getJobParameters().getString("period")))
                .map(JobExecution::getId).sorted().toList();
        if (!same.isEmpty()) {
            throw new RefusedException(jobName + " of " + period + " is already running (execution " + same
                    + "); wait for it, or if its process died, run: resettle restart --execution " + same.get(0));
        }
    }

    void refuseIfClosed(YearMonth period, String what) {
        if (periodRuns.isClosed(period)) {
            throw new RefusedException(period + " is closed; reopen it first: resettle reopen --period " + period
                    + " --reason \"...\" (a closed period is not " + what + ")");
        }
    }

    /**
     * R2.6: a file rejected whole stops the settlement as a quarantined one does (issue 15), unless
     * {@code force}. Returns the quarantined and rejected files (empty: none).
     */
    List<String> refuseQuarantinedUnlessForced(YearMonth period, boolean force) {
        List<String> quarantined = jdbc.sql(QUARANTINED_FILES).param("period", period.toString())
                .query(String.class).list();
        if (!quarantined.isEmpty() && !force) {
            throw new RefusedException(period + " has quarantined or rejected export file(s): " + String.join(", ", quarantined)
                    + ". Replace them and ingest again, or settle without their rows with --force.");
        }
        return quarantined;
    }

    /**
     * Payout runs chain from one settled period to the next (open items, rebate stages): settling an
     * earlier period after a later one would pay again what the later one carried.
     */
    void refuseIfLaterPeriodSettled(YearMonth period) {
        String later = jdbc.sql(LATER_SETTLED_PERIOD).param("period", period.toString()).param("settled", SETTLED)
                .query(String.class).optional().orElse(null);
        if (later != null) {
            throw new RefusedException(later + " is already settled; " + period + " cannot be settled after it,"
                    + " because payouts run from one settled period to the next and " + later
                    + " has already paid or carried what " + period + " would pay. Settle periods in order.");
        }
    }

    /** The newest execution of the revision's job instance: the one a restart resumes. */
    long lastExecutionOf(PeriodRuns.PeriodRun run) {
        Long last = jdbc.sql(LAST_EXECUTION_OF_INSTANCE).param("execution", run.jobExecutionId())
                .query(Long.class).optional().orElse(null);
        return last == null ? run.jobExecutionId() : last;
    }

    /**
     * After a failed ingest the period's files are recorded as that ingest left them while its
     * billing lines may still be the previous ones: a settlement would price one and list the
     * other in its manifest. The ingest is resumed or run again first.
     */
    void refuseUnlessLastIngestCompleted(String ingestJob, YearMonth period) {
        List<Map<String, Object>> last = jdbc.sql(LAST_EXECUTION_OF_PERIOD).param("job", ingestJob)
                .param("period", period.toString()).query().listOfRows();
        if (last.isEmpty()) {
            throw new RefusedException("nothing has been ingested for " + period + ": no ingest of " + period
                    + " has completed; run: resettle ingest --period " + period);
        }
        if (!BatchStatus.COMPLETED.name().equals(last.get(0).get("status"))) {
            Object execution = last.get(0).get("job_execution_id");
            Object status = last.get(0).get("status");
            throw new RefusedException("the last ingest of " + period + " (execution " + execution + ") ended "
                    + status + ", so its files and billing lines may not match; "
                    + ("ABANDONED".equals(status) ? "ingest the period again"
                            : "resume it: resettle restart --execution " + execution + ", or ingest the period again"));
        }
    }
}
