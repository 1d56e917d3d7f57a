package io.resettle.pricing.batch;

import io.resettle.billing.BillingLine;
import io.resettle.billing.BillingMethod;
import io.resettle.billing.Category;
import io.resettle.billing.ChargeType;
import io.resettle.masterdata.Agreement;
import io.resettle.masterdata.ClawbackMode;
import io.resettle.pricing.InvoiceLine;
import io.resettle.support.SqlDialect;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** What pricing reads and writes: billing lines, group volumes, agreements, invoice lines (R4, R5). */
@Repository
public class PricingStore {

    /** Charge types that count in volume (R4.1, R7.2) as an SQL list, from {@link ChargeType#countsInVolume}. */
    public static final String VOLUME_TYPES = java.util.Arrays.stream(ChargeType.values())
            .filter(ChargeType::countsInVolume).map(type -> "'" + type.name() + "'")
            .collect(java.util.stream.Collectors.joining(", ", "(", ")"));

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
        // One uncorrelated set of group ids: two EXISTS joined by OR stay a sub-plan per group, each
        // scanning the sub-accounts (minutes for 20,000 groups, docs/performance.md).
        return jdbc.query("SELECT g.group_id, g.currency, g.credit_limit FROM customer_group g WHERE g.group_id IN ("
                        + " SELECT a.group_id FROM sub_account a WHERE a.associated_from <= ?"
                        + " AND (a.associated_to IS NULL OR a.associated_to >= ?) UNION SELECT a.group_id FROM billing_line b"
                        + " JOIN sub_account a ON a.sub_account_id = b.sub_account_id WHERE b.period = ?)"
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

    /** V(G,P) as computeGroupVolumes recorded it for the revision (group_statement.volume, full precision). */
    public Map<String, BigDecimal> recordedGroupVolumes(YearMonth period, int revision) {
        Map<String, BigDecimal> volumes = new TreeMap<>();
        jdbc.query("SELECT group_id, volume FROM group_statement WHERE period = ? AND revision = ?", rs -> {
            volumes.put(rs.getString(1), rs.getBigDecimal(2));
        }, period.toString(), revision);
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
    /** For look-ups only (a hash map: each partition builds one and looks up every line's sub-account). */
    public Map<String, String> groupOfSubAccount() {
        Map<String, String> groups = new java.util.HashMap<>();
        jdbc.query("SELECT sub_account_id, group_id FROM sub_account", rs -> {
            groups.put(rs.getString(1), rs.getString(2));
        });
        return groups;
    }

    /**
     * A period column as the database holds it ({@code 2026-10}), without a DateTimeFormatter:
     * readers of lines parse one per line.
     */
    public static YearMonth period(String text) {
        if (text.length() == 7 && text.charAt(4) == '-') {
            return YearMonth.of(Integer.parseInt(text, 0, 4, 10), Integer.parseInt(text, 5, 7, 10));
        }
        return YearMonth.parse(text);
    }

    /** A whole billing line from a query that selects billing_line's columns by their names. */
    public static BillingLine billingLine(ResultSet rs) throws SQLException {
        return new BillingLine(rs.getString("line_id"), rs.getString("related_line_id"),
                period(rs.getString("period")), rs.getString("sub_account_id"), rs.getString("order_id"),
                rs.getString("product_code"), Category.valueOf(rs.getString("category")),
                BillingMethod.valueOf(rs.getString("billing_method")), ChargeType.valueOf(rs.getString("charge_type")),
                rs.getBigDecimal("list_amount"), rs.getBigDecimal("payable_amount"), rs.getBigDecimal("paid_amount"),
                rs.getString("currency"), rs.getObject("payment_time", LocalDateTime.class),
                rs.getObject("usage_start", LocalDateTime.class), rs.getObject("usage_end", LocalDateTime.class),
                rs.getBoolean("paid"));
    }

    /**
     * The columns of a billing line that pricing reads (R4.2–R4.4): the cursor of priceLines
     * selects these and no others, for the line and for a refund's related line. Times, order ids
     * and the other amounts would be read, decoded and dropped a million times a period.
     */
    private static final List<String> PRICED_COLUMNS = List.of("line_id", "related_line_id", "period",
            "sub_account_id", "product_code", "category", "billing_method", "charge_type", "payable_amount", "currency");

    /**
     * A billing line from the {@link #PRICED_COLUMNS} starting at column {@code first} (1-based);
     * the fields pricing does not read are null. Null if the line id is null (an outer join missed).
     */
    static BillingLine pricedLine(ResultSet rs, int first) throws SQLException {
        String lineId = rs.getString(first);
        if (lineId == null) {
            return null;
        }
        return new BillingLine(lineId, rs.getString(first + 1), period(rs.getString(first + 2)),
                rs.getString(first + 3), null, rs.getString(first + 4), Category.valueOf(rs.getString(first + 5)),
                BillingMethod.valueOf(rs.getString(first + 6)), ChargeType.valueOf(rs.getString(first + 7)), null,
                rs.getBigDecimal(first + 8), null, rs.getString(first + 9), null, null, null, false);
    }

    /** Column of the related line's first field, and of the earlier rate, in {@link #periodLinesQuery(boolean)}. */
    static final int RELATED_FIRST_COLUMN = PRICED_COLUMNS.size() + 1;
    static final int EARLIER_RATE_COLUMN = 2 * PRICED_COLUMNS.size() + 1;

    /**
     * A range of the period's lines (parameters: the period, the range's first and last line id),
     * in line id order: the order of the primary key and, since billing_line is rebuilt in line
     * id order, of the table itself, so a range reads its own pages one after the other. Each
     * refund comes with what R4.4 needs to price it: the rate its related line got on an earlier
     * period's authoritative invoice ({@code earlier_rate}) and the related line if it is of this
     * same period (the second set of {@link #PRICED_COLUMNS}). One query instead of two look-ups
     * per refund. On PostgreSQL the related line is a lateral look-up that runs for refunds only:
     * as a plain join the planner hashed the whole period for every range (8 scans of the period
     * and a sort per settle, docs/performance.md); H2 has no LATERAL and keeps the join.
     */
    static String periodLinesQuery(boolean postgres) {
        String line = PRICED_COLUMNS.stream().map(c -> "b." + c).collect(java.util.stream.Collectors.joining(", "));
        String related = PRICED_COLUMNS.stream().map(c -> "r." + c).collect(java.util.stream.Collectors.joining(", "));
        return "SELECT " + line + ", " + related + ", CASE WHEN b.charge_type = 'REFUND' AND b.related_line_id IS NOT NULL THEN ("
                + " SELECT il.discount_rate FROM invoice_line il JOIN (" + AUTHORITATIVE_REVISIONS + ") ar"
                + " ON ar.period = il.period AND ar.revision = il.revision"
                + " WHERE il.line_id = b.related_line_id AND il.kind = 'CHARGE' AND il.period < b.period"
                + " ORDER BY il.period DESC FETCH FIRST 1 ROWS ONLY) END AS earlier_rate"
                + (postgres
                        // OFFSET 0 keeps the subquery from being flattened back into a join.
                        ? " FROM billing_line b LEFT JOIN LATERAL (SELECT * FROM billing_line r WHERE b.charge_type = 'REFUND'"
                                + " AND r.period = b.period AND r.line_id = b.related_line_id OFFSET 0) r ON TRUE"
                        : " FROM billing_line b LEFT JOIN billing_line r ON b.charge_type = 'REFUND'"
                                + " AND r.period = b.period AND r.line_id = b.related_line_id")
                + " WHERE b.period = ? AND b.line_id BETWEEN ? AND ? ORDER BY b.line_id";
    }

    /**
     * The period's lines cut into at most {@code n} ranges of consecutive line ids with about the
     * same number of lines each (they differ by one at most), in order. The database cuts them
     * (NTILE over the primary key), so a {@code BETWEEN first AND last} selects exactly a range's
     * lines whatever the collation.
     */
    List<LineIdRange> lineIdRanges(YearMonth period, int n) {
        return jdbc.query("SELECT MIN(line_id), MAX(line_id), COUNT(*) FROM (SELECT line_id, NTILE(?) OVER"
                        + " (ORDER BY line_id) AS part FROM billing_line WHERE period = ?) x GROUP BY part ORDER BY part",
                (rs, i) -> new LineIdRange(rs.getString(1), rs.getString(2), rs.getLong(3)), n, period.toString());
    }

    /** Removes the CHARGE lines of line ids {@code first} to {@code last}: one partition's earlier attempt. */
    void deleteChargeLines(YearMonth period, int revision, String first, String last) {
        jdbc.update("DELETE FROM invoice_line WHERE period = ? AND revision = ? AND kind = 'CHARGE'"
                + " AND line_id BETWEEN ? AND ?", period.toString(), revision, first, last);
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
