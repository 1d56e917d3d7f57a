package io.resettle.output.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.resettle.support.FaultInjection;
import io.resettle.support.Hashing;
import io.resettle.support.SqlDialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.annotation.EnableBatchProcessing;
import org.springframework.batch.core.configuration.annotation.EnableJdbcJobRepository;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The settlement files on H2 (io-contract §3), given a revision's tables: writeSettlementFiles
 * writes each file of the catalogue in a partition of its own under a staged name, and
 * publishSettlementFiles renames them and lists them in manifest.json in the contract's order.
 */
@SpringBatchTest
@SpringJUnitConfig(SettlementFilesStepTest.StepContext.class)
class SettlementFilesStepTest {

    private static final String POLICY = """
            currency: CNY
            categories:
              COMPUTE:  [ecs]
            discount_tables:
              standard:
                - {from: 0, rates: {default: 0.00}}
            rebate_programs: []
            tax:
              borne_by: PAYEE
            """;

    @Autowired
    private JobOperatorTestUtils jobOperatorTestUtils;

    @Autowired
    private JdbcTemplate jdbc;

    @TempDir
    Path out;

    @BeforeEach
    void givenOctobersInvoicesAndABreak() {
        for (String table : List.of("policy_file", "period_run", "ingest_file", "invoice", "invoice_line",
                "reconciliation")) {
            jdbc.update("DELETE FROM " + table);
        }
        JdbcClient.create(jdbc).sql("""
                INSERT INTO policy_file (effective_from, file, sha256, content)
                VALUES ('2026-01', '2026-01.yml', 'p0', :content)""").param("content", POLICY).update();
        jdbc.execute("""
                INSERT INTO period_run (period, revision, job_execution_id, status, forced, closed, created_at)
                VALUES ('2026-10', 1, 7, 'STARTED', FALSE, FALSE, TIMESTAMP '2026-11-02 08:00:00');
                INSERT INTO ingest_file (period, file, sha256, generation, row_count, accepted, rejected, status,
                                         payable_total)
                VALUES ('2026-10', 'bills.csv', 'e0', 1, 3, 3, 0, 'ACCEPTED', 120010.10);
                INSERT INTO invoice (period, revision, invoice_id, sub_account_id, group_id, invoice_title, tax_id,
                                     settlement_mode, line_count, payable, discount, net, currency)
                VALUES ('2026-10', 1, 'INV-2026-10-B', 'B', 'G1', 'Beta', NULL, 'CREDIT', 1, 10.10, 0.00, 10.10, 'CNY'),
                       ('2026-10', 1, 'INV-2026-10-A', 'A', 'G1', '=Alpha', '91330100', 'CREDIT', 2, 120000.00,
                        12000.00, 108000.00, 'CNY');
                -- twelve decimals, as reconcile stores them: the file and the manifest show them rounded
                INSERT INTO reconciliation (period, revision, check_name, check_key, expected, actual, difference, status)
                VALUES ('2026-10', 1, 'vendor_statement_total', 'A', 120186.395, 120000.000, -186.395, 'BREAK');
                """);
    }

    private JobParameters october() {
        return new JobParametersBuilder().addString("period", "2026-10").addLong("revision", 1L)
                .addString("out", out.toString()).toJobParameters();
    }

    @Test
    void everyFileIsWrittenInAPartitionOfItsOwn_underAStagedName() throws Exception {
        JobExecution execution = jobOperatorTestUtils.startStep("writeSettlementFiles", october(), new ExecutionContext());

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(execution.getStepExecutions()).extracting(StepExecution::getStepName)
                .contains("writeSettlementFile:invoices.csv", "writeSettlementFile:reconciliation.csv",
                        "writeSettlementFile:rejects.csv")
                .doesNotContain("writeSettlementFile:invoice-lines.csv", "writeSettlementFile:invoice-adjustments.csv");
        Path folder = out.resolve("2026-10/r1");
        assertThat(Files.readString(folder.resolve(".invoices.csv.staged"))).isEqualTo("""
                invoice_id,sub_account_id,group_id,invoice_title,tax_id,settlement_mode,period,revision,line_count,payable,discount,net,currency
                INV-2026-10-A,A,G1,'=Alpha,91330100,CREDIT,2026-10,1,2,120000.00,12000.00,108000.00,CNY
                INV-2026-10-B,B,G1,Beta,,CREDIT,2026-10,1,1,10.10,0.00,10.10,CNY
                """);
        assertThat(Files.readString(folder.resolve(".reconciliation.csv.staged"))).isEqualTo("""
                check,key,expected,actual,difference,status
                vendor_statement_total,A,120186.40,120000.00,-186.40,BREAK
                """);
        assertThat(folder.resolve("invoices.csv")).doesNotExist();
        assertThat(folder.resolve("manifest.json")).doesNotExist();
    }

    @Test
    void theFilesArePublishedAndListedInTheManifestInTheContractsOrder() throws Exception {
        JobExecution execution = jobOperatorTestUtils.startJob(october());

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Path folder = out.resolve("2026-10/r1");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactlyInAnyOrder("invoice-lines.csv",
                    "invoices.csv", "group-statements.csv", "prepaid-balances.csv", "rebates.csv", "rebate-slices.csv",
                    "commissions.csv", "payout-items.csv", "payouts.csv", "reconciliation.csv", "rejects.csv",
                    "settlement-2026-10-r1.xlsx", "manifest.json");
        }
        String manifest = Files.readString(folder.resolve("manifest.json"));
        assertThat(manifest).startsWith("""
                {
                  "period": "2026-10",
                  "revision": 1,
                  "job_execution_id": 7,
                  "exit_status": "COMPLETED_WITH_BREAKS",
                  "policy": {
                    "file": "2026-01.yml",
                    "sha256": "p0"
                  },
                  "inputs": [
                    {
                      "file": "bills.csv",
                      "sha256": "e0",
                      "status": "ACCEPTED",
                      "rows": 3,
                      "accepted": 3,
                      "rejected": 0
                    }
                  ],
                  "outputs": [
                    {
                      "file": "invoice-lines.csv",
                """);
        assertThat(manifest).contains("""
                      "file": "invoices.csv",
                """).contains("""
                      "rows": 2,
                      "totals": {
                        "payable": "120010.10",
                        "discount": "12000.00",
                        "net": "108010.10"
                      }
                """).contains("""
                      "totals": {
                        "difference": "-186.40"
                      }
                """).contains("""
                      "file": "rejects.csv",
                      "sha256": "%s",
                      "rows": 0,
                      "totals": {}
                """.formatted(Hashing.sha256(folder.resolve("rejects.csv")))).endsWith("}\n");
        assertThat(manifest.indexOf("\"invoices.csv\"")).isLessThan(manifest.indexOf("\"reconciliation.csv\""));
        assertThat(manifest.indexOf("\"rejects.csv\"")).isLessThan(manifest.indexOf("\"settlement-2026-10-r1.xlsx\""));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableBatchProcessing
    @EnableJdbcJobRepository
    @Import({SettlementFilesStepConfig.class, SqlDialect.class, FaultInjection.class})
    static class StepContext {

        @Bean
        DataSource dataSource() {
            DataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:settlement-files;DB_CLOSE_DELAY=-1");
            Flyway.configure().dataSource(dataSource)
                    .locations("classpath:db/migration/common", "classpath:db/migration/h2").load().migrate();
            return dataSource;
        }

        @Bean
        JdbcTemplate jdbcTemplate(DataSource dataSource) {
            return new JdbcTemplate(dataSource);
        }

        @Bean
        PlatformTransactionManager transactionManager(DataSource dataSource) {
            return new JdbcTransactionManager(dataSource);
        }

        @Bean
        Job settlementFiles(JobRepository jobRepository, Step writeInvoiceLines, Step writeSettlementFiles,
                Step publishSettlementFiles) {
            return new JobBuilder("settlementFiles", jobRepository).start(writeInvoiceLines).next(writeSettlementFiles)
                    .next(publishSettlementFiles).build();
        }
    }
}
