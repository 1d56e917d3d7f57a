package io.resettle.pricing.batch;

import io.resettle.billing.BillingLine;
import io.resettle.billing.BillingMethod;
import io.resettle.billing.Category;
import io.resettle.billing.ChargeType;
import io.resettle.masterdata.Agreement;
import io.resettle.masterdata.ClawbackMode;
import io.resettle.support.RunStatus;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What pricing reads of others' tables (R4, R5): the period's billing lines (ingest's), agreements,
 * groups and sub-accounts (master data's). What pricing writes has its own stores:
 * {@link GroupVolumeStore} and {@link InvoiceLineStore}.
 */
@Repository
public class PricingStore {

    /** Charge types that count in volume (R4.1, R7.2) as an SQL list, from {@link ChargeType#countsInVolume}. */
    public static final String VOLUME_TYPES = java.util.Arrays.stream(ChargeType.values())
            .filter(ChargeType::countsInVolume).map(type -> "'" + type.name() + "'")
            .collect(java.util.stream.Collectors.joining(", ", "(", ")"));

    /** Settled revisions that count for later periods: the newest completed revision of each period (R11.1). */
    public static final String AUTHORITATIVE_REVISIONS = """
            SELECT period, MAX(revision) AS revision FROM period_run
            WHERE status IN %s GROUP BY period""".formatted(RunStatus.SETTLED_SQL);

    private static final String AGREEMENTS = """
            SELECT * FROM agreement ORDER BY agreement_id""";

    private static final String GROUP_OF_SUB_ACCOUNT = """
            SELECT sub_account_id, group_id FROM sub_account""";

    /**
     * The columns of a billing line that pricing reads (R4.2–R4.4), for the line ({@code b}) and
     * for a refund's related line ({@code r}), then the rate the related line got on an earlier
     * period's authoritative invoice: the cursor of priceLines selects these and no others. Times,
     * order ids and the other amounts would be read, decoded and dropped a million times a period.
     */
    private static final String PERIOD_LINE_COLUMNS = """
            SELECT b.line_id, b.related_line_id, b.period, b.sub_account_id, b.product_code, b.category,
                   b.billing_method, b.charge_type, b.payable_amount, b.currency,
                   r.line_id, r.related_line_id, r.period, r.sub_account_id, r.product_code, r.category,
                   r.billing_method, r.charge_type, r.payable_amount, r.currency,
                   CASE WHEN b.charge_type = 'REFUND' AND b.related_line_id IS NOT NULL THEN (
                       SELECT il.discount_rate FROM invoice_line il JOIN (""" + AUTHORITATIVE_REVISIONS + """
            ) ar ON ar.period = il.period AND ar.revision = il.revision
                       WHERE il.line_id = b.related_line_id AND il.kind = 'CHARGE' AND il.period < b.period
                       ORDER BY il.period DESC FETCH FIRST 1 ROWS ONLY) END AS earlier_rate
            """;

    /** {@link #PERIOD_LINE_COLUMNS} has this many columns per line. */
    private static final int PRICED_COLUMNS = 10;

    /** OFFSET 0 keeps the lateral subquery from being flattened back into a join. */
    private static final String PERIOD_LINES_POSTGRES = PERIOD_LINE_COLUMNS + """
            FROM billing_line b LEFT JOIN LATERAL (SELECT * FROM billing_line r WHERE b.charge_type = 'REFUND'
                AND r.period = b.period AND r.line_id = b.related_line_id OFFSET 0) r ON TRUE
            WHERE b.period = :period AND b.line_id BETWEEN :first AND :last ORDER BY b.line_id""";

    private static final String PERIOD_LINES_H2 = PERIOD_LINE_COLUMNS + """
            FROM billing_line b LEFT JOIN billing_line r ON b.charge_type = 'REFUND'
                AND r.period = b.period AND r.line_id = b.related_line_id
            WHERE b.period = :period AND b.line_id BETWEEN :first AND :last ORDER BY b.line_id""";

    /** The database cuts the ranges (NTILE over the primary key). */
    private static final String LINE_ID_RANGES = """
            SELECT MIN(line_id), MAX(line_id), COUNT(*)
            FROM (SELECT line_id, NTILE(:ranges) OVER (ORDER BY line_id) AS part FROM billing_line WHERE period = :period) x
            GROUP BY part ORDER BY part""";

    private static final String TERM_VOLUMES = """
            SELECT b.period, SUM(b.payable_amount) FROM billing_line b JOIN sub_account a
            ON a.sub_account_id = b.sub_account_id WHERE a.group_id = :groupId AND b.period >= :from AND b.period <= :upTo
            AND b.charge_type IN """ + VOLUME_TYPES + " GROUP BY b.period";

    private static final String CURRENCY_OF = """
            SELECT currency FROM customer_group WHERE group_id = :groupId""";

    private static final String PRIMARY_SUB_ACCOUNT = """
            SELECT sub_account_id FROM sub_account WHERE group_id = :groupId
            ORDER BY CASE WHEN role = 'PRIMARY' THEN 0 ELSE 1 END, sub_account_id""";

    private final JdbcClient jdbc;

    public PricingStore(JdbcTemplate jdbcTemplate) {
        this.jdbc = JdbcClient.create(jdbcTemplate);
    }

    public List<Agreement> agreements() {
        return jdbc.sql(AGREEMENTS).query((rs, i) -> new Agreement(
                rs.getString("agreement_id"), rs.getString("group_id"), rs.getString("discount_table"),
                YearMonth.parse(rs.getString("term_start")), YearMonth.parse(rs.getString("term_end")),
                rs.getBigDecimal("min_commitment"), ClawbackMode.valueOf(rs.getString("clawback_mode")),
                rs.getBigDecimal("penalty_rate"),
                rs.getString("terminated_on") == null ? null : YearMonth.parse(rs.getString("terminated_on"))))
                .list();
    }

    /** The group of every sub-account. */
    /** For look-ups only (a hash map: each partition builds one and looks up every line's sub-account). */
    public Map<String, String> groupOfSubAccount() {
        Map<String, String> groups = new HashMap<>();
        jdbc.sql(GROUP_OF_SUB_ACCOUNT).query(rs -> {
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
    static final int RELATED_FIRST_COLUMN = PRICED_COLUMNS + 1;
    static final int EARLIER_RATE_COLUMN = 2 * PRICED_COLUMNS + 1;

    /**
     * A range of the period's lines (parameters {@code :period}, {@code :first} and {@code :last}
     * line id), in line id order: the order of the primary key and, since billing_line is rebuilt
     * in line id order, of the table itself, so a range reads its own pages one after the other.
     * Each refund comes with what R4.4 needs to price it: the rate its related line got on an
     * earlier period's authoritative invoice ({@code earlier_rate}) and the related line if it is
     * of this same period (the second set of {@link #PRICED_COLUMNS}). One query instead of two
     * look-ups per refund. On PostgreSQL the related line is a lateral look-up that runs for
     * refunds only: as a plain join the planner hashed the whole period for every range (8 scans of
     * the period and a sort per settle, docs/performance.md); H2 has no LATERAL and keeps the join.
     */
    static String periodLinesQuery(boolean postgres) {
        return postgres ? PERIOD_LINES_POSTGRES : PERIOD_LINES_H2;
    }

    /**
     * The period's lines cut into at most {@code n} ranges of consecutive line ids with about the
     * same number of lines each (they differ by one at most), in order. The database cuts them
     * (NTILE over the primary key), so a {@code BETWEEN first AND last} selects exactly a range's
     * lines whatever the collation.
     */
    List<LineIdRange> lineIdRanges(YearMonth period, int n) {
        return jdbc.sql(LINE_ID_RANGES).param("ranges", n).param("period", period.toString())
                .query((rs, i) -> new LineIdRange(rs.getString(1), rs.getString(2), rs.getLong(3))).list();
    }

    /** V(G,p) per period of the term up to and including {@code upTo}, from the ingested lines (R5.2). */
    public Map<YearMonth, BigDecimal> termVolumes(String groupId, YearMonth from, YearMonth upTo) {
        Map<YearMonth, BigDecimal> volumes = new TreeMap<>();
        jdbc.sql(TERM_VOLUMES).param("groupId", groupId).param("from", from.toString()).param("upTo", upTo.toString())
                .query(rs -> {
                    volumes.put(YearMonth.parse(rs.getString(1)), rs.getBigDecimal(2));
                });
        return volumes;
    }

    public String currencyOf(String groupId) {
        return jdbc.sql(CURRENCY_OF).param("groupId", groupId).query(String.class).single();
    }

    public Optional<String> primarySubAccount(String groupId) {
        return jdbc.sql(PRIMARY_SUB_ACCOUNT).param("groupId", groupId).query((rs, i) -> rs.getString(1)).list()
                .stream().findFirst();
    }
}
