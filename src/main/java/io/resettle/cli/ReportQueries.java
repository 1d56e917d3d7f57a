package io.resettle.cli;

import io.resettle.reconcile.Finding;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the command line's summaries read of a settled revision: billing lines, invoice totals and
 * reconciliation findings (the tables of ingest, invoice and reconcile, read, never written).
 */
final class ReportQueries {

    /** A revision's invoices: how many, and their payable, discount and net. */
    record InvoiceTotals(long count, BigDecimal payable, BigDecimal discount, BigDecimal net) {
    }

    private static final String BILLING_LINES = """
            SELECT COUNT(*) FROM billing_line WHERE period = :period
            """;
    private static final String INVOICE_TOTALS = """
            SELECT COUNT(*) AS n, COALESCE(SUM(payable), 0) AS payable,
                   COALESCE(SUM(discount), 0) AS discount, COALESCE(SUM(net), 0) AS net FROM invoice
             WHERE period = :period AND revision = :revision
            """;
    private static final String FINDINGS = """
            SELECT check_name, check_key, expected, actual, difference, status FROM reconciliation
             WHERE period = :period AND revision = :revision ORDER BY check_name, check_key
            """;

    private static final String PAYOUT_RETURN_SOURCES = """
            SELECT payout_id, source FROM payout_return WHERE period = :period AND source IS NOT NULL
            """;

    private final JdbcClient jdbc;

    ReportQueries(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    long billingLines(YearMonth period) {
        return jdbc.sql(BILLING_LINES).param("period", period.toString()).query(Long.class).single();
    }

    InvoiceTotals invoiceTotals(YearMonth period, long revision) {
        return jdbc.sql(INVOICE_TOTALS).param("period", period.toString()).param("revision", revision)
                .query((rs, i) -> new InvoiceTotals(rs.getLong("n"), rs.getBigDecimal("payable"),
                        rs.getBigDecimal("discount"), rs.getBigDecimal("net"))).single();
    }

    /** Where each of the period's payout returns was read (a payout-returns.csv row, a pain.002 transaction), by payout id. */
    Map<String, String> payoutReturnSources(YearMonth period) {
        Map<String, String> sources = new HashMap<>();
        jdbc.sql(PAYOUT_RETURN_SOURCES).param("period", period.toString())
                .query(rs -> {
                    sources.put(rs.getString(1), rs.getString(2));
                });
        return sources;
    }

    /** The revision's findings by check and key (the dashboard's, {@code ReconciliationStore}'s, are breaks first). */
    List<Finding> findings(YearMonth period, long revision) {
        return jdbc.sql(FINDINGS).param("period", period.toString()).param("revision", revision)
                .query((rs, i) -> new Finding(rs.getString(1), rs.getString(2), rs.getBigDecimal(3), rs.getBigDecimal(4),
                        rs.getBigDecimal(5), Finding.Status.valueOf(rs.getString(6)))).list();
    }
}
