package io.resettle.output.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resettle.output.Written;
import io.resettle.support.FaultInjection;
import io.resettle.support.SqlDialect;
import io.resettle.support.TestDatabases;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * invoice-lines.csv printed by PostgreSQL (COPY, {@link CsvCopyOut}) is the file the JDBC path
 * prints from the same rows, byte for byte, with the same rows and totals: every ASCII character
 * at the start, inside and at the end of a cell, first in the line and inside it, empty and missing
 * cells, formula guards (also on quoted cells), quotes, line breaks, backslashes, Chinese and
 * characters past the BMP, negative money, rates. A failure while copying leaves no file and the
 * connection usable.
 */
class CsvCopyOutIT {

    private static final YearMonth PERIOD = YearMonth.of(2026, 10);
    private static final String LINE = """
            INSERT INTO invoice_line (period, revision, invoice_id, sub_account_id, line_id, kind, kind_order,
                                      product_code, category, charge_type, payable, discount_rate, discount, net, currency)
            VALUES ('2026-10', 1, ?, ?, ?, ?, 0, ?, ?, 'USAGE', ?, ?, ?, ?, 'CNY')""";

    @TempDir
    Path work;

    @Test
    void postgresqlPrintsTheSameBytesRowsAndTotalsAsTheJdbcPath() throws Exception {
        DriverManagerDataSource dataSource = migrated();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        List<String> texts = trickyTexts();
        List<String> amounts = List.of("0.00", "-0.01", "0.01", "1234567890123456.78", "-99.99", "10.50");
        List<String> rates = List.of("0", "0.100000000000", "1", "0.000000000001", "12.5", "-0.25", "100.000");
        for (int i = 0; i < texts.size(); i++) {
            // each text first in the line (the invoice id) and inside it (the product code)
            String text = texts.get(i);
            jdbc.update(LINE, text, "SA-" + (i % 5), "L" + i, i % 3 == 0 ? "CHARGE" : "CLAWBACK", text,
                    i % 2 == 0 ? "COMPUTE" : "=cmd", new BigDecimal(amounts.get(i % amounts.size())),
                    new BigDecimal(rates.get(i % rates.size())), new BigDecimal(amounts.get((i + 1) % amounts.size())),
                    new BigDecimal(amounts.get((i + 2) % amounts.size())));
        }
        for (int i = 0; i < 3; i++) {
            // missing product code and category
            jdbc.update(LINE, "INV-" + i, "SA-1", "N" + i, "CHARGE", null, null, BigDecimal.ONE, BigDecimal.ZERO,
                    BigDecimal.ZERO, BigDecimal.ONE);
        }
        SettlementFileWriter writer = new SettlementFileWriter(JdbcClient.create(jdbc), newDialect(dataSource),
                new FaultInjection(0, "", 0, 0), PERIOD, 1, work, null, null);
        OutputFile file = SettlementFileCatalogue.INVOICE_LINES;

        Written copied = writer.write(file, work.resolve("copied.csv"));
        Written printed = writer.writeByJdbc(file, work.resolve("printed.csv"));

        assertThat(Files.readString(work.resolve("copied.csv"))).isEqualTo(Files.readString(work.resolve("printed.csv")));
        assertThat(Files.readAllBytes(work.resolve("copied.csv"))).isEqualTo(Files.readAllBytes(work.resolve("printed.csv")));
        assertThat(copied.rows()).isEqualTo(printed.rows()).isEqualTo(texts.size() + 3);
        assertThat(copied.sha256()).isEqualTo(printed.sha256());
        assertThat(copied.totals()).isEqualTo(printed.totals()).containsOnlyKeys("payable", "discount", "net");
        try (var files = Files.list(work)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsOnly("copied.csv", "printed.csv");
        }
    }

    @Test
    void aFailureWhileCopyingLeavesNoFile() {
        FiveLines lines = fiveLinesAndAWriterFailingAtRowThree();

        assertThatThrownBy(() -> lines.writer().write(SettlementFileCatalogue.INVOICE_LINES,
                work.resolve("invoice-lines.csv"))).hasMessageContaining("injected failure at invoice-lines.csv row 3");
        assertThat(work).isEmptyDirectory();
    }

    @Test
    void aFailureWhileCopyingLeavesTheTransactionsConnectionUsable() {
        FiveLines lines = fiveLinesAndAWriterFailingAtRowThree();

        // as the step writes a file: in a transaction, the COPY and what follows on one connection
        Long linesAfterTheFailure = new TransactionTemplate(new DataSourceTransactionManager(lines.dataSource()))
                .execute(tx -> {
                    assertThatThrownBy(() -> lines.writer().write(SettlementFileCatalogue.INVOICE_LINES,
                            work.resolve("invoice-lines.csv"))).hasMessageContaining("injected failure");
                    return lines.jdbc().queryForObject("SELECT COUNT(*) FROM invoice_line WHERE line_id <> 'L0'",
                            Long.class);
                });

        assertThat(linesAfterTheFailure).isEqualTo(4);
        assertThat(lines.jdbc().queryForObject("SELECT COUNT(*) FROM invoice_line", Long.class)).isEqualTo(5);
    }

    /** A migrated database of five invoice lines, and a writer whose third row fails. */
    private record FiveLines(DriverManagerDataSource dataSource, JdbcTemplate jdbc, SettlementFileWriter writer) {
    }

    private FiveLines fiveLinesAndAWriterFailingAtRowThree() {
        DriverManagerDataSource dataSource = migrated();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        for (int i = 0; i < 5; i++) {
            jdbc.update(LINE, "INV-1", "SA-1", "L" + i, "CHARGE", "ecs", "COMPUTE", BigDecimal.TEN, BigDecimal.ZERO,
                    BigDecimal.ZERO, BigDecimal.TEN);
        }
        return new FiveLines(dataSource, jdbc, new SettlementFileWriter(JdbcClient.create(jdbc), newDialect(dataSource),
                new FaultInjection(3, "invoice-lines.csv", 0, 0), PERIOD, 1, work, null, null));
    }

    private static DriverManagerDataSource migrated() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(TestDatabases.newPostgres());
        Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/postgresql").load().migrate();
        return dataSource;
    }

    private static SqlDialect newDialect(DriverManagerDataSource dataSource) {
        try {
            return new SqlDialect(dataSource);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> trickyTexts() {
        List<String> texts = new ArrayList<>();
        for (char c = 1; c < 128; c++) {
            texts.add(c + "ab");
            texts.add("a" + c + "b");
            texts.add("ab" + c);
            texts.add(String.valueOf(c));
        }
        texts.addAll(List.of("", " ", "云服务器 ECS", "😀 emoji", "x😀", "=SUM(A1)", "-5", "+1", "@x", "'quoted", "\\N",
                "a\\b", "tab\there", "crlf\r\nend", "\"q\"", "#x", "a,b", "trailing ", " leading", "\u00A0nbsp",
                "\u3000ideographic space", "=a,b", "-\"q\"", "@x\ny", "+a\rb", "'kept"));
        return texts;
    }
}
