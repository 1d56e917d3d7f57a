package io.resettle.bench;

import io.resettle.billing.Category;
import io.resettle.policy.Policy;
import io.resettle.policy.Tier;
import io.resettle.policy.TierTable;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The yardstick of {@code resettle bench}: the shared group discount of one period (R4.1–R4.3)
 * done the way a DBA would, in plain SQL on the same database. COPY the exports into a table,
 * one set-based INSERT … SELECT that computes V(G,P), the tier and the round2 discounts, COPY
 * the invoice lines out. It reuses the master data Resettle loaded (sub_account, agreement) and
 * the policy's product categories and tiers; it skips everything else Resettle does (validation,
 * rejects, duplicates, restartability, refunds of earlier periods, invoices, statements,
 * reconciliation, output files), so it is a lower bound, not a competitor.
 */
final class PlainSqlBaseline {

    /** What the baseline measured. */
    record Result(long lines, double copyInSeconds, double priceSeconds, double copyOutSeconds, BigDecimal discount) {
        double seconds() {
            return copyInSeconds + priceSeconds + copyOutSeconds;
        }
    }

    /** The shared group discount of R4.1–R4.3 in one statement: lines, V(G,P), the tier, the round2 discounts. */
    private static final String PRICE = """
            INSERT INTO bench_invoice_line
            WITH line AS (
              SELECT e.record_id, e.account_id, a.group_id, e.product_code, e.currency,
                     COALESCE(c.category, 'OTHER') AS category,
                     CASE lower(e.item)
                       WHEN 'subscriptionorder' THEN CASE lower(COALESCE(e.order_type, ''))
                         WHEN 'renew' THEN 'RENEWAL' WHEN 'upgrade' THEN 'UPGRADE' ELSE 'NEW' END
                       WHEN 'payasyougobill' THEN 'USAGE' WHEN 'refund' THEN 'REFUND' ELSE 'ADJUSTMENT' END AS charge_type,
                     CASE WHEN lower(e.item) = 'refund' THEN -abs(e.pretax_amount) ELSE e.pretax_amount END AS payable
              FROM bench_export e
              JOIN sub_account a ON a.sub_account_id = e.account_id
              LEFT JOIN bench_category c ON c.product_code = lower(e.product_code)),
            volume AS (
              SELECT group_id, SUM(payable) AS v FROM line
              WHERE charge_type IN ('NEW', 'RENEWAL', 'UPGRADE', 'USAGE', 'REFUND') GROUP BY group_id),
            tier AS (
              SELECT v.group_id, g.discount_table,
                     (SELECT MAX(t.tier_from) FROM bench_tier t
                      WHERE t.discount_table = g.discount_table AND t.tier_from <= v.v) AS tier_from
              FROM volume v JOIN agreement g ON g.group_id = v.group_id
               AND g.term_start <= :period AND COALESCE(g.terminated_on, g.term_end) >= :period),
            priced AS (
              SELECT l.*, CASE WHEN l.charge_type IN ('NEW', 'RENEWAL', 'UPGRADE', 'USAGE', 'REFUND')
                       THEN COALESCE((SELECT r.rate FROM bench_tier r WHERE r.discount_table = t.discount_table
                                        AND r.tier_from = t.tier_from AND r.category = l.category),
                                     (SELECT r.rate FROM bench_tier r WHERE r.discount_table = t.discount_table
                                        AND r.tier_from = t.tier_from AND r.category = 'default'), 0)
                       ELSE 0 END AS rate
              FROM line l LEFT JOIN tier t ON t.group_id = l.group_id)
            SELECT 'INV-' || :period || '-' || account_id, account_id, record_id, product_code, category, charge_type,
                   round(payable, 2), rate, round(payable * rate, 2), round(payable, 2) - round(payable * rate, 2),
                   currency
            FROM priced
            """;
    private static final String CATEGORY = """
            INSERT INTO bench_category VALUES (:productCode, :category)
            """;
    private static final String TIER = """
            INSERT INTO bench_tier VALUES (:discountTable, :tierFrom, :category, :rate)
            """;

    private PlainSqlBaseline() {
    }

    static Result run(Connection connection, YearMonth period, Policy policy, List<Path> exports, Path invoiceLinesOut)
            throws SQLException, IOException {
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS bench_export, bench_category, bench_tier, bench_invoice_line");
            statement.execute("CREATE TABLE bench_export (record_id text, instance_id text, related_record_id text, billing_cycle text,"
                    + " owner_id text, account_id text, sub_order_id text, order_id text, product_code text,"
                    + " subscription_type text, item text, order_type text, pretax_gross_amount numeric,"
                    + " pretax_amount numeric, payment_amount numeric, currency text, payment_time timestamp,"
                    + " usage_start timestamp, usage_end timestamp, status text)");
            statement.execute("CREATE TABLE bench_category (product_code text PRIMARY KEY, category text)");
            statement.execute("CREATE TABLE bench_tier (discount_table text, tier_from numeric, category text,"
                    + " rate numeric)");
            statement.execute("CREATE TABLE bench_invoice_line (invoice_id text, sub_account_id text, line_id text,"
                    + " product_code text, category text, charge_type text, payable numeric(20,2),"
                    + " discount_rate numeric(30,12), discount numeric(20,2), net numeric(20,2), currency text)");
        }
        loadPolicy(connection, policy);
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();

        long start = System.nanoTime();
        long lines = 0;
        for (Path export : exports) {
            try (InputStream in = Files.newInputStream(export)) {
                lines += copy.copyIn("COPY bench_export FROM STDIN WITH (FORMAT csv, HEADER true)",
                        new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        }
        long copied = System.nanoTime();

        String p = period.toString();
        // On the connection the COPYs use, as a DBA would run it in one session.
        JdbcClient sql = JdbcClient.create(new SingleConnectionDataSource(connection, true));
        sql.sql(PRICE).param("period", p).update();
        long priced = System.nanoTime();

        try (BufferedWriter out = Files.newBufferedWriter(invoiceLinesOut)) {
            copy.copyOut("COPY (SELECT * FROM bench_invoice_line ORDER BY invoice_id COLLATE \"C\", line_id COLLATE \"C\")"
                    + " TO STDOUT WITH (FORMAT csv, HEADER true)", out);
        }
        long done = System.nanoTime();

        BigDecimal discount;
        try (Statement statement = connection.createStatement();
                var rs = statement.executeQuery("SELECT COALESCE(SUM(discount), 0) FROM bench_invoice_line")) {
            rs.next();
            discount = rs.getBigDecimal(1);
        }
        return new Result(lines, (copied - start) / 1e9, (priced - copied) / 1e9, (done - priced) / 1e9, discount);
    }

    /** The policy's product categories and discount tiers as two small tables. */
    private static void loadPolicy(Connection connection, Policy policy) {
        NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(new SingleConnectionDataSource(connection, true));
        List<MapSqlParameterSource> categories = new ArrayList<>();
        for (Map.Entry<String, Category> entry : policy.productCategories().entrySet()) {
            categories.add(new MapSqlParameterSource("productCode", entry.getKey())
                    .addValue("category", entry.getValue().name()));
        }
        jdbc.batchUpdate(CATEGORY, categories.toArray(MapSqlParameterSource[]::new));
        List<MapSqlParameterSource> tiers = new ArrayList<>();
        for (Map.Entry<String, TierTable> table : policy.discountTables().entrySet()) {
            for (Tier t : table.getValue().tiers()) {
                tiers.add(tier(table.getKey(), t.from(), "default", t.defaultRate()));
                for (Map.Entry<Category, BigDecimal> rate : t.rates().entrySet()) {
                    tiers.add(tier(table.getKey(), t.from(), rate.getKey().name(), rate.getValue()));
                }
            }
        }
        jdbc.batchUpdate(TIER, tiers.toArray(MapSqlParameterSource[]::new));
    }

    private static MapSqlParameterSource tier(String table, BigDecimal from, String category, BigDecimal rate) {
        return new MapSqlParameterSource("discountTable", table).addValue("tierFrom", from).addValue("category", category)
                .addValue("rate", rate);
    }
}
