package io.resettle.reconcile.batch;

import io.resettle.reconcile.Finding;
import io.resettle.reconcile.Invariants;
import io.resettle.reconcile.Reconciliation;
import io.resettle.support.WorkerThreads;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The reconciliation table and the queries reconciliation runs (R12): the R12.2 invariant counts,
 * the amounts R12.1 compares and the OVER_LIMIT groups (R6.1). The rebate and payout steps record
 * their own checks here too ({@link #replaceFindings}, {@link #appendFindings}).
 */
@Repository
public class ReconciliationStore {

    private static final String STATEMENT_PAYABLES = """
            SELECT sub_account_id, payable FROM vendor_statement WHERE period = :period
            """;

    private static final String INGESTED_PAYABLES = """
            SELECT sub_account_id, SUM(payable_amount) FROM billing_line WHERE period = :period GROUP BY sub_account_id
            """;

    private static final String OVER_LIMIT_GROUPS = """
            SELECT group_id, credit_limit, credit_total FROM group_statement
            WHERE period = :period AND revision = :revision AND status = 'OVER_LIMIT'
            ORDER BY group_id
            """;

    private static final String DELETE_FINDINGS_EXCEPT = """
            DELETE FROM reconciliation WHERE period = :period AND revision = :revision AND check_name NOT IN (:kept)
            """;

    private static final String DELETE_FINDINGS_OF_CHECK = """
            DELETE FROM reconciliation WHERE period = :period AND revision = :revision AND check_name = :check
            """;

    private static final String INSERT_FINDING = """
            INSERT INTO reconciliation (period, revision, check_name, check_key, expected, actual, difference, status)
            VALUES (:period, :revision, :check, :key, :expected, :actual, :difference, :status)
            """;

    private static final String BREAKS = """
            SELECT COUNT(*) FROM reconciliation WHERE period = :period AND revision = :revision AND status = 'BREAK'
            """;

    private static final String FINDINGS = """
            SELECT check_name, check_key, expected, actual, difference, status FROM reconciliation
            WHERE period = :period AND revision = :revision
            ORDER BY status, check_name, check_key
            """;

    /** R12.2 for invoices, in the order violations are reported; each counts its offenders. */
    private static final List<Check> INVOICE_CHECKS = List.of(
            // Three invariants from one pass over the period's lines, summed once per invoice (three
            // scans of invoice_line before; a grouped look-up per invoice before that).
            new Check(List.of("invoice lines whose net is not payable − discount",
                    "invoices that are not the sum of their lines", "invoice lines on no invoice"), """
                    WITH s AS (SELECT invoice_id, COUNT(*) AS line_count, SUM(payable) AS payable,
                     SUM(discount) AS discount, SUM(net) AS net,
                     SUM(CASE WHEN net <> payable - discount THEN 1 ELSE 0 END) AS bad_net
                     FROM invoice_line WHERE period = :period AND revision = :revision GROUP BY invoice_id),
                    i AS (SELECT invoice_id, line_count, payable, discount, net FROM invoice
                     WHERE period = :period AND revision = :revision)
                    SELECT (SELECT COALESCE(SUM(bad_net), 0) FROM s),
                     (SELECT COUNT(*) FROM i LEFT JOIN s ON s.invoice_id = i.invoice_id WHERE s.invoice_id IS NULL
                      OR s.line_count <> i.line_count OR s.payable <> i.payable OR s.discount <> i.discount
                      OR s.net <> i.net),
                     (SELECT COALESCE(SUM(s.line_count), 0) FROM s LEFT JOIN i ON i.invoice_id = s.invoice_id
                      WHERE i.invoice_id IS NULL)
                    """),
            // The CREDIT invoices summed once per group: a sub-query per group scanned the period's
            // invoices each time (368 s for 20,000 groups, docs/performance.md).
            new Check("group statements that are not the sum of their CREDIT invoices", """
                    SELECT COUNT(*) FROM group_statement g LEFT JOIN (SELECT group_id, SUM(net) AS net FROM invoice
                     WHERE period = :period AND revision = :revision AND settlement_mode = 'CREDIT' GROUP BY group_id) c
                     ON c.group_id = g.group_id WHERE g.period = :period AND g.revision = :revision
                     AND g.credit_total <> COALESCE(c.net, 0)
                    """),
            new Check("ingested lines on no invoice line", """
                    SELECT COUNT(*) FROM billing_line b WHERE b.period = :period AND NOT EXISTS (SELECT 1 FROM invoice_line il
                     WHERE il.period = b.period AND il.revision = :revision AND il.kind = 'CHARGE' AND il.line_id = b.line_id
                     AND il.sub_account_id = b.sub_account_id)
                    """),
            // Relies on the check above coming first (expectNone reports the first violation in list
            // order): with it holding, as many CHARGE lines as ingested lines means each ingested line
            // has exactly one and no CHARGE line is without one (the ingested line ids are unique): two
            // counts. Only when they differ are the lines grouped by id to count the offenders (the ELSE
            // branch's sub-query runs only then).
            new Check("charge invoice lines without exactly one ingested line", """
                    SELECT CASE WHEN (SELECT COUNT(*) FROM invoice_line WHERE period = :period AND revision = :revision
                     AND kind = 'CHARGE') = (SELECT COUNT(*) FROM billing_line WHERE period = :period) THEN 0 ELSE (
                     SELECT COUNT(*) FROM (SELECT il.line_id, COUNT(*) AS times FROM invoice_line il WHERE il.period = :period
                     AND il.revision = :revision AND il.kind = 'CHARGE' GROUP BY il.line_id) x
                     LEFT JOIN billing_line b ON b.period = :period AND b.line_id = x.line_id
                     WHERE x.times <> 1 OR b.line_id IS NULL) END
                    """));

    /** R12.2 for staged payouts and payout runs: stages add up to their accrual; net = gross − tax. */
    private static final List<Check> PAYOUT_CHECKS = List.of(
            // A stage due in the period itself was paid by this run and left the pending snapshot.
            new Check("stage sets that do not add up to their accrual", """
                    SELECT COUNT(*) FROM (SELECT program, group_id, SUM(amount) AS staged FROM rebate_stage
                     WHERE period = :period AND revision = :revision AND accrual_period = :period GROUP BY program, group_id
                     HAVING MIN(due_period) > :period) st
                     LEFT JOIN (SELECT program, scope_id, SUM(accrual) AS accrued FROM rebate_accrual
                     WHERE period = :period AND revision = :revision AND direction = 'PAYABLE' GROUP BY program, scope_id) ac
                     ON ac.program = st.program AND ac.scope_id = st.group_id
                     WHERE ac.accrued IS NULL OR ac.accrued <> st.staged
                    """),
            new Check("payouts whose net is not gross − tax (R10.3, R10.4)", """
                    SELECT COUNT(*) FROM payout WHERE period = :period AND revision = :revision AND net <> gross - tax_withheld
                    """));

    /** A query that counts the violations of its invariants, a column each. */
    private record Check(List<String> whats, String sql) {

        Check(String what, String sql) {
            this(List.of(what), sql);
        }
    }

    private final DataSource dataSource;
    private final NamedParameterJdbcTemplate named;
    private final JdbcClient jdbc;

    public ReconciliationStore(JdbcTemplate jdbc) {
        this.dataSource = jdbc.getDataSource();
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.jdbc = JdbcClient.create(named);
    }

    /**
     * The R12.2 invoice invariants in the order of {@link #INVOICE_CHECKS}, the checks' queries run at
     * once, each on a connection of its own (they read what earlier steps committed; on PostgreSQL
     * each is a scan of the period's lines or invoices).
     */
    public List<Invariants.Count> invoiceInvariants(YearMonth period, int revision) {
        List<Callable<List<Invariants.Count>>> queries = INVOICE_CHECKS.stream()
                .<Callable<List<Invariants.Count>>>map(check -> () -> counts(check, period, revision)).toList();
        return WorkerThreads.callAll(dataSource, queries, "checking the R12.2 invariants").stream()
                .flatMap(List::stream).toList();
    }

    /** The R12.2 payout invariants, one after the other. */
    public List<Invariants.Count> payoutInvariants(YearMonth period, int revision) {
        return PAYOUT_CHECKS.stream().flatMap(check -> counts(check, period, revision).stream()).toList();
    }

    private List<Invariants.Count> counts(Check check, YearMonth period, int revision) {
        return jdbc.sql(check.sql()).param("period", period.toString()).param("revision", revision).query((rs, row) -> {
            List<Invariants.Count> counts = new ArrayList<>();
            for (int i = 0; i < check.whats().size(); i++) {
                counts.add(new Invariants.Count(check.whats().get(i), rs.getLong(i + 1)));
            }
            return counts;
        }).single();
    }

    /** The vendor statement's payable per sub-account (R12.1); empty when there is no statement. */
    public Map<String, BigDecimal> statementPayables(YearMonth period) {
        return amounts(STATEMENT_PAYABLES, period);
    }

    /** The full-precision payable of the period's billing lines per sub-account (R12.1). */
    public Map<String, BigDecimal> ingestedPayables(YearMonth period) {
        return amounts(INGESTED_PAYABLES, period);
    }

    private Map<String, BigDecimal> amounts(String sql, YearMonth period) {
        Map<String, BigDecimal> amounts = new TreeMap<>();
        jdbc.sql(sql).param("period", period.toString()).query(rs -> {
            amounts.put(rs.getString(1), rs.getBigDecimal(2));
        });
        return amounts;
    }

    /** The revision's OVER_LIMIT groups in group order (R6.1). */
    public List<Reconciliation.OverLimit> overLimitGroups(YearMonth period, int revision) {
        return jdbc.sql(OVER_LIMIT_GROUPS).param("period", period.toString()).param("revision", revision)
                .query((rs, i) -> new Reconciliation.OverLimit(rs.getString(1), rs.getBigDecimal(2), rs.getBigDecimal(3)))
                .list();
    }

    /** How many BREAK findings the revision has (R12.5: any makes the run COMPLETED_WITH_BREAKS). */
    public long breaks(YearMonth period, int revision) {
        return jdbc.sql(BREAKS).param("period", period.toString()).param("revision", revision).query(Long.class).single();
    }

    /** The revision's findings, breaks first, then by check and key. */
    public List<Finding> findings(YearMonth period, int revision) {
        return jdbc.sql(FINDINGS).param("period", period.toString()).param("revision", revision)
                .query((rs, i) -> new Finding(rs.getString(1), rs.getString(2), rs.getBigDecimal(3), rs.getBigDecimal(4),
                        rs.getBigDecimal(5), Finding.Status.valueOf(rs.getString(6))))
                .list();
    }

    /** Replaces the revision's findings but those of the checks {@code kept}. */
    public void replaceFindingsExcept(YearMonth period, int revision, List<String> kept, List<Finding> findings) {
        jdbc.sql(DELETE_FINDINGS_EXCEPT).param("period", period.toString()).param("revision", revision)
                .param("kept", kept).update();
        appendFindings(period, revision, findings);
    }

    /** Replaces the revision's findings of one check (R12.3 vendor_rebate, R12.4 payout_return). */
    public void replaceFindings(YearMonth period, int revision, String check, List<Finding> findings) {
        jdbc.sql(DELETE_FINDINGS_OF_CHECK).param("period", period.toString()).param("revision", revision)
                .param("check", check).update();
        appendFindings(period, revision, findings);
    }

    /** Adds findings to the revision's reconciliation, in one batch. */
    public void appendFindings(YearMonth period, int revision, List<Finding> findings) {
        SqlParameterSource[] rows = findings.stream().map(f -> new MapSqlParameterSource()
                .addValue("period", period.toString()).addValue("revision", revision).addValue("check", f.check())
                .addValue("key", f.key()).addValue("expected", f.expected()).addValue("actual", f.actual())
                .addValue("difference", f.difference()).addValue("status", f.status().name()))
                .toArray(SqlParameterSource[]::new);
        named.batchUpdate(INSERT_FINDING, rows);
    }
}
