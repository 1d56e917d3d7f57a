package io.resettle.pricing.batch;

import io.resettle.pricing.InvoiceLine;
import io.resettle.pricing.InvoiceLineKind;
import io.resettle.support.SqlDialect;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The invoice lines of a (period, revision): CHARGE lines from priceLines (R4.3), CLAWBACK and
 * PENALTY from settleCommitments (R5.3), REBATE_CREDIT from creditRebates (R8.2). The one writer of
 * {@code invoice_line}; buildInvoices sums them.
 */
@Repository
public class InvoiceLineStore {

    private static final List<String> INVOICE_LINE_COLUMNS = List.of("period", "revision", "invoice_id",
            "sub_account_id", "line_id", "kind", "kind_order", "product_code", "category", "charge_type", "payable",
            "discount_rate", "discount", "net", "currency");

    private static final String DELETE_CHARGE_LINES = """
            DELETE FROM invoice_line WHERE period = :period AND revision = :revision AND kind = 'CHARGE'
            AND line_id BETWEEN :first AND :last""";

    /** Never CHARGE: the literal lets PostgreSQL use the index of the other kinds' few lines (V51). */
    private static final String DELETE_LINES_OF_KIND = """
            DELETE FROM invoice_line WHERE period = :period AND revision = :revision AND kind = :kind
            AND kind <> 'CHARGE'""";

    /**
     * The authoritative invoices of earlier periods of the term ({@code r}), and this revision for
     * the period itself.
     */
    private static final String TERM_DISCOUNTS = """
            SELECT il.sub_account_id, SUM(il.discount) FROM invoice_line il
            JOIN sub_account a ON a.sub_account_id = il.sub_account_id
            LEFT JOIN (""" + PricingStore.AUTHORITATIVE_REVISIONS + """
            ) r ON r.period = il.period AND r.revision = il.revision
            WHERE a.group_id = :groupId AND il.kind = 'CHARGE' AND il.period >= :from AND (
              (il.period < :period AND r.revision IS NOT NULL) OR (il.period = :period AND il.revision = :revision))
            GROUP BY il.sub_account_id""";

    private final JdbcClient jdbc;
    private final SqlDialect dialect;

    public InvoiceLineStore(JdbcTemplate jdbcTemplate, SqlDialect dialect) {
        this.jdbc = JdbcClient.create(jdbcTemplate);
        this.dialect = dialect;
    }

    /** Removes the CHARGE lines of line ids {@code first} to {@code last}: one partition's earlier attempt. */
    void deleteChargeLines(YearMonth period, int revision, String first, String last) {
        jdbc.sql(DELETE_CHARGE_LINES).param("period", period.toString()).param("revision", revision)
                .param("first", first).param("last", last).update();
    }

    /** Removes the lines of {@code kinds} (CLAWBACK, PENALTY, REBATE_CREDIT; never CHARGE) of the revision. */
    public void deleteInvoiceLines(YearMonth period, int revision, InvoiceLineKind... kinds) {
        for (InvoiceLineKind kind : kinds) {
            if (kind == InvoiceLineKind.CHARGE) {
                throw new IllegalArgumentException("CHARGE lines are removed by their line-id range, not by kind");
            }
            jdbc.sql(DELETE_LINES_OF_KIND).param("period", period.toString()).param("revision", revision)
                    .param("kind", kind.name()).update();
        }
    }

    /** Through the dialect's bulk path (COPY on PostgreSQL): priceLines writes every line of the period. */
    public void insertInvoiceLines(YearMonth period, int revision, List<? extends InvoiceLine> lines) {
        List<Object[]> rows = new ArrayList<>(lines.size());
        for (InvoiceLine l : lines) {
            rows.add(new Object[] {period.toString(), revision, l.invoiceId(), l.subAccountId(), l.lineId(),
                    l.kind().name(), l.kind().ordinal(), l.productCode(),
                    l.category() == null ? null : l.category().name(), l.chargeType() == null ? null : l.chargeType().name(),
                    l.payable(), l.discountRate(), l.discount(), l.net(), l.currency()});
        }
        dialect.bulkInsert("invoice_line", INVOICE_LINE_COLUMNS, rows);
    }

    /**
     * Discounts each sub-account of a group received during the term (R5.2 "granted"): the
     * authoritative invoices of earlier periods of the term, and this revision for the period itself.
     */
    public Map<String, BigDecimal> termDiscounts(String groupId, YearMonth from, YearMonth period, int revision) {
        Map<String, BigDecimal> discounts = new TreeMap<>();
        jdbc.sql(TERM_DISCOUNTS).param("groupId", groupId).param("from", from.toString())
                .param("period", period.toString()).param("revision", revision).query(rs -> {
                    discounts.put(rs.getString(1), rs.getBigDecimal(2));
                });
        return discounts;
    }
}
