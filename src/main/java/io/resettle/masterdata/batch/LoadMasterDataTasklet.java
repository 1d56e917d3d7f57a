package io.resettle.masterdata.batch;


import io.resettle.masterdata.Agreement;
import io.resettle.masterdata.DataSetException;
import io.resettle.masterdata.Allocation;
import io.resettle.masterdata.Ambassador;
import io.resettle.masterdata.CustomerGroup;
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
        try {
            MasterDataReader.read(dataDir, new DiscountTablesChecked(load, inForce, period, problems));
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

    /** Passes the rows on, and names each agreement in force whose discount table the policy lacks. */
    private record DiscountTablesChecked(MasterDataSink load, Policy inForce, YearMonth period, List<String> problems)
            implements MasterDataSink {

        @Override
        public void agreement(Agreement agreement) {
            if (inForce != null && agreement.inForce(period)
                    && !inForce.discountTables().containsKey(agreement.discountTable())) {
                problems.add("agreements.csv (" + agreement.agreementId() + "): discount_table "
                        + agreement.discountTable() + " is not in the policy in force for " + period + " ("
                        + inForce.effectiveFrom() + ")");
            }
            load.agreement(agreement);
        }

        @Override
        public void group(CustomerGroup group) {
            load.group(group);
        }

        @Override
        public void account(SubAccount account) {
            load.account(account);
        }

        @Override
        public void allocation(Allocation allocation) {
            load.allocation(allocation);
        }

        @Override
        public void ambassador(Ambassador ambassador) {
            load.ambassador(ambassador);
        }

        @Override
        public void referral(ReferralVisit visit) {
            load.referral(visit);
        }
    }
}
