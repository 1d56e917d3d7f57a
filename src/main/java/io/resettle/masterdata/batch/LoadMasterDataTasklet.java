package io.resettle.masterdata.batch;


import io.resettle.masterdata.Agreement;
import io.resettle.masterdata.Allocation;
import io.resettle.masterdata.Ambassador;
import io.resettle.masterdata.CustomerGroup;
import io.resettle.masterdata.DataSetException;
import io.resettle.masterdata.MasterDataReader;
import io.resettle.masterdata.MasterDataSink;
import io.resettle.masterdata.PeriodStatements;
import io.resettle.masterdata.ReferralVisit;
import io.resettle.masterdata.SubAccount;
import io.resettle.policy.Policy;
import io.resettle.policy.PolicyException;
import io.resettle.policy.PolicyFiles;
import io.resettle.policy.PolicyParser;
import io.resettle.policy.batch.PolicyStore;
import io.resettle.support.Hashing;
import io.resettle.support.SqlDialect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.dao.DataAccessException;

/**
 * First step of ingest: reads and validates the policy files, the master data and the period's
 * statements, and stores them in one transaction, or refuses the whole data set listing every
 * problem (nothing is half applied).
 */
class LoadMasterDataTasklet implements Tasklet {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LoadMasterDataTasklet.class);

    private final MasterDataStore masterData;
    private final PolicyStore policies;
    private final SqlDialect dialect;
    private final Path dataDir;
    private final YearMonth period;

    LoadMasterDataTasklet(MasterDataStore masterData, PolicyStore policies, SqlDialect dialect, Path dataDir,
            YearMonth period) {
        this.masterData = masterData;
        this.policies = policies;
        this.dialect = dialect;
        this.dataDir = dataDir;
        this.period = period;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        if (!Files.isDirectory(dataDir)) {
            throw new DataSetException(List.of("data set folder " + dataDir + " does not exist"));
        }
        List<String> links = io.resettle.masterdata.DataSetLinks.problems(dataDir, period);
        if (!links.isEmpty()) {
            throw new DataSetException(links);
        }
        Policy inForce = null;
        List<String> problems = new ArrayList<>();
        for (Map.Entry<YearMonth, Path> entry : PolicyFiles.list(dataDir).entrySet()) {
            String name = "policies/" + entry.getValue().getFileName();
            String content = Files.readString(entry.getValue(), StandardCharsets.UTF_8);
            try {
                Policy policy = PolicyParser.parse(name, entry.getKey(), content);
                if (!entry.getKey().isAfter(period)) {
                    inForce = policy;
                }
                policies.save(entry.getKey(), name, Hashing.sha256(entry.getValue()), content);
            } catch (PolicyException e) {
                problems.add(e.getMessage());
            }
        }
        if (inForce == null && problems.isEmpty()) {
            problems.add("policies/: no policy file takes effect by " + period
                    + " (add policies/YYYY-MM.yml with a month not after it)");
        }
        MasterDataStore.Load load = masterData.load();
        GuardedLoad guarded = new GuardedLoad(load, inForce, period, problems);
        try {
            MasterDataReader.read(dataDir, guarded);
        } catch (DataSetException e) {
            problems.addAll(e.problems());
            throw new DataSetException(problems);
        }
        PeriodStatements statements;
        try {
            statements = PeriodStatements.read(dataDir, period);
        } catch (DataSetException e) {
            problems.addAll(e.problems());
            throw new DataSetException(problems);
        }
        if (!problems.isEmpty()) {
            // The step's transaction rolls back what the load wrote: nothing is half applied.
            throw new DataSetException(problems);
        }
        if (guarded.failure != null) {
            // A data set without problems that the database refused (as before the load was streamed).
            throw guarded.failure;
        }
        long rows = load.finish();
        masterData.replaceStatements(period, statements);
        // What the pain.002 reports held that is not a payout return, for the ingest summary (issue 18).
        for (String note : statements.notes()) {
            log.info(note);
        }
        chunkContext.getStepContext().getStepExecution().getExecutionContext()
                .putString(MasterDataStore.STATEMENT_NOTES, String.join("\n", statements.notes()));
        // Statistics for the joins of the steps after this one (committed with this step): with
        // 200,000 sub-accounts loaded into tables planned as empty, autovacuum comes too late.
        dialect.analyze("customer_group", "sub_account", "agreement", "vendor_statement", "referral_visit");
        contribution.incrementWriteCount(rows);
        return RepeatStatus.FINISHED;
    }

    /**
     * Passes the rows on while the data set has no problem and the database took every row, and
     * names each agreement in force whose discount table the policy lacks. A database error (a
     * value longer than its column) is kept, not thrown, so that the files are still read through
     * and every problem is listed, as when nothing was written before the whole data set was checked.
     */
    private static final class GuardedLoad implements MasterDataSink {
        private final MasterDataSink load;
        private final Policy inForce;
        private final YearMonth period;
        private final List<String> problems;
        /** The first error the database gave, after which nothing more is written. */
        private DataAccessException failure;

        GuardedLoad(MasterDataSink load, Policy inForce, YearMonth period, List<String> problems) {
            this.load = load;
            this.inForce = inForce;
            this.period = period;
            this.problems = problems;
        }

        private void write(Runnable row) {
            if (problems.isEmpty() && failure == null) {
                try {
                    row.run();
                } catch (DataAccessException e) {
                    failure = e;
                }
            }
        }

        @Override
        public void agreement(Agreement agreement) {
            if (inForce != null && agreement.inForce(period)
                    && !inForce.discountTables().containsKey(agreement.discountTable())) {
                problems.add("agreements.csv (" + agreement.agreementId() + "): discount_table "
                        + agreement.discountTable() + " is not in the policy in force for " + period + " ("
                        + inForce.effectiveFrom() + ")");
            }
            write(() -> load.agreement(agreement));
        }

        @Override
        public void group(CustomerGroup group) {
            write(() -> load.group(group));
        }

        @Override
        public void account(SubAccount account) {
            write(() -> load.account(account));
        }

        @Override
        public void allocation(Allocation allocation) {
            write(() -> load.allocation(allocation));
        }

        @Override
        public void ambassador(Ambassador ambassador) {
            write(() -> load.ambassador(ambassador));
        }

        @Override
        public void referral(ReferralVisit visit) {
            write(() -> load.referral(visit));
        }
    }
}
