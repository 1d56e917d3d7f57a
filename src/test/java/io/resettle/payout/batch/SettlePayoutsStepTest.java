package io.resettle.payout.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.resettle.support.H2StepTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code settlePayouts} on H2, given the tables an earlier run and P's accruals left: stages fall due
 * or are cut (R8.3, R8.4), a failed payout is retried and an unknown one is a break (R12.4), and the
 * payees are netted (R10.1, R10.2) into payout rows with their names from master data.
 */
@H2StepTest
class SettlePayoutsStepTest {

    private static final String POLICY = """
            currency: CNY
            categories:
              COMPUTE:  [ecs]
            discount_tables:
              standard:
                - {from: 0, rates: {default: 0.00}}
            rebate_programs:
              - id: share
                scope: GROUP
                direction: PAYABLE
                mode: RETROACTIVE
                fiscal_year_start: 1
                eligible: {billing_methods: [PREPAID], categories: [COMPUTE], exclude_products: []}
                tiers:
                  - {from: 0, rates: {default: 0.02}}
                stages:
                  - {share: 0.10, due_after_months: 1, condition: NONE}
                  - {share: 0.90, due_after_months: 2, condition: ACTIVE}
            tax:
              borne_by: PAYEE
            """;

    @Autowired
    private JobOperatorTestUtils jobOperatorTestUtils;

    /** The step as the settle job runs it (the job finds no step by name inside its split flows). */
    @Autowired
    @Qualifier("settlePayouts")
    private Step settlePayouts;

    @Autowired
    private JdbcTemplate jdbc;

    @BeforeEach
    void givenOctoberSettledAndNovembersAccruals() {
        for (String table : List.of("policy_file", "period_run", "customer_group", "sub_account", "ambassador",
                "billing_line", "rebate_accrual", "rebate_stage", "payout", "payout_open_item", "payout_item",
                "payout_issued", "payout_return", "commission", "reconciliation")) {
            jdbc.update("DELETE FROM " + table);
        }
        JdbcClient.create(jdbc).sql("""
                INSERT INTO policy_file (effective_from, file, sha256, content)
                VALUES ('2026-01', '2026-01.yml', 'test', :content)""").param("content", POLICY).update();
        jdbc.execute("""
                INSERT INTO period_run (period, revision, job_execution_id, status, forced, closed, created_at)
                VALUES ('2026-10', 1, 0, 'COMPLETED', FALSE, FALSE, TIMESTAMP '2026-11-02 08:00:00');
                INSERT INTO customer_group (group_id, group_name, currency, credit_limit, rebate_payout, payee_name,
                                            payout_account, implicit_group)
                VALUES ('G1', 'Group One', 'CNY', 0, 'CASH', 'G1 Payee Ltd', 'BANK 0001', FALSE),
                       ('G2', 'Group Two', 'CNY', 0, 'CASH', NULL, 'BANK 0002', FALSE),
                       ('G3', 'Group Three', 'CNY', 0, 'CASH', NULL, 'BANK 0003', FALSE),
                       ('G4', 'Group Four', 'CNY', 0, 'CREDIT_NOTE', NULL, NULL, FALSE);
                INSERT INTO sub_account (sub_account_id, group_id, role, settlement_mode, currency, associated_from,
                                         managed_by)
                VALUES ('S2', 'G2', 'PRIMARY', 'CREDIT', 'CNY', '2026-01', 'AGENT');
                INSERT INTO ambassador (ambassador_id, name, payee_type, payout_account)
                VALUES ('AMB1', 'Ambassador One', 'INDIVIDUAL', 'ALIPAY 0001');
                -- G2 bought only POSTPAID in November, which the program does not admit: its ACTIVE stage is forfeited.
                INSERT INTO billing_line (period, line_id, sub_account_id, category, billing_method, charge_type,
                                          payable_amount, paid_amount, currency, paid, file, row_no)
                VALUES ('2026-11', 'L1', 'S2', 'COMPUTE', 'POSTPAID', 'USAGE', 5000.00, 5000.00, 'CNY', TRUE, 'x.csv', 1);
                -- What October handed on: stages and AMB1's negative balance.
                INSERT INTO rebate_stage (period, revision, program, group_id, accrual_period, stage_index, amount,
                                          due_period, stage_condition)
                VALUES ('2026-10', 1, 'share', 'G1', '2026-10', 1, 100.00, '2026-11', 'NONE'),
                       ('2026-10', 1, 'share', 'G1', '2026-10', 2, 900.00, '2026-12', 'ACTIVE'),
                       ('2026-10', 1, 'share', 'G2', '2026-09', 2, 450.00, '2026-11', 'ACTIVE');
                INSERT INTO payout_open_item (period, revision, item_no, payee_type, payee_id, item_type, reference,
                                              due_period, amount)
                VALUES ('2026-10', 1, 0, 'AMBASSADOR', 'AMB1', 'CARRY_FORWARD', 'PO-2026-10-AMBASSADOR-AMB1',
                        '2026-11', -200.00);
                INSERT INTO payout (period, revision, payout_id, payee_type, payee_id, payee_name, payout_account, gross,
                                    tax_withheld, net, currency, item_count, status)
                VALUES ('2026-10', 1, 'PO-2026-10-GROUP-G3', 'GROUP', 'G3', 'Group Three', 'BANK 0003', 80.00, 0.00,
                        80.00, 'CNY', 1, 'PAY');
                -- November: G1's accrual is cut by a refund, G4 takes credit notes, a new G3 accrual is staged.
                INSERT INTO rebate_accrual (period, revision, program, direction, scope_id, category, ytd_volume,
                                            ytd_weighted_volume, ytd_rebate, accrual)
                VALUES ('2026-11', 1, 'share', 'PAYABLE', 'G1', 'COMPUTE', 0, 0, 0, -50.00),
                       ('2026-11', 1, 'share', 'PAYABLE', 'G3', 'COMPUTE', 0, 0, 0, 1000.00),
                       ('2026-11', 1, 'share', 'PAYABLE', 'G4', 'COMPUTE', 0, 0, 0, 300.00);
                -- The bank's returns: G3's October payout failed; a payout nobody made came back.
                INSERT INTO payout_return (period, payout_id, status, amount)
                VALUES ('2026-11', 'PO-2026-10-GROUP-G3', 'FAILED', 80.00),
                       ('2026-11', 'PO-2026-10-GROUP-G9', 'PAID', 10.00);
                """);
    }

    @Test
    void settlePayouts_paysDueStagesAndRetriesNetsPayeesAndHandsTheRestOn() {
        JobParameters parameters = new JobParametersBuilder(jobOperatorTestUtils.getUniqueJobParameters())
                .addString("period", "2026-11").addLong("revision", 1L).toJobParameters();

        JobExecution execution = jobOperatorTestUtils.startStep(settlePayouts, parameters, new ExecutionContext());

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(rows("""
                SELECT payout_id, payee_name, payout_account, gross, tax_withheld, net, currency, item_count, status
                  FROM payout WHERE period = '2026-11' AND revision = 1 ORDER BY payout_id""")).containsExactly(
                "PO-2026-11-GROUP-G1,G1 Payee Ltd,BANK 0001,100.00,0.00,100.00,CNY,1,PAY",
                "PO-2026-11-GROUP-G3,Group Three,BANK 0003,80.00,0.00,80.00,CNY,1,PAY");
        assertThat(rows("""
                SELECT item_no, payout_id, payee_type, payee_id, item_type, reference, due_period, amount, status
                  FROM payout_item WHERE period = '2026-11' AND revision = 1 ORDER BY item_no""")).containsExactly(
                "0,PO-2026-11-AMBASSADOR-AMB1,AMBASSADOR,AMB1,CARRY_FORWARD,PO-2026-10-AMBASSADOR-AMB1,2026-11,-200.00,CARRIED",
                "1,PO-2026-11-GROUP-G1,GROUP,G1,REBATE_STAGE,REBATE-share-2026-10-S1,2026-11,100.00,PAID",
                "2,PO-2026-11-GROUP-G2,GROUP,G2,FORFEITED,REBATE-share-2026-09-S2,2026-11,450.00,FORFEITED",
                "3,PO-2026-11-GROUP-G3,GROUP,G3,RETRY,PO-2026-10-GROUP-G3,2026-11,80.00,PAID");
        assertThat(rows("""
                SELECT item_no, payee_type, payee_id, item_type, reference, due_period, amount
                  FROM payout_open_item WHERE period = '2026-11' AND revision = 1 ORDER BY item_no""")).containsExactly(
                "0,GROUP,G2,CARRY_FORWARD,PO-2026-11-GROUP-G2,2026-12,0.00",
                "1,AMBASSADOR,AMB1,CARRY_FORWARD,PO-2026-11-AMBASSADOR-AMB1,2026-12,-200.00");
        assertThat(rows("""
                SELECT payee_type, payee_id, gross, tax, net
                  FROM payout_issued WHERE period = '2026-11' AND revision = 1 ORDER BY payee_type, payee_id""")).containsExactly(
                "AMBASSADOR,AMB1,-200.00,0.00,-200.00",
                "GROUP,G1,100.00,0.00,100.00",
                "GROUP,G2,0.00,0.00,0.00",
                "GROUP,G3,80.00,0.00,80.00");
        // G1's stage due in December absorbs the −50.00; G3's 1,000.00 is staged 10% / 90%.
        assertThat(rows("""
                SELECT program, group_id, accrual_period, stage_index, amount, due_period, stage_condition
                  FROM rebate_stage WHERE period = '2026-11' AND revision = 1
                 ORDER BY group_id, accrual_period, stage_index""")).containsExactly(
                "share,G1,2026-10,2,850.00,2026-12,ACTIVE",
                "share,G3,2026-11,1,100.00,2026-12,NONE",
                "share,G3,2026-11,2,900.00,2027-01,ACTIVE");
        assertThat(rows("""
                SELECT check_name, check_key, expected, actual, difference, status
                  FROM reconciliation WHERE period = '2026-11' AND revision = 1""")).containsExactly(
                "payout_return,PO-2026-10-GROUP-G9,null,10.000000000000,null,BREAK");
        assertThat(execution.getStepExecutions()).singleElement()
                .satisfies(step -> assertThat(step.getWriteCount()).isEqualTo(6));
    }

    private List<String> rows(String sql) {
        return jdbc.query(sql, (rs, i) -> {
            StringBuilder row = new StringBuilder();
            for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                Object value = rs.getObject(c);
                row.append(c > 1 ? "," : "").append(value instanceof java.math.BigDecimal d ? d.toPlainString() : value);
            }
            return row.toString();
        });
    }
}
