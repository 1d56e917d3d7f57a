package io.resettle.pricing.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.resettle.support.H2StepTest;
import java.math.BigDecimal;
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

    @Autowired
    JobOperatorTestUtils jobOperatorTestUtils;
    @Autowired
    @Qualifier("computeGroupVolumes")
    Step computeGroupVolumes;
    @Autowired
    JdbcTemplate jdbc;

    private GivenTables given;

    @BeforeEach
    void givenE1Groups() {
        given = new GivenTables(jdbc).cleared();
        given.group("G1", "150000.00");
        given.group("X", "0");
        given.subAccount("A", "G1");
        given.subAccount("B", "G1");
        given.subAccount("C", "G1");
        given.subAccount("X1", "X");
        given.agreement("K1", "G1");
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
        given.line("a1", "A", "ecs", "COMPUTE", "USAGE", "10.123456789");
        given.line("b1", "B", "ecs", "COMPUTE", "REFUND", "-0.000000001");
        given.line("a2", "A", "ecs", "COMPUTE", "ADJUSTMENT", "900000.00");
        given.line("a3", "A", "ecs", "COMPUTE", "CREDIT", "-300.456");
        given.line("x1", "X1", "ecs", "COMPUTE", "TAX", "99.00");

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

    /**
     * A group is settled when one of its sub-accounts is associated in the period or has a line in
     * it: a sub-account that left in September with an October line keeps its group in; one that
     * left without October lines (or with lines of September only) does not.
     */
    @Test
    void aGroupIsSettledWhenASubAccountIsAssociatedOrHasALineInThePeriod() {
        given.group("LEFT_WITH_LINE", "0");
        given.group("LEFT_QUIET", "0");
        given.group("LEFT_IN_SEPTEMBER", "0");
        given.subAccount("L1", "LEFT_WITH_LINE");
        given.subAccount("Q1", "LEFT_QUIET");
        given.subAccount("S1", "LEFT_IN_SEPTEMBER");
        jdbc.update("UPDATE sub_account SET associated_to = '2026-09' WHERE sub_account_id IN ('L1', 'Q1', 'S1')");
        given.line("l1", "L1", "ecs", "COMPUTE", "USAGE", "12.00");
        jdbc.update("INSERT INTO billing_line (period, line_id, sub_account_id, product_code, category, billing_method,"
                + " charge_type, list_amount, payable_amount, paid_amount, currency, paid, file, row_no) VALUES"
                + " ('2026-09', 's1', 'S1', 'ecs', 'COMPUTE', 'POSTPAID', 'USAGE', 5, 5, 5, 'CNY', TRUE, 'bill.csv', 1)");

        assertThat(run().getStatus()).isEqualTo(BatchStatus.COMPLETED);

        assertThat(jdbc.queryForList("SELECT group_id FROM group_statement WHERE period = '2026-10' AND revision = 1"
                + " ORDER BY group_id", String.class)).containsExactly("G1", "LEFT_WITH_LINE", "X");
        assertThat(statement("LEFT_WITH_LINE").volume()).isEqualByComparingTo("12.00");
    }

    private void e1Lines(String c2Payable) {
        given.line("a1", "A", "ecs", "COMPUTE", "NEW", "120000.00");
        given.line("b1", "B", "waf", "SECURITY", "RENEWAL", "60000.00");
        given.line("c1", "C", "oss", "STORAGE", "USAGE", "25000.00");
        given.line("c2", "C", "oss", "STORAGE", "REFUND", c2Payable);
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
}
