package io.resettle.ingest.batch;

import io.resettle.masterdata.IngestAccount;
import io.resettle.masterdata.batch.MasterDataStore;
import io.resettle.support.HeldForOneRun;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

/**
 * The sub-accounts as one ingest run sees them (R3), read once in this JVM and shared by
 * scanExports and the run's file partitions ({@link HeldForOneRun}). When scanExports and each
 * file read their own, an ingest of n files read every sub-account n + 1 times: at 200,000
 * sub-accounts 0.3–0.5 s and a map outliving the young generation each time (issue 20). Read-only
 * once built, so threads share it. Dropped when ingestExportFiles ends
 * ({@link #releaseWhenStepEnds()}), or the job if it ends before ({@link #releaseWhenJobEnds()}).
 */
@Component
class RunAccounts extends HeldForOneRun<RunAccounts.Run, RunAccounts.Accounts> {

    private final MasterDataStore masterData;

    /** One ingest run: its job execution. */
    record Run(long jobExecutionId, LocalDateTime created) implements HeldForOneRun.Run {

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
    Accounts of(Run run) {
        return of(run, r -> {
            Map<String, IngestAccount> byId = masterData.ingestAccounts();
            Map<String, String> idByLogin = new HashMap<>();
            byId.values().forEach(account -> {
                if (account.vendorLogin() != null) {
                    idByLogin.put(account.vendorLogin().toLowerCase(Locale.ROOT), account.subAccountId());
                }
            });
            return new Accounts(byId, idByLogin);
        });
    }
}
