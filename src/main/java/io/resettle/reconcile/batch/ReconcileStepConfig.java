package io.resettle.reconcile.batch;

import io.resettle.reconcile.Finding;
import io.resettle.reconcile.InvariantViolation;
import io.resettle.reconcile.StatementReconciliation;
import io.resettle.support.WorkerThreads;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code reconcile}: checks the R12.2 invariants (a violation fails the run) and records the
 * R12.1 breaks and the OVER_LIMIT warnings (R6.1) of the revision.
 */
@Configuration(proxyBeanMethods = false)
class ReconcileStepConfig {

    @Bean
    Step reconcile(JobRepository jobRepository, PlatformTransactionManager transactionManager, Tasklet reconcileTasklet) {
        return new StepBuilder("reconcile", jobRepository).tasklet(reconcileTasklet, transactionManager).build();
    }

    @Bean
    @StepScope
    Tasklet reconcileTasklet(JdbcTemplate jdbc, io.resettle.support.SqlDialect dialect, @Value("#{jobParameters['period']}") String periodText,
            @Value("#{jobParameters['revision']}") Long revisionNumber) {
        return (contribution, chunkContext) -> {
            YearMonth period = YearMonth.parse(periodText);
            int revision = revisionNumber.intValue();
            // invoice_line was analysed by settleCommitments, after priceLines wrote the period's lines;
            // the few lines added since change no plan, and a second pass over a million rows costs a second.
            // On a connection of its own: the checks run on theirs, beside this step's transaction.
            dialect.analyzeCommitted("invoice", "group_statement", "rebate_stage", "rebate_accrual");
            checkInvariants(jdbc, period.toString(), revision);
            checkPayoutInvariants(jdbc, period.toString(), revision);
            List<Finding> findings = new ArrayList<>();
            Map<String, BigDecimal> statement = amounts(jdbc,
                    "SELECT sub_account_id, payable FROM vendor_statement WHERE period = ?", period.toString());
            if (!statement.isEmpty()) {
                Map<String, BigDecimal> ingested = amounts(jdbc, "SELECT sub_account_id, SUM(payable_amount)"
                        + " FROM billing_line WHERE period = ? GROUP BY sub_account_id", period.toString());
                findings.addAll(StatementReconciliation.compare(ingested, statement));
            }
            jdbc.query("SELECT group_id, credit_limit, credit_total FROM group_statement WHERE period = ? AND revision = ?"
                    + " AND status = 'OVER_LIMIT' ORDER BY group_id", rs -> {
                        BigDecimal limit = rs.getBigDecimal(2);
                        BigDecimal total = rs.getBigDecimal(3);
                        findings.add(new Finding("credit_limit", rs.getString(1), limit, total, total.subtract(limit),
                                Finding.Status.WARNING));
                    }, period.toString(), revision);
            // vendor_rebate (R12.3) and payout_return (R12.4) belong to the rebate and payout steps.
            jdbc.update("DELETE FROM reconciliation WHERE period = ? AND revision = ?"
                    + " AND check_name NOT IN ('vendor_rebate', 'payout_return')", period.toString(), revision);
            List<Object[]> rows = new ArrayList<>();
            for (Finding f : findings) {
                rows.add(new Object[] {period.toString(), revision, f.check(), f.key(), f.expected(), f.actual(),
                        f.difference(), f.status().name()});
            }
            jdbc.batchUpdate("INSERT INTO reconciliation (period, revision, check_name, check_key, expected, actual,"
                    + " difference, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows);
            contribution.incrementWriteCount(rows.size());
            return RepeatStatus.FINISHED;
        };
    }

    private static Map<String, BigDecimal> amounts(JdbcTemplate jdbc, String sql, Object... args) {
        Map<String, BigDecimal> amounts = new TreeMap<>();
        jdbc.query(sql, rs -> {
            amounts.put(rs.getString(1), rs.getBigDecimal(2));
        }, args);
        return amounts;
    }

    /** R12.2, each checked by a query independent of the one that produced the numbers. */
    static void checkInvariants(JdbcTemplate jdbc, String period, int revision) {
        List<Check> checks = List.of(
                new Check("invoice lines whose net is not payable − discount",
                        "SELECT COUNT(*) FROM invoice_line WHERE period = ? AND revision = ? AND net <> payable - discount",
                        period, revision),
                new Check("invoices that are not the sum of their lines",
                        // The period's lines summed once per invoice, not a grouped look-up per invoice.
                        "SELECT COUNT(*) FROM invoice i LEFT JOIN (SELECT invoice_id, COUNT(*) AS line_count,"
                                + " SUM(payable) AS payable, SUM(discount) AS discount, SUM(net) AS net FROM invoice_line"
                                + " WHERE period = ? AND revision = ? GROUP BY invoice_id) s ON s.invoice_id = i.invoice_id"
                                + " WHERE i.period = ? AND i.revision = ? AND (s.invoice_id IS NULL OR s.line_count <> i.line_count"
                                + " OR s.payable <> i.payable OR s.discount <> i.discount OR s.net <> i.net)",
                        period, revision, period, revision),
                new Check("invoice lines on no invoice",
                        "SELECT COUNT(*) FROM invoice_line il WHERE il.period = ? AND il.revision = ? AND NOT EXISTS ("
                                + " SELECT 1 FROM invoice i WHERE i.period = il.period AND i.revision = il.revision"
                                + " AND i.invoice_id = il.invoice_id)", period, revision),
                new Check("group statements that are not the sum of their CREDIT invoices",
                        // The CREDIT invoices summed once per group: a sub-query per group scanned the
                        // period's invoices each time (368 s for 20,000 groups, docs/performance.md).
                        "SELECT COUNT(*) FROM group_statement g LEFT JOIN (SELECT group_id, SUM(net) AS net FROM invoice"
                                + " WHERE period = ? AND revision = ? AND settlement_mode = 'CREDIT' GROUP BY group_id) c"
                                + " ON c.group_id = g.group_id WHERE g.period = ? AND g.revision = ?"
                                + " AND g.credit_total <> COALESCE(c.net, 0)", period, revision, period, revision),
                new Check("ingested lines on no invoice line",
                        "SELECT COUNT(*) FROM billing_line b WHERE b.period = ? AND NOT EXISTS (SELECT 1 FROM invoice_line il"
                                + " WHERE il.period = b.period AND il.revision = ? AND il.kind = 'CHARGE' AND il.line_id = b.line_id"
                                + " AND il.sub_account_id = b.sub_account_id)", period, revision),
                // Relies on the check above coming first in this list (expectNoneAtOnce reports the first
                // violation in list order): with it holding, as many CHARGE lines as ingested lines means each ingested
                // line has exactly one and no CHARGE line is without one (the ingested line ids are unique):
                // two counts. Only when they differ are the lines grouped by id to count the offenders (the
                // ELSE branch's sub-query runs only then).
                new Check("charge invoice lines without exactly one ingested line",
                        "SELECT CASE WHEN (SELECT COUNT(*) FROM invoice_line WHERE period = ? AND revision = ? AND kind = 'CHARGE')"
                                + " = (SELECT COUNT(*) FROM billing_line WHERE period = ?) THEN 0 ELSE ("
                                + " SELECT COUNT(*) FROM (SELECT il.line_id, COUNT(*) AS times FROM invoice_line il WHERE il.period = ?"
                                + " AND il.revision = ? AND il.kind = 'CHARGE' GROUP BY il.line_id) x"
                                + " LEFT JOIN billing_line b ON b.period = ? AND b.line_id = x.line_id"
                                + " WHERE x.times <> 1 OR b.line_id IS NULL) END",
                        period, revision, period, period, revision, period));
        expectNoneAtOnce(jdbc, checks);
    }

    /** R12.2 for staged payouts and payout runs: stages add up to their accrual; net = gross − tax. */
    static void checkPayoutInvariants(JdbcTemplate jdbc, String period, int revision) {
        expectNone(jdbc, "stage sets that do not add up to their accrual",
                "SELECT COUNT(*) FROM (SELECT program, group_id, SUM(amount) AS staged FROM rebate_stage"
                        + " WHERE period = ? AND revision = ? AND accrual_period = ? GROUP BY program, group_id"
                        // A stage due in the period itself was paid by this run and left the pending snapshot.
                        + " HAVING MIN(due_period) > ?) st"
                        + " LEFT JOIN (SELECT program, scope_id, SUM(accrual) AS accrued FROM rebate_accrual"
                        + " WHERE period = ? AND revision = ? AND direction = 'PAYABLE' GROUP BY program, scope_id) ac"
                        + " ON ac.program = st.program AND ac.scope_id = st.group_id"
                        + " WHERE ac.accrued IS NULL OR ac.accrued <> st.staged",
                period, revision, period, period, period, revision);
        expectNone(jdbc, "payouts whose net is not gross − tax (R10.3, R10.4)",
                "SELECT COUNT(*) FROM payout WHERE period = ? AND revision = ? AND net <> gross - tax_withheld",
                period, revision);
    }

    /** A query that counts the violations of one invariant. */
    private record Check(String what, String sql, Object... args) {
    }

    /**
     * Runs the checks at once, each on a connection of its own (they read what earlier steps
     * committed; on PostgreSQL each is a scan of the period's lines, one core each), and reports the
     * first violation in the order given, so the message does not depend on which finished first.
     */
    private static void expectNoneAtOnce(JdbcTemplate jdbc, List<Check> checks) {
        List<Callable<Long>> queries = checks.stream()
                .<Callable<Long>>map(check -> () -> jdbc.queryForObject(check.sql(), Long.class, check.args())).toList();
        List<Long> counts = WorkerThreads.callAll(jdbc.getDataSource(), queries, "checking the R12.2 invariants");
        for (int i = 0; i < checks.size(); i++) {
            Long count = counts.get(i);
            if (count != null && count > 0) {
                throw new InvariantViolation(count + " " + checks.get(i).what() + " in " + checks.get(i).args()[0]);
            }
        }
    }

    private static void expectNone(JdbcTemplate jdbc, String what, String sql, Object... args) {
        Long count = jdbc.queryForObject(sql, Long.class, args);
        if (count != null && count > 0) {
            throw new InvariantViolation(count + " " + what + " in " + args[0]);
        }
    }
}
