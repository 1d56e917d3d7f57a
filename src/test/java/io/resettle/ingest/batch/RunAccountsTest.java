package io.resettle.ingest.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.resettle.masterdata.batch.MasterDataStore;
import io.resettle.support.SqlDialect;
import io.resettle.support.TestDatabases;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * scanExports and the files of one ingest run share its sub-accounts, read once; a run of another
 * job execution (or of the same id in a database created anew) reads its own, and the end of the
 * run's ingestExportFiles step, or of its job, drops them (RunAccounts).
 */
class RunAccountsTest {

    @TempDir
    Path work;

    @Test
    void theRunsStepsShareItsAccountsUntilItsJobEnds() throws Exception {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(TestDatabases.newH2(work));
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/common", "classpath:db/migration/h2")
                .load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("""
                INSERT INTO sub_account (sub_account_id, group_id, role, settlement_mode, currency, associated_from,
                                         associated_to, managed_by, vendor_login)
                VALUES ('A', 'G1', 'PRIMARY', 'CREDIT', 'CNY', '2026-01', NULL, 'AGENT', 'Alpha@Corp.example'),
                       ('B', 'G1', 'MEMBER', 'PREPAID', 'CNY', '2026-03', '2026-09', 'AGENT', NULL)""");
        RunAccounts runAccounts = new RunAccounts(new MasterDataStore(jdbc, new SqlDialect(dataSource)));
        LocalDateTime created = LocalDateTime.of(2026, 11, 1, 2, 0);
        RunAccounts.Run first = new RunAccounts.Run(41, created);
        RunAccounts.Run other = new RunAccounts.Run(42, created);

        RunAccounts.Accounts accounts = runAccounts.of(first);
        assertThat(accounts.byId()).containsOnlyKeys("A", "B");
        assertThat(accounts.byId().get("B").associatedTo()).hasToString("2026-09");
        assertThat(accounts.idOfLogin("alpha@corp.EXAMPLE")).isEqualTo("A");
        assertThat(accounts.idOfLogin("beta@corp.example")).isNull();
        assertThat(runAccounts.of(first)).as("a file of the same run").isSameAs(accounts);

        jdbc.update("UPDATE sub_account SET currency = 'USD' WHERE sub_account_id = 'B'");
        RunAccounts.Accounts others = runAccounts.of(other);
        assertThat(others).as("a file of another run").isNotSameAs(accounts);
        assertThat(others.byId().get("B").currency()).as("read again").isEqualTo("USD");
        assertThat(runAccounts.of(new RunAccounts.Run(42, created.plusDays(1))))
                .as("the same id in a database created anew").isNotSameAs(others);

        JobExecution firstRun = new JobExecution(41, new JobInstance(1, "ingest"), new JobParameters());
        JobExecution otherRun = new JobExecution(42, new JobInstance(2, "ingest"), new JobParameters());
        runAccounts.releaseWhenStepEnds().afterStep(new StepExecution("ingestExportFiles", firstRun));
        runAccounts.releaseWhenJobEnds().afterJob(firstRun);
        assertThat(runAccounts.holdsAny()).as("another run's end leaves them").isTrue();
        runAccounts.releaseWhenStepEnds().afterStep(new StepExecution("ingestExportFiles", otherRun));
        assertThat(runAccounts.holdsAny()).as("the run's files are ingested: dropped").isFalse();

        runAccounts.of(other);
        runAccounts.releaseWhenJobEnds().afterJob(otherRun);
        assertThat(runAccounts.holdsAny()).as("a job that ended before its files: dropped at its end").isFalse();
    }
}
