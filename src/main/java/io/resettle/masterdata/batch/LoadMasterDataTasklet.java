package io.resettle.masterdata.batch;


import io.resettle.masterdata.Agreement;
import io.resettle.masterdata.DataSetException;
import io.resettle.masterdata.MasterData;
import io.resettle.masterdata.MasterDataReader;
import io.resettle.masterdata.PeriodStatements;
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
        MasterData data;
        try {
            data = MasterDataReader.read(dataDir);
        } catch (DataSetException e) {
            problems.addAll(e.problems());
            throw new DataSetException(problems);
        }
        for (Agreement agreement : data.agreements()) {
            if (inForce != null && agreement.inForce(period) && !inForce.discountTables().containsKey(agreement.discountTable())) {
                problems.add("agreements.csv (" + agreement.agreementId() + "): discount_table " + agreement.discountTable()
                        + " is not in the policy in force for " + period + " (" + inForce.effectiveFrom() + ")");
            }
        }
        PeriodStatements statements;
        try {
            statements = PeriodStatements.read(dataDir, period);
        } catch (DataSetException e) {
            problems.addAll(e.problems());
            throw new DataSetException(problems);
        }
        if (!problems.isEmpty()) {
            throw new DataSetException(problems);
        }
        masterData.upsert(data);
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
        contribution.incrementWriteCount(data.groups().size() + data.accounts().size() + data.agreements().size()
                + data.allocations().size() + data.ambassadors().size() + data.referrals().size());
        return RepeatStatus.FINISHED;
    }
}
