package io.resettle.web;

import io.resettle.policy.Policy;
import io.resettle.policy.Tier;
import io.resettle.policy.TierTable;
import io.resettle.policy.batch.PolicyStore;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the settle job wrote for a period, as the Period page shows it: revisions, close and
 * reopen events, group volumes against their tier edges, invoice totals per revision,
 * reconciliation findings, invoice differences between revisions and, once the rebate tables
 * exist, rebate accruals over the year.
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

    record Finding(String check, String key, BigDecimal expected, BigDecimal actual, BigDecimal difference, String status) {
    }

    record Adjustment(String invoiceId, BigDecimal previousNet, BigDecimal net, BigDecimal difference) {
    }

    /** The invoices of {@code revision} that differ from {@code revision - 1}. */
    record Adjustments(int revision, int unchanged, List<Adjustment> changed) {
    }

    record RebateMonth(String period, BigDecimal accrual) {
    }

    record RebateProgramTotal(String program, String scopeId, String category, BigDecimal accrual) {
    }

    /** Rebate accruals of the year; {@code problem} says why the table could not be read. */
    record Rebates(List<RebateMonth> months, List<RebateProgramTotal> programs, String problem) {
    }

    private final JdbcTemplate jdbc;
    private final PolicyStore policies;
    private final PeriodOverview tables;

    SettlementOverview(JdbcTemplate jdbc, PolicyStore policies, PeriodOverview tables) {
        this.jdbc = jdbc;
        this.policies = policies;
        this.tables = tables;
    }

    boolean available() {
        return tables.tableExists("period_run");
    }

    List<Revision> revisions(YearMonth period) {
        return jdbc.query("SELECT revision, job_execution_id, status, forced, closed, created_at FROM period_run"
                        + " WHERE period = ? ORDER BY revision",
                (rs, i) -> new Revision(rs.getInt(1), rs.getLong(2), rs.getString(3), rs.getBoolean(4), rs.getBoolean(5),
                        rs.getTimestamp(6)), period.toString());
    }

    List<Event> events(YearMonth period) {
        return jdbc.query("SELECT event_no, event, at_time, by_user, reason FROM period_event WHERE period = ? ORDER BY event_no",
                (rs, i) -> new Event(rs.getInt(1), rs.getString(2), rs.getTimestamp(3), rs.getString(4), rs.getString(5)),
                period.toString());
    }

    /** The newest revision that wrote group statements, if any. */
    Optional<Integer> newestRevision(YearMonth period) {
        Integer revision = jdbc.queryForObject("SELECT MAX(revision) FROM period_run WHERE period = ?", Integer.class,
                period.toString());
        return Optional.ofNullable(revision);
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
        return jdbc.query("SELECT s.group_id, s.volume, s.tier_from, s.agreement_id, a.discount_table FROM group_statement s"
                        + " LEFT JOIN agreement a ON a.agreement_id = s.agreement_id"
                        + " WHERE s.period = ? AND s.revision = ? ORDER BY s.group_id",
                (rs, i) -> {
                    BigDecimal volume = rs.getBigDecimal(2);
                    String table = rs.getString(5);
                    TierTable tiers = table == null ? null : tablesByName.get(table);
                    List<BigDecimal> edges = tiers == null ? List.of()
                            : tiers.tiers().stream().map(Tier::from).filter(f -> f.signum() > 0).toList();
                    BigDecimal next = edges.stream().filter(e -> e.compareTo(volume) > 0).findFirst().orElse(null);
                    return new GroupVolume(rs.getString(1), volume, rs.getBigDecimal(3), rs.getString(4), table, edges, next);
                }, period.toString(), revision);
    }

    List<InvoiceTotals> invoiceTotals(YearMonth period) {
        return jdbc.query("SELECT revision, COUNT(*), SUM(payable), SUM(discount), SUM(net) FROM invoice WHERE period = ?"
                        + " GROUP BY revision ORDER BY revision",
                (rs, i) -> new InvoiceTotals(rs.getInt(1), rs.getLong(2), zero(rs.getBigDecimal(3)), zero(rs.getBigDecimal(4)),
                        zero(rs.getBigDecimal(5))), period.toString());
    }

    record PayoutTotals(int revision, long paid, long held, BigDecimal gross, BigDecimal tax, BigDecimal net) {
    }

    /** Payouts per revision (R10): transfers to make (PAY) and held ones (R9.7), with their money. */
    List<PayoutTotals> payoutTotals(YearMonth period) {
        if (!tables.tableExists("payout")) {
            return List.of();
        }
        return jdbc.query("SELECT revision, SUM(CASE WHEN status = 'PAY' THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN status = 'HELD' THEN 1 ELSE 0 END), SUM(gross), SUM(tax_withheld), SUM(net)"
                        + " FROM payout WHERE period = ? GROUP BY revision ORDER BY revision",
                (rs, i) -> new PayoutTotals(rs.getInt(1), rs.getLong(2), rs.getLong(3), zero(rs.getBigDecimal(4)),
                        zero(rs.getBigDecimal(5)), zero(rs.getBigDecimal(6))), period.toString());
    }

    List<Finding> findings(YearMonth period, int revision) {
        return jdbc.query("SELECT check_name, check_key, expected, actual, difference, status FROM reconciliation"
                        + " WHERE period = ? AND revision = ? ORDER BY status, check_name, check_key",
                (rs, i) -> new Finding(rs.getString(1), rs.getString(2), rs.getBigDecimal(3), rs.getBigDecimal(4),
                        rs.getBigDecimal(5), rs.getString(6)), period.toString(), revision);
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
        jdbc.query("SELECT invoice_id, net FROM invoice WHERE period = ? AND revision = ?",
                (org.springframework.jdbc.core.RowCallbackHandler) rs -> nets.put(rs.getString(1), rs.getBigDecimal(2)),
                period.toString(), revision);
        return nets;
    }

    /**
     * Rebate accruals of the period's year from {@code rebate_accrual} (period, revision, program,
     * scope_id, category, accrual), newest revision of each period; empty when the table does not
     * exist. The table belongs to the rebate job, so its columns are looked up by name and a
     * missing one is reported rather than failing the page.
     */
    Optional<Rebates> rebates(YearMonth period) {
        if (!tables.tableExists("rebate_accrual")) {
            return Optional.empty();
        }
        List<Map<String, Object>> rows;
        try {
            rows = jdbc.queryForList("SELECT * FROM rebate_accrual WHERE period LIKE ?", period.getYear() + "-%");
        } catch (DataAccessException e) {
            return Optional.of(new Rebates(List.of(), List.of(), "rebate_accrual cannot be read: " + rootMessage(e)));
        }
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Integer> newest = new TreeMap<>();
        List<Map<String, Object>> usable = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Object p = column(row, "period");
            Object a = column(row, "accrual");
            if (p == null || a == null && !hasColumn(row, "accrual")) {
                return Optional.of(new Rebates(List.of(), List.of(),
                        "rebate_accrual lacks the column " + (p == null && !hasColumn(row, "period") ? "period" : "accrual")));
            }
            usable.add(row);
            int revision = number(column(row, "revision")).intValue();
            newest.merge(p.toString(), revision, Math::max);
        }
        Map<String, BigDecimal> byMonth = new TreeMap<>();
        for (int m = 1; m <= 12; m++) {
            byMonth.put(YearMonth.of(period.getYear(), m).toString(), BigDecimal.ZERO);
        }
        Map<List<String>, BigDecimal> byProgram = new TreeMap<>((x, y) -> String.join("\u0000", x).compareTo(String.join("\u0000", y)));
        for (Map<String, Object> row : usable) {
            String p = column(row, "period").toString();
            if (number(column(row, "revision")).intValue() != newest.get(p)) {
                continue;
            }
            BigDecimal accrual = number(column(row, "accrual"));
            byMonth.merge(p, accrual, BigDecimal::add);
            List<String> key = List.of(text(column(row, "program")), text(column(row, "scope_id")), text(column(row, "category")));
            byProgram.merge(key, accrual, BigDecimal::add);
        }
        List<RebateMonth> months = byMonth.entrySet().stream().map(e -> new RebateMonth(e.getKey(), e.getValue())).toList();
        List<RebateProgramTotal> programs = byProgram.entrySet().stream()
                .map(e -> new RebateProgramTotal(e.getKey().get(0), e.getKey().get(1), e.getKey().get(2), e.getValue())).toList();
        return Optional.of(new Rebates(months, programs, null));
    }

    private static boolean hasColumn(Map<String, Object> row, String name) {
        return row.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(name));
    }

    private static Object column(Map<String, Object> row, String name) {
        for (Map.Entry<String, Object> e : row.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static BigDecimal number(Object value) {
        if (value == null) {
            return BigDecimal.ZERO;
        }
        if (value instanceof BigDecimal b) {
            return b;
        }
        try {
            return new BigDecimal(value.toString().trim());
        } catch (NumberFormatException e) {
            return BigDecimal.ZERO;
        }
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static BigDecimal zero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? "" : t.getMessage().lines().findFirst().orElse("");
        return message.isBlank() ? t.getClass().getSimpleName() : message;
    }
}
