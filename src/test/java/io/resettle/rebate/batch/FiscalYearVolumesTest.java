package io.resettle.rebate.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.resettle.billing.BillingMethod;
import io.resettle.billing.Category;
import io.resettle.policy.RebateProgram;
import io.resettle.policy.RebateProgram.Eligibility;
import io.resettle.policy.TierTable;
import io.resettle.support.H2StepTest;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;

/**
 * The fiscal year's volume lines as the rebate steps read them (R7.2): with a line's group only
 * when a GROUP-scope program needs it, and the sums without the billing methods and categories no
 * program admits. Without the group the same lines come back in the same order, and the sums add
 * up to the same amounts.
 */
@H2StepTest
class FiscalYearVolumesTest {

    private static final YearMonth FROM = YearMonth.parse("2026-01");
    private static final YearMonth PERIOD = YearMonth.parse("2026-10");

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private RebateStore store;

    @BeforeEach
    void givenTwoGroupsLines() {
        for (String table : List.of("billing_line", "sub_account", "customer_group")) {
            jdbc.update("DELETE FROM " + table);
        }
        jdbc.execute("""
                INSERT INTO customer_group (group_id, group_name, currency, credit_limit, rebate_payout, implicit_group)
                VALUES ('G1', 'Group One', 'CNY', 0, 'CASH', FALSE), ('G2', 'Group Two', 'CNY', 0, 'CASH', FALSE);
                INSERT INTO sub_account (sub_account_id, group_id, role, settlement_mode, currency, associated_from,
                                         managed_by)
                VALUES ('S1', 'G1', 'PRIMARY', 'CREDIT', 'CNY', '2026-01', 'AGENT'),
                       ('S2', 'G1', 'MEMBER', 'CREDIT', 'CNY', '2026-01', 'AGENT'),
                       ('S3', 'G2', 'PRIMARY', 'CREDIT', 'CNY', '2026-01', 'AGENT');
                """);
        line("L01", "2026-09", "S1", "ecs", "COMPUTE", "PREPAID", "NEW", "100.00", "2026-09-03 10:00:00");
        line("L02", "2026-09", "S2", "ecs", "COMPUTE", "PREPAID", "RENEWAL", "200.00", "2026-09-03 10:00:00");
        line("L03", "2026-09", "S3", "ecs", "COMPUTE", "PREPAID", "NEW", "400.00", "2026-09-02 09:00:00");
        line("L04", "2026-10", "S1", "ecs", "COMPUTE", "POSTPAID", "USAGE", "800.00", null);
        line("L05", "2026-10", "S3", "waf", "SECURITY", "PREPAID", "UPGRADE", "1600.00", "2026-10-05 00:00:00");
        line("L06", "2026-10", "S2", "ecs", "COMPUTE", "PREPAID", "REFUND", "-50.00", "2026-10-06 00:00:00");
        line("L07", "2026-10", "S3", "oss", "STORAGE", "POSTPAID", "USAGE", "3200.00", null);
        // Not volume (R7.2), and before the fiscal year: never read.
        line("L08", "2026-10", "S1", "ecs", "COMPUTE", "PREPAID", "ADJUSTMENT", "7.00", "2026-10-07 00:00:00");
        line("L09", "2025-12", "S1", "ecs", "COMPUTE", "PREPAID", "NEW", "9.00", "2025-12-01 00:00:00");
    }

    @Test
    void theWalkReadsTheSameLinesInTheSameOrderWithTheGroupOnlyWhenAGroupProgramNeedsIt() {
        // Event order (R2.4): payment time, else usage start, else the period's first moment; then line id.
        List<List<String>> agentOnly = lines(List.of(graduated(RebateProgram.Scope.AGENT)));
        List<List<String>> withGroups = lines(List.of(graduated(RebateProgram.Scope.AGENT),
                graduated(RebateProgram.Scope.GROUP)));

        assertThat(withGroups).extracting(row -> row.get(0) + "/" + row.get(1)).containsExactly(
                "L03/G2", "L01/G1", "L02/G1", "L04/G1", "L07/G2", "L05/G2", "L06/G1");
        assertThat(agentOnly).extracting(row -> row.get(0) + "/" + row.get(1)).containsExactly(
                "L03/null", "L01/null", "L02/null", "L04/null", "L07/null", "L05/null", "L06/null");
    }

    @Test
    void sumsWithoutAGroupProgramAddUpOverGroupsAndLeaveOutWhatNoProgramAdmits() {
        List<String> sums = sums(List.of(
                program(RebateProgram.Scope.AGENT, Set.of(BillingMethod.PREPAID), Set.of(Category.COMPUTE)),
                program(RebateProgram.Scope.AGENT, Set.of(BillingMethod.PREPAID), Set.of(Category.SECURITY))));

        assertThat(sums).containsExactly(
                "null 2026-09 PREPAID COMPUTE ecs 700.00",
                "null 2026-10 PREPAID COMPUTE ecs -50.00",
                "null 2026-10 PREPAID SECURITY waf 1600.00");
    }

    @Test
    void sumsWithAGroupProgramAreByGroupAndOnlyTheMethodsOrCategoriesEveryProgramNamesFilter() {
        List<String> sums = sums(List.of(
                program(RebateProgram.Scope.GROUP, Set.of(BillingMethod.PREPAID), Set.of(Category.COMPUTE)),
                program(RebateProgram.Scope.AGENT, Set.of(), Set.of(Category.STORAGE))));

        assertThat(sums).containsExactly(
                "G1 2026-09 PREPAID COMPUTE ecs 300.00",
                "G1 2026-10 POSTPAID COMPUTE ecs 800.00",
                "G1 2026-10 PREPAID COMPUTE ecs -50.00",
                "G2 2026-09 PREPAID COMPUTE ecs 400.00",
                "G2 2026-10 POSTPAID STORAGE oss 3200.00");
    }

    @Test
    void aProgramAdmittingEveryMethodAndCategoryKeepsEveryVolumeLine() {
        List<String> sums = sums(List.of(
                program(RebateProgram.Scope.AGENT, Set.of(BillingMethod.PREPAID), Set.of(Category.COMPUTE)),
                program(RebateProgram.Scope.AGENT, Set.of(), Set.of())));

        assertThat(sums).containsExactly(
                "null 2026-09 PREPAID COMPUTE ecs 700.00",
                "null 2026-10 POSTPAID COMPUTE ecs 800.00",
                "null 2026-10 POSTPAID STORAGE oss 3200.00",
                "null 2026-10 PREPAID COMPUTE ecs -50.00",
                "null 2026-10 PREPAID SECURITY waf 1600.00");
        assertThat(FiscalYearVolumes.sums(List.of(program(RebateProgram.Scope.AGENT,
                Set.of(BillingMethod.PREPAID, BillingMethod.POSTPAID), Set.of(Category.values())))))
                .doesNotContain("b.billing_method IN").doesNotContain("b.category IN");
    }

    private void line(String lineId, String period, String subAccount, String product, String category, String method,
            String chargeType, String payable, String paymentTime) {
        jdbc.update("""
                INSERT INTO billing_line (period, line_id, sub_account_id, product_code, category, billing_method,
                                          charge_type, payable_amount, paid_amount, currency, payment_time, paid, file,
                                          row_no)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'CNY', CAST(? AS TIMESTAMP), TRUE, 'x.csv', 1)""",
                period, lineId, subAccount, product, category, method, chargeType, new BigDecimal(payable),
                new BigDecimal(payable), paymentTime);
    }

    private static RebateProgram graduated(RebateProgram.Scope scope) {
        return program(RebateProgram.Mode.GRADUATED, scope, Set.of(), Set.of());
    }

    private static RebateProgram program(RebateProgram.Scope scope, Set<BillingMethod> methods,
            Set<Category> categories) {
        return program(RebateProgram.Mode.RETROACTIVE, scope, methods, categories);
    }

    private static RebateProgram program(RebateProgram.Mode mode, RebateProgram.Scope scope, Set<BillingMethod> methods,
            Set<Category> categories) {
        return new RebateProgram("p-" + scope + methods + categories, scope, RebateProgram.Direction.PAYABLE, mode, 1,
                new Eligibility(methods, categories, Set.of()), Map.of(), new TierTable(List.of()), List.of());
    }

    /** Line id and group of each line, in the order the walk reads them. */
    private List<List<String>> lines(List<RebateProgram> programs) {
        String sql = FiscalYearVolumes.lines(programs);
        Map<String, Object> params = Map.of("from", FROM.toString(), "period", PERIOD.toString());
        return jdbc.query(NamedParameterUtils.parseSqlStatementIntoString(sql),
                (rs, i) -> java.util.Arrays.asList(rs.getString("line_id"), rs.getString("group_id")),
                NamedParameterUtils.buildValueArray(sql, params));
    }

    /** Each row of the sums, in order of its columns. */
    private List<String> sums(List<RebateProgram> programs) {
        List<String> rows = new ArrayList<>();
        store.fiscalYearSums(programs, FROM, PERIOD, rs -> {
            rows.add(rs.getString("group_id") + " " + rs.getString("period") + " " + rs.getString("billing_method")
                    + " " + rs.getString("category") + " " + rs.getString("product_code") + " "
                    + rs.getBigDecimal("amount").setScale(2));
        });
        rows.sort(null);
        return rows;
    }
}
