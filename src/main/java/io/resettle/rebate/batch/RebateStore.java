package io.resettle.rebate.batch;

import io.resettle.billing.Category;
import io.resettle.policy.RebateProgram;
import io.resettle.pricing.batch.PricingStore;
import io.resettle.rebate.RebateRow;
import io.resettle.rebate.RebateStage;
import io.resettle.rebate.RecordedAccrual;
import io.resettle.support.SqlDialect;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the rebate steps read and write: accruals and CASH stages (R7, R8); the slices go to a file.
 * Also the vendor_rebate findings of R12.3 in {@code reconciliation} (and payout's payout_return
 * ones): reconcile sits above rebate and payout, so it cannot be the one to write them.
 */
@Repository
public class RebateStore {

    /** Event time of a billing line (R2.4), as SQL over {@code billing_line}. */
    public static final String EVENT_TIME = "COALESCE(payment_time, usage_start,"
            + " CAST(CONCAT(period, '-01 00:00:00') AS TIMESTAMP))";

    private static final String RECORDED_ACCRUALS = """
            SELECT a.scope_id, a.period, a.category, a.accrual FROM rebate_accrual a JOIN (
            """ + PricingStore.AUTHORITATIVE_REVISIONS + """
            ) r ON r.period = a.period AND r.revision = a.revision
            WHERE a.program = :program AND a.period >= :from AND a.period < :period""";

    private static final String DELETE_ACCRUALS = """
            DELETE FROM rebate_accrual WHERE period = :period AND revision = :revision""";

    private static final List<String> ACCRUAL_COLUMNS = List.of("period", "revision", "program", "direction",
            "scope_id", "category", "ytd_volume", "ytd_weighted_volume", "tier_from", "ytd_rebate", "accrual");

    private static final String PAYABLE_ACCRUALS = """
            SELECT program, scope_id, SUM(accrual) FROM rebate_accrual WHERE period = :period AND revision = :revision
            AND direction = 'PAYABLE' GROUP BY program, scope_id""";

    private static final String AUTHORITATIVE_REVISION = """
            SELECT revision FROM (""" + PricingStore.AUTHORITATIVE_REVISIONS + """
            ) r WHERE r.period = :period""";

    private static final String PREVIOUS_SETTLED = """
            SELECT period, revision FROM (""" + PricingStore.AUTHORITATIVE_REVISIONS + """
            ) r WHERE r.period < :period ORDER BY r.period DESC""";

    private static final String REBATE_PAYOUT = """
            SELECT rebate_payout FROM customer_group WHERE group_id = :groupId""";

    private static final String STAGES = """
            SELECT program, group_id, accrual_period, stage_index, amount, due_period, stage_condition
            FROM rebate_stage WHERE period = :period AND revision = :revision
            ORDER BY program, group_id, accrual_period, stage_index""";

    private static final String DELETE_STAGES = """
            DELETE FROM rebate_stage WHERE period = :period AND revision = :revision""";

    private static final String INSERT_STAGE = """
            INSERT INTO rebate_stage (period, revision, program, group_id, accrual_period, stage_index,
                amount, due_period, stage_condition)
            VALUES (:period, :revision, :program, :groupId, :accrualPeriod, :stageIndex,
                :amount, :duePeriod, :stageCondition)""";

    private static final String RENEWAL_PERIODS = """
            SELECT DISTINCT b.period FROM billing_line b JOIN sub_account a ON a.sub_account_id = b.sub_account_id
            WHERE a.group_id = :groupId AND b.charge_type = 'RENEWAL'""";

    private static final String GROUP_LINES = """
            SELECT b.* FROM billing_line b JOIN sub_account a ON a.sub_account_id = b.sub_account_id
            WHERE a.group_id = :groupId AND b.period = :period""";

    private static final String DELETE_FINDINGS = """
            DELETE FROM reconciliation WHERE period = :period AND revision = :revision AND check_name = :check""";

    private static final String INSERT_FINDING = """
            INSERT INTO reconciliation (period, revision, check_name, check_key, expected, actual, difference, status)
            VALUES (:period, :revision, :checkName, :checkKey, :expected, :actual, :difference, :status)""";

    /** The parameters of {@link #INSERT_FINDING} in the order of a finding's values. */
    private static final String[] FINDING_PARAMETERS = {"period", "revision", "checkName", "checkKey", "expected",
        "actual", "difference", "status"};

    private static final String VENDOR_REBATES = """
            SELECT program, category, amount FROM vendor_rebate WHERE period = :period""";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final SqlDialect dialect;

    public RebateStore(JdbcTemplate jdbcTemplate, SqlDialect dialect) {
        this.jdbc = JdbcClient.create(jdbcTemplate);
        this.batch = new NamedParameterJdbcTemplate(jdbcTemplate);
        this.dialect = dialect;
    }

    /**
     * Accruals recorded for earlier periods of the fiscal year (R7.5) by the authoritative revisions,
     * per scope key.
     */
    public Map<String, List<RecordedAccrual>> recordedAccruals(String program, YearMonth fiscalYearStart,
            YearMonth period) {
        Map<String, List<RecordedAccrual>> recorded = new TreeMap<>();
        jdbc.sql(RECORDED_ACCRUALS).param("program", program).param("from", fiscalYearStart.toString())
                .param("period", period.toString()).query(rs -> {
                    recorded.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new RecordedAccrual(
                            YearMonth.parse(rs.getString(2)), Category.valueOf(rs.getString(3)), rs.getBigDecimal(4)));
                });
        return recorded;
    }

    /** One row per scope and category, by COPY on PostgreSQL (tens of thousands at 20,000 groups). */
    public void replaceAccruals(YearMonth period, int revision, List<RebateRow> rows) {
        jdbc.sql(DELETE_ACCRUALS).param("period", period.toString()).param("revision", revision).update();
        List<Object[]> values = new ArrayList<>();
        for (RebateRow r : rows) {
            values.add(new Object[] {period.toString(), revision, r.program(), r.direction().name(), r.scopeId(),
                r.category().name(), r.ytdVolume(), r.ytdWeightedVolume(), r.tierFrom().orElse(null), r.ytdRebate(),
                r.accrual()});
        }
        dialect.bulkInsert("rebate_accrual", ACCRUAL_COLUMNS, values);
    }

    /** Per (program, scope key), the accrual of a revision summed over categories (R8.2). */
    public Map<List<String>, BigDecimal> payableAccruals(YearMonth period, int revision) {
        Map<List<String>, BigDecimal> totals = new TreeMap<>((a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b)));
        jdbc.sql(PAYABLE_ACCRUALS).param("period", period.toString()).param("revision", revision).query(rs -> {
            totals.put(List.of(rs.getString(1), rs.getString(2)), rs.getBigDecimal(3));
        });
        return totals;
    }

    /** The authoritative revision of a period, if it was settled. */
    public Optional<Integer> authoritativeRevision(YearMonth period) {
        return jdbc.sql(AUTHORITATIVE_REVISION).param("period", period.toString())
                .query((rs, i) -> rs.getInt(1)).list().stream().findFirst();
    }

    /** The newest settled period before {@code period} and its authoritative revision. */
    public Optional<Map.Entry<YearMonth, Integer>> previousSettled(YearMonth period) {
        return jdbc.sql(PREVIOUS_SETTLED).param("period", period.toString())
                .query((rs, i) -> Map.entry(YearMonth.parse(rs.getString(1)), rs.getInt(2))).list()
                .stream().findFirst();
    }

    public String rebatePayout(String groupId) {
        return jdbc.sql(REBATE_PAYOUT).param("groupId", groupId).query((rs, i) -> rs.getString(1)).list()
                .stream().findFirst().orElse("CASH");
    }

    public List<RebateStage> stages(YearMonth period, int revision) {
        return jdbc.sql(STAGES).param("period", period.toString()).param("revision", revision)
                .query((rs, i) -> new RebateStage(rs.getString(1), rs.getString(2), YearMonth.parse(rs.getString(3)),
                        rs.getInt(4), rs.getBigDecimal(5), YearMonth.parse(rs.getString(6)),
                        RebateProgram.StageCondition.valueOf(rs.getString(7))))
                .list();
    }

    public void replaceStages(YearMonth period, int revision, List<RebateStage> stages) {
        jdbc.sql(DELETE_STAGES).param("period", period.toString()).param("revision", revision).update();
        List<SqlParameterSource> rows = new ArrayList<>();
        for (RebateStage s : stages) {
            rows.add(new MapSqlParameterSource().addValue("period", period.toString()).addValue("revision", revision)
                    .addValue("program", s.program()).addValue("groupId", s.groupId())
                    .addValue("accrualPeriod", s.accrualPeriod().toString()).addValue("stageIndex", s.index())
                    .addValue("amount", s.amount()).addValue("duePeriod", s.duePeriod().toString())
                    .addValue("stageCondition", s.condition().name()));
        }
        batch.batchUpdate(INSERT_STAGE, rows.toArray(SqlParameterSource[]::new));
    }

    /** Periods in which the group has at least one RENEWAL line (R8.3). */
    public List<YearMonth> renewalPeriods(String groupId) {
        return jdbc.sql(RENEWAL_PERIODS).param("groupId", groupId)
                .query((rs, i) -> YearMonth.parse(rs.getString(1))).list();
    }

    /** Sub-accounts of the group's billing lines of a period. */
    public List<io.resettle.billing.BillingLine> groupLines(String groupId, YearMonth period) {
        return jdbc.sql(GROUP_LINES).param("groupId", groupId).param("period", period.toString())
                .query((rs, i) -> PricingStore.billingLine(rs)).list();
    }

    /**
     * Hands each row of {@link FiscalYearVolumes#sums} for the RETROACTIVE {@code programs} (columns by
     * name) to {@code handler}: the fiscal years' volume lines from {@code from} to {@code period} summed
     * by what eligibility looks at (R7.2), which is what RETROACTIVE programs need (R7.4).
     */
    void fiscalYearSums(List<RebateProgram> programs, YearMonth from, YearMonth period, RowCallbackHandler handler) {
        jdbc.sql(FiscalYearVolumes.sums(programs)).param("from", from.toString()).param("period", period.toString())
                .query(handler);
    }

    /**
     * Replaces the findings of one check of a (period, revision).
     *
     * @param findings each (period, revision, check, key, expected, actual, difference, status)
     */
    public void replaceFindings(YearMonth period, int revision, String check, List<Object[]> findings) {
        jdbc.sql(DELETE_FINDINGS).param("period", period.toString()).param("revision", revision)
                .param("check", check).update();
        batch.batchUpdate(INSERT_FINDING, findings.stream().map(finding -> {
            MapSqlParameterSource parameters = new MapSqlParameterSource();
            for (int i = 0; i < FINDING_PARAMETERS.length; i++) {
                parameters.addValue(FINDING_PARAMETERS[i], finding[i]);
            }
            return (SqlParameterSource) parameters;
        }).toArray(SqlParameterSource[]::new));
    }

    public Map<List<String>, BigDecimal> vendorRebates(YearMonth period) {
        Map<List<String>, BigDecimal> amounts = new TreeMap<>((a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b)));
        jdbc.sql(VENDOR_REBATES).param("period", period.toString()).query(rs -> {
            amounts.put(List.of(rs.getString(1), rs.getString(2)), rs.getBigDecimal(3));
        });
        return amounts;
    }
}
