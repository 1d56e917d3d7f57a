package io.resettle.ingest.batch;

import io.resettle.masterdata.IngestAccount;
import io.resettle.masterdata.batch.MasterDataStore;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * The sub-accounts as one ingest run sees them (R3), read once in this JVM and shared by
 * scanExports and the run's file partitions. When scanExports and each file read their own, an
 * ingest of n files read every sub-account n + 1 times: at 200,000 sub-accounts 0.3–0.5 s and a
 * map outliving the young generation each time (issue 20). Read-only once built, so threads share it.
 *
 * <p>Holds one run's accounts at a time, keyed by its job execution (its id and when it was
 * created, since a database recreated under a long-lived worker issues the same ids again): a
 * partition of another run (another period, or the restart of this one) reads its own and
 * replaces them. They are dropped when ingestExportFiles ends ({@link #releaseWhenStepEnds()}), or
 * the job if it ends before ({@link #releaseWhenJobEnds()}); a remote worker, which sees only
 * partitions, keeps the last run's until the next.
 */
@Component
class RunAccounts {

    private final MasterDataStore masterData;
    /** Whose accounts are held: null when none are. */
    private Run run;
    private Accounts accounts;

    /** One ingest run: its job execution. */
    record Run(long jobExecutionId, LocalDateTime created) {

        static Run of(JobExecution execution) {
            return new Run(execution.getId(), execution.getCreateTime());
        }
    }

    /** The run's sub-accounts by id, and their ids by vendor login name in lower case. */
    record Accounts(Map<String, IngestAccount> byId, Map<String, String> idByLogin) {

        /** The id of the sub-account whose vendor login this is, in any case; null if none. */
        String idOfLogin(String login) {
            return idByLogin.get(login.toLowerCase(Locale.ROOT));
        }
    }

    RunAccounts(MasterDataStore masterData) {
        this.masterData = masterData;
    }

    /** The run's accounts, read by the first step or partition that asks (the others wait for it). */
    synchronized Accounts of(Run run) {
        if (!run.equals(this.run)) {
            // The last run's are garbage before this run's are read.
            this.run = null;
            accounts = null;
            Map<String, IngestAccount> byId = masterData.ingestAccounts();
            Map<String, String> idByLogin = new HashMap<>();
            byId.values().forEach(account -> {
                if (account.vendorLogin() != null) {
                    idByLogin.put(account.vendorLogin().toLowerCase(Locale.ROOT), account.subAccountId());
                }
            });
            accounts = new Accounts(byId, idByLogin);
            this.run = run;
        }
        return accounts;
    }

    /** Whether a run's accounts are held. */
    synchronized boolean holdsAny() {
        return run != null;
    }

    /** Forgets the run's accounts once its files are ingested, however the step ended. */
    StepExecutionListener releaseWhenStepEnds() {
        return new StepExecutionListener() {
            @Override
            public ExitStatus afterStep(StepExecution stepExecution) {
                release(stepExecution.getJobExecutionId());
                return null;
            }
        };
    }

    /** Forgets the run's accounts once its ingest job has ended, however it ended. */
    JobExecutionListener releaseWhenJobEnds() {
        return new JobExecutionListener() {
            @Override
            public void afterJob(JobExecution jobExecution) {
                release(jobExecution.getId());
            }
        };
    }

    synchronized void release(long jobExecutionId) {
        if (run != null && run.jobExecutionId() == jobExecutionId) {
            accounts = null;
            run = null;
        }
    }
}
