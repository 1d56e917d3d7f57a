package io.resettle.rebate.batch;

import io.resettle.billing.Category;
import io.resettle.policy.RebateProgram;
import io.resettle.pricing.batch.PricingStore;
import io.resettle.rebate.RebateRow;
import io.resettle.rebate.RebateStage;
import io.resettle.rebate.RecordedAccrual;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** What the rebate steps read and write: accruals and CASH stages (R7, R8); the slices go to a file. */
@Repository
public class RebateStore {

    /** Event time of a billing line (R2.4), as SQL over {@code billing_line}. */
    public static final String EVENT_TIME = "COALESCE(payment_time, usage_start,"
            + " CAST(CONCAT(period, '-01 00:00:00') AS TIMESTAMP))";

    private final JdbcTemplate jdbc;

    public RebateStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Accruals recorded for earlier periods of the fiscal year (R7.5) by the authoritative revisions,
     * per scope key.
     */
    public Map<String, List<RecordedAccrual>> recordedAccruals(String program, YearMonth fiscalYearStart,
            YearMonth period) {
        Map<String, List<RecordedAccrual>> recorded = new TreeMap<>();
        jdbc.query("SELECT a.scope_id, a.period, a.category, a.accrual FROM rebate_accrual a JOIN ("
                + PricingStore.AUTHORITATIVE_REVISIONS + ") r ON r.period = a.period AND r.revision = a.revision"
                + " WHERE a.program = ? AND a.period >= ? AND a.period < ?", rs -> {
                    recorded.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new RecordedAccrual(
                            YearMonth.parse(rs.getString(2)), Category.valueOf(rs.getString(3)), rs.getBigDecimal(4)));
                }, program, fiscalYearStart.toString(), period.toString());
        return recorded;
    }

    public void replaceAccruals(YearMonth period, int revision, List<RebateRow> rows) {
        jdbc.update("DELETE FROM rebate_accrual WHERE period = ? AND revision = ?", period.toString(), revision);
        List<Object[]> values = new ArrayList<>();
        for (RebateRow r : rows) {
            values.add(new Object[] {period.toString(), revision, r.program(), r.direction().name(), r.scopeId(),
                    r.category().name(), r.ytdVolume(), r.ytdWeightedVolume(), r.tierFrom().orElse(null), r.ytdRebate(),
                    r.accrual()});
        }
        jdbc.batchUpdate("INSERT INTO rebate_accrual (period, revision, program, direction, scope_id, category,"
                + " ytd_volume, ytd_weighted_volume, tier_from, ytd_rebate, accrual) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                values);
    }

    /** Per (program, scope key), the accrual of a revision summed over categories (R8.2). */
    public Map<List<String>, BigDecimal> payableAccruals(YearMonth period, int revision) {
        Map<List<String>, BigDecimal> totals = new TreeMap<>((a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b)));
        jdbc.query("SELECT program, scope_id, SUM(accrual) FROM rebate_accrual WHERE period = ? AND revision = ?"
                + " AND direction = 'PAYABLE' GROUP BY program, scope_id", rs -> {
                    totals.put(List.of(rs.getString(1), rs.getString(2)), rs.getBigDecimal(3));
                }, period.toString(), revision);
        return totals;
    }

    /** The authoritative revision of a period, if it was settled. */
    public Optional<Integer> authoritativeRevision(YearMonth period) {
        return jdbc.query("SELECT revision FROM (" + PricingStore.AUTHORITATIVE_REVISIONS + ") r WHERE r.period = ?",
                (rs, i) -> rs.getInt(1), period.toString()).stream().findFirst();
    }

    /** The newest settled period before {@code period} and its authoritative revision. */
    public Optional<Map.Entry<YearMonth, Integer>> previousSettled(YearMonth period) {
        return jdbc.query("SELECT period, revision FROM (" + PricingStore.AUTHORITATIVE_REVISIONS + ") r"
                        + " WHERE r.period < ? ORDER BY r.period DESC",
                (rs, i) -> Map.entry(YearMonth.parse(rs.getString(1)), rs.getInt(2)), period.toString())
                .stream().findFirst();
    }

    public String rebatePayout(String groupId) {
        return jdbc.query("SELECT rebate_payout FROM customer_group WHERE group_id = ?", (rs, i) -> rs.getString(1),
                groupId).stream().findFirst().orElse("CASH");
    }

    public List<RebateStage> stages(YearMonth period, int revision) {
        return jdbc.query("SELECT program, group_id, accrual_period, stage_index, amount, due_period, stage_condition"
                        + " FROM rebate_stage WHERE period = ? AND revision = ?"
                        + " ORDER BY program, group_id, accrual_period, stage_index",
                (rs, i) -> new RebateStage(rs.getString(1), rs.getString(2), YearMonth.parse(rs.getString(3)),
                        rs.getInt(4), rs.getBigDecimal(5), YearMonth.parse(rs.getString(6)),
                        RebateProgram.StageCondition.valueOf(rs.getString(7))),
                period.toString(), revision);
    }

    public void replaceStages(YearMonth period, int revision, List<RebateStage> stages) {
        jdbc.update("DELETE FROM rebate_stage WHERE period = ? AND revision = ?", period.toString(), revision);
        List<Object[]> rows = new ArrayList<>();
        for (RebateStage s : stages) {
            rows.add(new Object[] {period.toString(), revision, s.program(), s.groupId(), s.accrualPeriod().toString(),
                    s.index(), s.amount(), s.duePeriod().toString(), s.condition().name()});
        }
        jdbc.batchUpdate("INSERT INTO rebate_stage (period, revision, program, group_id, accrual_period, stage_index,"
                + " amount, due_period, stage_condition) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
    }

    /** Periods in which the group has at least one RENEWAL line (R8.3). */
    public List<YearMonth> renewalPeriods(String groupId) {
        return jdbc.query("SELECT DISTINCT b.period FROM billing_line b JOIN sub_account a ON a.sub_account_id ="
                        + " b.sub_account_id WHERE a.group_id = ? AND b.charge_type = 'RENEWAL'",
                (rs, i) -> YearMonth.parse(rs.getString(1)), groupId);
    }

    /** Sub-accounts of the group's billing lines of a period. */
    public List<io.resettle.billing.BillingLine> groupLines(String groupId, YearMonth period) {
        return jdbc.query("SELECT b.* FROM billing_line b JOIN sub_account a ON a.sub_account_id = b.sub_account_id"
                + " WHERE a.group_id = ? AND b.period = ?", (rs, i) -> PricingStore.billingLine(rs), groupId,
                period.toString());
    }

    public void replaceFindings(YearMonth period, int revision, String check, List<Object[]> findings) {
        jdbc.update("DELETE FROM reconciliation WHERE period = ? AND revision = ? AND check_name = ?",
                period.toString(), revision, check);
        jdbc.batchUpdate("INSERT INTO reconciliation (period, revision, check_name, check_key, expected, actual,"
                + " difference, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", findings);
    }

    public Map<List<String>, BigDecimal> vendorRebates(YearMonth period) {
        Map<List<String>, BigDecimal> amounts = new TreeMap<>((a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b)));
        jdbc.query("SELECT program, category, amount FROM vendor_rebate WHERE period = ?", rs -> {
            amounts.put(List.of(rs.getString(1), rs.getString(2)), rs.getBigDecimal(3));
        }, period.toString());
        return amounts;
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }
}
