package io.resettle.pricing.batch;

import io.resettle.ingest.BillingLine;
import io.resettle.ingest.BillingMethod;
import io.resettle.ingest.ChargeType;
import io.resettle.invoice.InvoiceLine;
import io.resettle.pricing.Agreement;
import io.resettle.pricing.ClawbackMode;
import io.resettle.policy.Category;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import io.resettle.run.SqlDialect;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** What pricing reads and writes: billing lines, group volumes, agreements, invoice lines (R4, R5). */
@Repository
public class PricingStore {

    /** Charge types that count in volume (R4.1), as SQL. */
    static final String VOLUME_TYPES = "('NEW', 'RENEWAL', 'UPGRADE', 'USAGE', 'REFUND')";

    /** Settled revisions that count for later periods: the newest completed revision of each period (R11.1). */
    public static final String AUTHORITATIVE_REVISIONS = "SELECT period, MAX(revision) AS revision FROM period_run"
            + " WHERE status IN ('COMPLETED', 'COMPLETED_WITH_BREAKS') GROUP BY period";

    private static final List<String> INVOICE_LINE_COLUMNS = List.of("period", "revision", "invoice_id",
            "sub_account_id", "line_id", "kind", "kind_order", "product_code", "category", "charge_type", "payable",
            "discount_rate", "discount", "net", "currency");

    private final JdbcTemplate jdbc;
    private final SqlDialect dialect;

    public PricingStore(JdbcTemplate jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    /** A group with a sub-account associated in the period or a line in it. */
    public record GroupRow(String groupId, String currency, BigDecimal creditLimit) {
    }

    public List<GroupRow> groupsOf(YearMonth period) {
        String p = period.toString();
        return jdbc.query("SELECT g.group_id, g.currency, g.credit_limit FROM customer_group g WHERE EXISTS ("
                        + " SELECT 1 FROM sub_account a WHERE a.group_id = g.group_id AND a.associated_from <= ?"
                        + " AND (a.associated_to IS NULL OR a.associated_to >= ?)) OR EXISTS (SELECT 1 FROM billing_line b"
                        + " JOIN sub_account a ON a.sub_account_id = b.sub_account_id WHERE b.period = ? AND a.group_id = g.group_id)"
                        + " ORDER BY g.group_id",
                (rs, i) -> new GroupRow(rs.getString(1), rs.getString(2), rs.getBigDecimal(3)), p, p, p);
    }

    /** V(G,P) of every group with volume lines in the period, full precision (R4.1). */
    public Map<String, BigDecimal> groupVolumes(YearMonth period) {
        Map<String, BigDecimal> volumes = new TreeMap<>();
        jdbc.query("SELECT a.group_id, SUM(b.payable_amount) FROM billing_line b JOIN sub_account a"
                + " ON a.sub_account_id = b.sub_account_id WHERE b.period = ? AND b.charge_type IN " + VOLUME_TYPES
                + " GROUP BY a.group_id", rs -> {
                    volumes.put(rs.getString(1), rs.getBigDecimal(2));
                }, period.toString());
        return volumes;
    }

    public List<Agreement> agreements() {
        return jdbc.query("SELECT * FROM agreement ORDER BY agreement_id", (rs, i) -> new Agreement(
                rs.getString("agreement_id"), rs.getString("group_id"), rs.getString("discount_table"),
                YearMonth.parse(rs.getString("term_start")), YearMonth.parse(rs.getString("term_end")),
                rs.getBigDecimal("min_commitment"), ClawbackMode.valueOf(rs.getString("clawback_mode")),
                rs.getBigDecimal("penalty_rate"),
                rs.getString("terminated_on") == null ? null : YearMonth.parse(rs.getString("terminated_on"))));
    }

    public void replaceGroupVolumes(YearMonth period, int revision, List<Object[]> rows) {
        jdbc.update("DELETE FROM group_statement WHERE period = ? AND revision = ?", period.toString(), revision);
        jdbc.batchUpdate("INSERT INTO group_statement (period, revision, group_id, volume, tier_from, agreement_id,"
                + " credit_limit) VALUES (?, ?, ?, ?, ?, ?, ?)", rows);
    }

    /** The group of every sub-account. */
    public Map<String, String> groupOfSubAccount() {
        Map<String, String> groups = new TreeMap<>();
        jdbc.query("SELECT sub_account_id, group_id FROM sub_account", rs -> {
            groups.put(rs.getString(1), rs.getString(2));
        });
        return groups;
    }

    /** The rate a line id got on the authoritative invoice of an earlier period (R4.4). */
    public Optional<BigDecimal> rateOfEarlierLine(YearMonth period, String lineId) {
        return jdbc.query("SELECT il.discount_rate FROM invoice_line il JOIN (" + AUTHORITATIVE_REVISIONS + ") r"
                        + " ON r.period = il.period AND r.revision = il.revision"
                        + " WHERE il.line_id = ? AND il.kind = 'CHARGE' AND il.period < ? ORDER BY il.period DESC",
                (rs, i) -> rs.getBigDecimal(1), lineId, period.toString()).stream().findFirst();
    }

    /** A line of the period being settled, by id (a refund of it in the same run takes its rate, R4.4). */
    public Optional<BillingLine> lineOfPeriod(YearMonth period, String lineId) {
        return jdbc.query("SELECT * FROM billing_line WHERE period = ? AND line_id = ?", (rs, i) -> billingLine(rs),
                period.toString(), lineId).stream().findFirst();
    }

    public static BillingLine billingLine(ResultSet rs) throws SQLException {
        return new BillingLine(rs.getString("line_id"), rs.getString("related_line_id"),
                YearMonth.parse(rs.getString("period")), rs.getString("sub_account_id"), rs.getString("order_id"),
                rs.getString("product_code"), Category.valueOf(rs.getString("category")),
                BillingMethod.valueOf(rs.getString("billing_method")), ChargeType.valueOf(rs.getString("charge_type")),
                rs.getBigDecimal("list_amount"), rs.getBigDecimal("payable_amount"), rs.getBigDecimal("paid_amount"),
                rs.getString("currency"), rs.getObject("payment_time", LocalDateTime.class),
                rs.getObject("usage_start", LocalDateTime.class), rs.getObject("usage_end", LocalDateTime.class),
                rs.getBoolean("paid"));
    }

    public void deleteInvoiceLines(YearMonth period, int revision, String... kinds) {
        for (String kind : kinds) {
            jdbc.update("DELETE FROM invoice_line WHERE period = ? AND revision = ? AND kind = ?",
                    period.toString(), revision, kind);
        }
    }

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

    /** V(G,p) per period of the term up to and including {@code upTo}, from the ingested lines (R5.2). */
    public Map<YearMonth, BigDecimal> termVolumes(String groupId, YearMonth from, YearMonth upTo) {
        Map<YearMonth, BigDecimal> volumes = new TreeMap<>();
        jdbc.query("SELECT b.period, SUM(b.payable_amount) FROM billing_line b JOIN sub_account a"
                + " ON a.sub_account_id = b.sub_account_id WHERE a.group_id = ? AND b.period >= ? AND b.period <= ?"
                + " AND b.charge_type IN " + VOLUME_TYPES + " GROUP BY b.period", rs -> {
                    volumes.put(YearMonth.parse(rs.getString(1)), rs.getBigDecimal(2));
                }, groupId, from.toString(), upTo.toString());
        return volumes;
    }

    /**
     * Discounts each sub-account of a group received during the term (R5.2 "granted"): the
     * authoritative invoices of earlier periods of the term, and this revision for the period itself.
     */
    public Map<String, BigDecimal> termDiscounts(String groupId, YearMonth from, YearMonth period, int revision) {
        Map<String, BigDecimal> discounts = new TreeMap<>();
        jdbc.query("SELECT il.sub_account_id, SUM(il.discount) FROM invoice_line il"
                + " JOIN sub_account a ON a.sub_account_id = il.sub_account_id"
                + " LEFT JOIN (" + AUTHORITATIVE_REVISIONS + ") r ON r.period = il.period AND r.revision = il.revision"
                + " WHERE a.group_id = ? AND il.kind = 'CHARGE' AND il.period >= ? AND ("
                + "   (il.period < ? AND r.revision IS NOT NULL) OR (il.period = ? AND il.revision = ?))"
                + " GROUP BY il.sub_account_id", rs -> {
                    discounts.put(rs.getString(1), rs.getBigDecimal(2));
                }, groupId, from.toString(), period.toString(), period.toString(), revision);
        return discounts;
    }

    public String currencyOf(String groupId) {
        return jdbc.queryForObject("SELECT currency FROM customer_group WHERE group_id = ?", String.class, groupId);
    }

    public Optional<String> primarySubAccount(String groupId) {
        return jdbc.query("SELECT sub_account_id FROM sub_account WHERE group_id = ? ORDER BY"
                        + " CASE WHEN role = 'PRIMARY' THEN 0 ELSE 1 END, sub_account_id",
                (rs, i) -> rs.getString(1), groupId).stream().findFirst();
    }
}
