package io.resettle.ingest.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.resettle.support.Cli;
import io.resettle.support.DataSets;
import io.resettle.support.Sql;
import io.resettle.support.TestDatabases;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real FOCUS 1.0 sample of the FinOps Foundation (../shared/reference-data, never copied into
 * the project) read as a 2024-09 export: 999 rows accepted, the one 2024-10 row rejected
 * PERIOD_MISMATCH, and the payable total equal to the sum of their BilledCost.
 */
class FocusSampleIT {

    static final Path SAMPLE = Path.of(System.getProperty("resettle.shared.dir", "../shared"),
            "reference-data", "focus-1.0", "focus_sample.csv");

    @TempDir
    Path work;

    @Test
    void readsTheFocusSampleAsA2024_09Export() throws Exception {
        assumeTrue(Files.exists(SAMPLE), "the reference data folder ../shared/reference-data is not beside the project"
                + " (it always is in CI)");
        Path data = work.resolve("data");
        Files.createDirectories(data.resolve("exports/2024-09"));
        Files.createDirectories(data.resolve("policies"));
        Files.copy(SAMPLE, data.resolve("exports/2024-09/focus_sample.csv"));

        TreeSet<String> subAccounts = new TreeSet<>();
        BigDecimal billedIn2024_09 = BigDecimal.ZERO;
        try (Reader reader = Files.newBufferedReader(SAMPLE, StandardCharsets.UTF_8)) {
            for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                subAccounts.add(row.get("SubAccountId"));
                if (row.get("BillingPeriodStart").startsWith("2024-09")) {
                    billedIn2024_09 = billedIn2024_09.add(new BigDecimal(row.get("BilledCost")));
                }
            }
        }
        StringBuilder accounts = new StringBuilder("sub_account_id,group_id,role,settlement_mode,currency,associated_from\n");
        subAccounts.forEach(id -> accounts.append(id).append(",,PRIMARY,CREDIT,USD,2024-01\n"));
        Files.writeString(data.resolve("accounts.csv"), accounts);
        Files.writeString(data.resolve("groups.csv"), "group_id,currency,credit_limit,rebate_payout\n");
        Files.writeString(data.resolve("agreements.csv"), "agreement_id,group_id,discount_table,term_start,term_end\n");
        Files.writeString(data.resolve("policies/2024-01.yml"), """
                currency: USD
                discount_tables:
                  standard:
                    - {from: 0, rates: {default: 0.00}}
                """);

        Cli cli = new Cli(TestDatabases.newPostgres());
        Path out = work.resolve("out");
        assertThat(cli.run("ingest", "--period", "2024-09", "--data", data.toString(), "--out", out.toString())).isZero();

        String files = DataSets.read(out.resolve("2024-09/ingest/files.csv"));
        assertThat(files).endsWith(",focus,UTF-8,1000,999,1,ACCEPTED,"
                + billedIn2024_09.setScale(2, RoundingMode.HALF_UP).toPlainString() + "\n");
        assertThat(DataSets.read(out.resolve("2024-09/ingest/rejects.csv")).lines().skip(1).toList())
                .singleElement().asString().startsWith("exports/2024-09/focus_sample.csv,").contains(",PERIOD_MISMATCH,");
        assertThat(new BigDecimal(Sql.value(cli.databaseUrl(), "SELECT SUM(payable_amount) FROM billing_line")))
                .isEqualByComparingTo(billedIn2024_09).isEqualByComparingTo("20.28022672899");
        assertThat(Sql.value(cli.databaseUrl(), "SELECT COUNT(*) FROM billing_line")).isEqualTo("999");
        assertThat(Sql.value(cli.databaseUrl(), "SELECT COUNT(DISTINCT category) FROM billing_line")).isEqualTo("6");
    }
}
