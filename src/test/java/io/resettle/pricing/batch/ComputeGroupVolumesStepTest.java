package io.resettle.pricing.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.resettle.support.H2StepTest;
import java.math.BigDecimal;
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

/**
 * {@code computeGroupVolumes} on H2: given master data, a policy and October's billing lines, the
 * step records V(G,P) at full precision and the tier reached in {@code group_statement} (R4.1, R4.2).
 */
@H2StepTest
class ComputeGroupVolumesStepTest {

    /** The {@code standard} table of io-contract §1. */
    static final String POLICY = """
            currency: CNY
            categories:
              COMPUTE:  [ecs, swas, ecs-gpu]
              SECURITY: [waf, bastionhost, sas, ddoscoo, qiankun]
              DATABASE: [rds, polardb, redis, mongodb]
              STORAGE:  [oss, nas]
              NETWORK:  [slb, eip, cdn]
            ingest:
              max_reject_ratio: 0.01
            discount_tables:
              standard:
                - {from: 0,       rates: {default: 0.00}}
                - {from: 50000,   rates: {default: 0.05, SECURITY: 0.08}}
                - {from: 200000,  rates: {default: 0.10, SECURITY: 0.13}}
                - {from: 1000000, rates: {default: 0.15, SECURITY: 0.18}}
            """;

    @Autowired
    JobOperatorTestUtils jobOperatorTestUtils;
    @Autowired
    @Qualifier("computeGroupVolumes")
    Step computeGroupVolumes;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void givenE1Groups() {
        for (String table : List.of("group_statement", "billing_line", "agreement", "sub_account", "customer_group",
                "policy_file")) {
            jdbc.update("DELETE FROM " + table);
        }
        jdbc.update("INSERT INTO policy_file (effective_from, file, sha256, content) VALUES ('2026-01',"
                + " 'policies/2026-01.yml', 'e1', ?)", POLICY);
        group("G1", "150000.00");
        group("X", "0");
        subAccount("A", "G1");
        subAccount("B", "G1");
        subAccount("C", "G1");
        subAccount("X1", "X");
        jdbc.update("INSERT INTO agreement (agreement_id, group_id, discount_table, term_start, term_end,"
                + " min_commitment, clawback_mode, penalty_rate) VALUES ('K1', 'G1', 'standard', '2026-01', '2026-12',"
                + " 0, 'NONE', 0)");
    }

    @Test
    void e1_sharedGroupDiscount() {
        e1Lines("-5000.00");

        assertThat(run().getStatus()).isEqualTo(BatchStatus.COMPLETED);

        GroupVolumeRow g1 = statement("G1");
        assertThat(g1.volume()).isEqualByComparingTo("200000.00");
        assertThat(g1.tierFrom()).isEqualByComparingTo("200000");
        assertThat(g1.agreementId()).isEqualTo("K1");
        assertThat(g1.creditLimit()).isEqualByComparingTo("150000.00");
    }

    @Test
    void e1_refundOfOneCentMoreDropsTheGroupToTier50000() {
        e1Lines("-5000.01");

        assertThat(run().getStatus()).isEqualTo(BatchStatus.COMPLETED);

        GroupVolumeRow g1 = statement("G1");
        assertThat(g1.volume()).isEqualByComparingTo("199999.99");
        assertThat(g1.tierFrom()).isEqualByComparingTo("50000");
    }

    /** R4.1: ADJUSTMENT, CREDIT and TAX count in no volume; V keeps every decimal of the lines (R1.1). */
    @Test
    void volumesByGroupIgnorePassThroughLines_R4_1() {
        line("a1", "A", "ecs", "COMPUTE", "USAGE", "10.123456789");
        line("b1", "B", "ecs", "COMPUTE", "REFUND", "-0.000000001");
        line("a2", "A", "ecs", "COMPUTE", "ADJUSTMENT", "900000.00");
        line("a3", "A", "ecs", "COMPUTE", "CREDIT", "-300.456");
        line("x1", "X1", "ecs", "COMPUTE", "TAX", "99.00");

        assertThat(run().getStatus()).isEqualTo(BatchStatus.COMPLETED);

        GroupVolumeRow g1 = statement("G1");
        assertThat(g1.volume()).isEqualByComparingTo("10.123456788");
        assertThat(g1.tierFrom()).isEqualByComparingTo("0");
        // A group whose lines all pass through has volume 0; without an agreement it reaches no tier (R4.6).
        GroupVolumeRow x = statement("X");
        assertThat(x.volume()).isEqualByComparingTo("0");
        assertThat(x.tierFrom()).isNull();
        assertThat(x.agreementId()).isNull();
    }

    private void e1Lines(String c2Payable) {
        line("a1", "A", "ecs", "COMPUTE", "NEW", "120000.00");
        line("b1", "B", "waf", "SECURITY", "RENEWAL", "60000.00");
        line("c1", "C", "oss", "STORAGE", "USAGE", "25000.00");
        line("c2", "C", "oss", "STORAGE", "REFUND", c2Payable);
    }

    private JobExecution run() {
        JobParameters parameters = new JobParametersBuilder(jobOperatorTestUtils.getUniqueJobParameters())
                .addString("period", "2026-10").addLong("revision", 1L).toJobParameters();
        return jobOperatorTestUtils.startStep(computeGroupVolumes, parameters, new ExecutionContext());
    }

    record GroupVolumeRow(BigDecimal volume, BigDecimal tierFrom, String agreementId, BigDecimal creditLimit) {
    }

    private GroupVolumeRow statement(String groupId) {
        return jdbc.queryForObject("SELECT volume, tier_from, agreement_id, credit_limit FROM group_statement"
                        + " WHERE period = '2026-10' AND revision = 1 AND group_id = ?",
                (rs, i) -> new GroupVolumeRow(rs.getBigDecimal(1), rs.getBigDecimal(2), rs.getString(3),
                        rs.getBigDecimal(4)), groupId);
    }

    private void group(String groupId, String creditLimit) {
        jdbc.update("INSERT INTO customer_group (group_id, currency, credit_limit, rebate_payout, implicit_group)"
                + " VALUES (?, 'CNY', ?, 'CASH', FALSE)", groupId, new BigDecimal(creditLimit));
    }

    private void subAccount(String subAccountId, String groupId) {
        jdbc.update("INSERT INTO sub_account (sub_account_id, group_id, role, settlement_mode, currency, associated_from,"
                + " managed_by) VALUES (?, ?, 'MEMBER', 'CREDIT', 'CNY', '2026-01', 'AGENT')", subAccountId, groupId);
    }

    private void line(String lineId, String subAccount, String product, String category, String chargeType,
            String payable) {
        BigDecimal amount = new BigDecimal(payable);
        jdbc.update("INSERT INTO billing_line (period, line_id, sub_account_id, product_code, category, billing_method,"
                + " charge_type, list_amount, payable_amount, paid_amount, currency, paid, file, row_no)"
                + " VALUES ('2026-10', ?, ?, ?, ?, 'POSTPAID', ?, ?, ?, ?, 'CNY', TRUE, 'bill.csv', 1)",
                lineId, subAccount, product, category, chargeType, amount, amount, amount);
    }
}
