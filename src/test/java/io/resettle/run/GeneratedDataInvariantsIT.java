package io.resettle.run;

import io.resettle.cli.ResettleCommandLine;
import static org.assertj.core.api.Assertions.assertThat;

import io.resettle.generate.DataSetGenerator;
import io.resettle.generate.GeneratorOptions;
import io.resettle.support.Cli;
import io.resettle.support.Sql;
import io.resettle.support.TestDatabases;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * R12.2 on generated data sets of several seeds, checked from the output files independently of the
 * job's own checks: every ingested line is on exactly one invoice line, every invoice is the sum of
 * its lines, and the totals tie out with the ingested amounts.
 */
class GeneratedDataInvariantsIT {

    static final CSVFormat HEADER = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();

    @TempDir
    Path work;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 7, 2026})
    void everyLineIsOnExactlyOneInvoiceLineAndTotalsTieOut(long seed) throws Exception {
        Path data = work.resolve("data");
        Path out = work.resolve("out");
        DataSetGenerator.generate(new GeneratorOptions(4_000, 5, 17, seed), data);
        Cli cli = new Cli(TestDatabases.newPostgres());
        assertThat(cli.run("ingest", "--period", "2026-10", "--data", data.toString(), "--out", out.toString())).isZero();
        assertThat(cli.run("settle", "--period", "2026-10", "--out", out.toString()))
                .isIn(ResettleCommandLine.OK, ResettleCommandLine.BREAKS);

        Set<String> lineIds = new HashSet<>();
        Map<String, BigDecimal[]> byInvoice = new HashMap<>();
        BigDecimal chargePayable = BigDecimal.ZERO;
        try (Reader reader = Files.newBufferedReader(out.resolve("2026-10/r1/invoice-lines.csv"))) {
            for (CSVRecord line : HEADER.parse(reader)) {
                BigDecimal payable = new BigDecimal(line.get("payable"));
                BigDecimal discount = new BigDecimal(line.get("discount"));
                BigDecimal net = new BigDecimal(line.get("net"));
                assertThat(net).isEqualByComparingTo(payable.subtract(discount));
                if (line.get("kind").equals("CHARGE")) {
                    assertThat(lineIds.add(line.get("line_id"))).as("line %s once", line.get("line_id")).isTrue();
                    chargePayable = chargePayable.add(payable);
                }
                BigDecimal[] sums = byInvoice.computeIfAbsent(line.get("invoice_id"),
                        id -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
                sums[0] = sums[0].add(payable);
                sums[1] = sums[1].add(discount);
                sums[2] = sums[2].add(net);
                sums[3] = sums[3].add(BigDecimal.ONE);
            }
        }
        assertThat(lineIds).hasSize(4_000);
        assertThat(Set.copyOf(Sql.rows(cli.databaseUrl(), "SELECT line_id FROM billing_line").stream()
                .map(row -> row.get(0)).toList())).isEqualTo(lineIds);
        assertThat(chargePayable).isEqualByComparingTo(new BigDecimal(Sql.value(cli.databaseUrl(),
                "SELECT SUM(ROUND(payable_amount, 2)) FROM billing_line")));
        int invoices = 0;
        try (Reader reader = Files.newBufferedReader(out.resolve("2026-10/r1/invoices.csv"))) {
            for (CSVRecord invoice : HEADER.parse(reader)) {
                BigDecimal[] sums = byInvoice.get(invoice.get("invoice_id"));
                assertThat(new BigDecimal(invoice.get("payable"))).isEqualByComparingTo(sums[0]);
                assertThat(new BigDecimal(invoice.get("discount"))).isEqualByComparingTo(sums[1]);
                assertThat(new BigDecimal(invoice.get("net"))).isEqualByComparingTo(sums[2]);
                assertThat(new BigDecimal(invoice.get("line_count"))).isEqualByComparingTo(sums[3]);
                invoices++;
            }
        }
        assertThat(invoices).isEqualTo(byInvoice.size());
    }
}
