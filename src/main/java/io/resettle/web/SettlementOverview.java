package io.resettle.web;

import io.resettle.policy.Policy;
import io.resettle.policy.Tier;
import io.resettle.policy.TierTable;
import io.resettle.policy.batch.PolicyStore;
import io.resettle.reconcile.Finding;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the settle job wrote for a period, as the Period page shows it: revisions, close and
 * reopen events, group volumes against their tier edges, invoice and payout totals per revision,
 * reconciliation findings and invoice differences between revisions; the rebate accruals of the
 * year are {@link RebateAccruals}.
 */
@Component
class SettlementOverview {

    record Revision(int revision, long jobExecutionId, String status, boolean forced, boolean closed, Timestamp createdAt) {
    }

    record Event(int eventNo, String event, Timestamp at, String user, String reason) {
    }

    record GroupVolume(String groupId, BigDecimal volume, BigDecimal tierFrom, String agreementId, String discountTable,
            List<BigDecimal> edges, BigDecimal nextEdge) {
    }

    record InvoiceTotals(int revision, long count, BigDecimal payable, BigDecimal discount, BigDecimal net) {
    }

    record Adjustment(String invoiceId, BigDecimal previousNet, BigDecimal net, BigDecimal difference) {
    }

    /** The invoices of {@code revision} that differ from {@code revision - 1}. */
    record Adjustments(int revision, int unchanged, List<Adjustment> changed) {
    }

    private static final String REVISIONS = """
            SELECT revision, job_execution_id, status, forced, closed, created_at FROM period_run
             WHERE period = :period ORDER BY revision
            """;
    private static final String EVENTS = """
            SELECT event_no, event, at_time, by_user, reason FROM period_event WHERE period = :period ORDER BY event_no
            """;
    private static final String NEWEST_REVISION = """
            SELECT MAX(revision) FROM period_run WHERE period = :period
            """;
    private static final String GROUP_VOLUMES = """
            SELECT s.group_id, s.volume, s.tier_from, s.agreement_id, a.discount_table FROM group_statement s
              LEFT JOIN agreement a ON a.agreement_id = s.agreement_id
             WHERE s.period = :period AND s.revision = :revision ORDER BY s.group_id
            """;
    private static final String INVOICE_TOTALS = """
            SELECT revision, COUNT(*), SUM(payable), SUM(discount), SUM(net) FROM invoice WHERE period = :period
             GROUP BY revision ORDER BY revision
            """;
    private static final String PAYOUT_TOTALS = """
            SELECT revision, SUM(CASE WHEN status = 'PAY' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN status = 'HELD' THEN 1 ELSE 0 END), SUM(gross), SUM(tax_withheld), SUM(net)
              FROM payout WHERE period = :period GROUP BY revision ORDER BY revision
            """;
    private static final String FINDINGS = """
            SELECT check_name, check_key, expected, actual, difference, status FROM reconciliation
             WHERE period = :period AND revision = :revision ORDER BY status, check_name, check_key
            """;
    private static final String INVOICE_NETS = """
            SELECT invoice_id, net FROM invoice WHERE period = :period AND revision = :revision
            """;

    private final JdbcClient jdbc;
    private final PolicyStore policies;
    private final PeriodOverview tables;

    SettlementOverview(JdbcTemplate jdbc, PolicyStore policies, PeriodOverview tables) {
        this.jdbc = JdbcClient.create(jdbc);
        this.policies = policies;
        this.tables = tables;
    }

    boolean available() {
        return tables.tableExists("period_run");
    }

    List<Revision> revisions(YearMonth period) {
        return jdbc.sql(REVISIONS).param("period", period.toString())
                .query((rs, i) -> new Revision(rs.getInt(1), rs.getLong(2), rs.getString(3), rs.getBoolean(4),
                        rs.getBoolean(5), rs.getTimestamp(6))).list();
    }

    List<Event> events(YearMonth period) {
        return jdbc.sql(EVENTS).param("period", period.toString())
                .query((rs, i) -> new Event(rs.getInt(1), rs.getString(2), rs.getTimestamp(3), rs.getString(4),
                        rs.getString(5))).list();
    }

    /** The newest revision that wrote group statements, if any. */
    Optional<Integer> newestRevision(YearMonth period) {
        return jdbc.sql(NEWEST_REVISION).param("period", period.toString()).query(Integer.class).optional();
    }

    /** Group volumes of a revision with the tier edges of the discount table of each group's agreement. */
    List<GroupVolume> volumes(YearMonth period, int revision) {
        Map<String, TierTable> discountTables;
        try {
            Policy policy = policies.inForce(period);
            discountTables = policy.discountTables();
        } catch (RuntimeException e) {
            discountTables = Map.of();
        }
        Map<String, TierTable> tablesByName = discountTables;
        return jdbc.sql(GROUP_VOLUMES).param("period", period.toString()).param("revision", revision)
                .query((rs, i) -> {
                    BigDecimal volume = rs.getBigDecimal(2);
                    String table = rs.getString(5);
                    TierTable tiers = table == null ? null : tablesByName.get(table);
                    List<BigDecimal> edges = tiers == null ? List.of()
                            : tiers.tiers().stream().map(Tier::from).filter(f -> f.signum() > 0).toList();
                    BigDecimal next = edges.stream().filter(e -> e.compareTo(volume) > 0).findFirst().orElse(null);
                    return new GroupVolume(rs.getString(1), volume, rs.getBigDecimal(3), rs.getString(4), table, edges, next);
                }).list();
    }

    List<InvoiceTotals> invoiceTotals(YearMonth period) {
        return jdbc.sql(INVOICE_TOTALS).param("period", period.toString())
                .query((rs, i) -> new InvoiceTotals(rs.getInt(1), rs.getLong(2), zero(rs.getBigDecimal(3)),
                        zero(rs.getBigDecimal(4)), zero(rs.getBigDecimal(5)))).list();
    }

    record PayoutTotals(int revision, long paid, long held, BigDecimal gross, BigDecimal tax, BigDecimal net) {
    }

    /** Payouts per revision (R10): transfers to make (PAY) and held ones (R9.7), with their money. */
    List<PayoutTotals> payoutTotals(YearMonth period) {
        if (!tables.tableExists("payout")) {
            return List.of();
        }
        return jdbc.sql(PAYOUT_TOTALS).param("period", period.toString())
                .query((rs, i) -> new PayoutTotals(rs.getInt(1), rs.getLong(2), rs.getLong(3), zero(rs.getBigDecimal(4)),
                        zero(rs.getBigDecimal(5)), zero(rs.getBigDecimal(6)))).list();
    }

    /** The revision's reconciliation findings, breaks first (R12). */
    List<Finding> findings(YearMonth period, int revision) {
        return jdbc.sql(FINDINGS).param("period", period.toString()).param("revision", revision)
                .query((rs, i) -> new Finding(rs.getString(1), rs.getString(2), rs.getBigDecimal(3), rs.getBigDecimal(4),
                        rs.getBigDecimal(5), Finding.Status.valueOf(rs.getString(6)))).list();
    }

    /** Per revision from 2 on: per invoice previous net, net and difference against the revision before. */
    List<Adjustments> adjustments(YearMonth period, List<Revision> revisions) {
        List<Adjustments> result = new ArrayList<>();
        for (Revision r : revisions) {
            if (r.revision() < 2) {
                continue;
            }
            Map<String, BigDecimal> before = nets(period, r.revision() - 1);
            Map<String, BigDecimal> now = nets(period, r.revision());
            Map<String, Boolean> ids = new TreeMap<>();
            before.keySet().forEach(id -> ids.put(id, true));
            now.keySet().forEach(id -> ids.put(id, true));
            List<Adjustment> changed = new ArrayList<>();
            int unchanged = 0;
            for (String id : ids.keySet()) {
                BigDecimal previous = before.get(id);
                BigDecimal net = now.get(id);
                if (previous != null && net != null && previous.compareTo(net) == 0) {
                    unchanged++;
                    continue;
                }
                BigDecimal p = zero(previous);
                BigDecimal n = zero(net);
                changed.add(new Adjustment(id, p, n, n.subtract(p)));
            }
            result.add(new Adjustments(r.revision(), unchanged, changed));
        }
        return result;
    }

    private Map<String, BigDecimal> nets(YearMonth period, int revision) {
        Map<String, BigDecimal> nets = new LinkedHashMap<>();
        jdbc.sql(INVOICE_NETS).param("period", period.toString()).param("revision", revision)
                .query((RowCallbackHandler) rs -> nets.put(rs.getString(1), rs.getBigDecimal(2)));
        return nets;
    }

    private static BigDecimal zero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}
