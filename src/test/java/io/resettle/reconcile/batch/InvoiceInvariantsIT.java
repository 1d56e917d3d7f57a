package io.resettle.reconcile.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resettle.reconcile.InvariantViolation;
import io.resettle.reconcile.Invariants;
import io.resettle.support.Cli;
import io.resettle.support.DataSets;
import io.resettle.support.TestDatabases;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * R12.2 for invoices: each invariant broken on its own in a settled period (the others kept whole),
 * on PostgreSQL and on H2, fails the check with its own message and count.
 */
class InvoiceInvariantsIT {

    @TempDir
    Path work;

    @Test
    void violatedInvoiceInvariantsAreDetectedOnPostgres() {
        violatedInvoiceInvariantsAreDetected(TestDatabases.newPostgres());
    }

    @Test
    void violatedInvoiceInvariantsAreDetectedOnH2() {
        violatedInvoiceInvariantsAreDetected(TestDatabases.newH2(work.resolve("h2")));
    }

    private void violatedInvoiceInvariantsAreDetected(String databaseUrl) {
        Cli cli = new Cli(databaseUrl);
        Path data = DataSets.copy("basic", work.resolve("data"));
        String out = work.resolve("out").toString();
        assertThat(cli.run("ingest", "--period", "2026-10", "--data", data.toString(), "--out", out)).isZero();
        assertThat(cli.run("settle", "--period", "2026-10", "--out", out)).isIn(0, 3);
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(cli.databaseUrl()));
        assertThatCode(() -> check(jdbc)).doesNotThrowAnyException();
        Map<String, Object> line = jdbc.queryForMap("SELECT invoice_id, line_id, net FROM invoice_line"
                + " WHERE period = '2026-10' AND revision = 1 AND kind = 'CHARGE' ORDER BY line_id FETCH FIRST 1 ROWS ONLY");
        String invoice = (String) line.get("invoice_id");
        String lineId = (String) line.get("line_id");
        String whereLine = " WHERE period = '2026-10' AND revision = 1 AND invoice_id = '" + invoice + "' AND line_id = '"
                + lineId + "'";

        jdbc.update("UPDATE invoice_line SET net = net + 0.01" + whereLine);
        assertViolation(jdbc, "1 invoice lines whose net is not payable − discount");
        jdbc.update("UPDATE invoice_line SET net = net - 0.01" + whereLine);

        jdbc.update("UPDATE invoice SET payable = payable + 1 WHERE period = '2026-10' AND revision = 1 AND invoice_id = ?", invoice);
        assertViolation(jdbc, "1 invoices that are not the sum of their lines");
        jdbc.update("UPDATE invoice SET payable = payable - 1 WHERE period = '2026-10' AND revision = 1 AND invoice_id = ?", invoice);

        jdbc.update(insertLine("INV-NOBODY", "P-1", "PENALTY"));
        assertViolation(jdbc, "1 invoice lines on no invoice");
        jdbc.update("DELETE FROM invoice_line WHERE invoice_id = 'INV-NOBODY'");

        jdbc.update("UPDATE group_statement SET credit_total = credit_total + 1 WHERE period = '2026-10' AND revision = 1"
                + " AND credit_total <> 0");
        assertViolation(jdbc, "1 group statements that are not the sum of their CREDIT invoices");
        jdbc.update("UPDATE group_statement SET credit_total = credit_total - 1 WHERE period = '2026-10' AND revision = 1"
                + " AND credit_total <> 0");
        assertThatCode(() -> check(jdbc)).doesNotThrowAnyException();

        // An ingested line whose CHARGE line went to another id: the invoice still adds up.
        jdbc.update("UPDATE invoice_line SET line_id = 'ZZ-MOVED'" + whereLine + " AND kind = 'CHARGE'");
        assertViolation(jdbc, "1 ingested lines on no invoice line");
        jdbc.update("UPDATE invoice_line SET line_id = '" + lineId + "' WHERE line_id = 'ZZ-MOVED'");

        // Every ingested line invoiced, plus a CHARGE line of nothing ingested and a second CHARGE line of an
        // ingested one (on another invoice), both of zero and counted on their invoices: only the last check sees them.
        String other = jdbc.queryForObject("SELECT MIN(invoice_id) FROM invoice WHERE period = '2026-10' AND revision = 1"
                + " AND invoice_id <> ?", String.class, invoice);
        jdbc.update(insertLine(invoice, "ZZ-NOT-INGESTED", "CHARGE"));
        jdbc.update(insertLine(other, lineId, "CHARGE"));
        jdbc.update("UPDATE invoice SET line_count = line_count + 1 WHERE period = '2026-10' AND revision = 1"
                + " AND invoice_id IN (?, ?)", invoice, other);
        assertViolation(jdbc, "2 charge invoice lines without exactly one ingested line");
    }

    private static String insertLine(String invoiceId, String lineId, String kind) {
        return "INSERT INTO invoice_line (period, revision, invoice_id, sub_account_id, line_id, kind, kind_order, payable,"
                + " discount_rate, discount, net, currency) VALUES ('2026-10', 1, '" + invoiceId + "', 'X', '" + lineId + "', '"
                + kind + "', 0, 0, 0, 0, 0, 'CNY')";
    }

    private static void check(JdbcTemplate jdbc) {
        Invariants.expectNone("2026-10", new ReconciliationStore(jdbc).invoiceInvariants(YearMonth.of(2026, 10), 1));
    }

    private static void assertViolation(JdbcTemplate jdbc, String message) {
        assertThatThrownBy(() -> check(jdbc)).isInstanceOf(InvariantViolation.class).hasMessageStartingWith("R12.2 invariant violated: " + message);
    }
}
