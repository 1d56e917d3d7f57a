package io.resettle.pricing.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.resettle.support.H2StepTest;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code priceLines} on H2: given the period's billing lines and each group's recorded volume and
 * tier, every line becomes a CHARGE invoice line (R4.2–R4.5); refunds take the rate their original
 * line got (R4.4), in this period or an earlier one.
 */
@H2StepTest
class PriceLinesStepTest {

    @Autowired
    JobOperatorTestUtils jobOperatorTestUtils;
    @Autowired
    @Qualifier("priceLines")
    Step priceLines;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RunPricers runPricers;

    private GivenTables given;

    @BeforeEach
    void givenGroups() {
        given = new GivenTables(jdbc).cleared();
        given.group("G1", "150000.00");
        given.subAccount("A", "G1");
        given.subAccount("B", "G1");
        given.subAccount("C", "G1");
        given.agreement("K1", "G1");
    }

    /** E1 at V = 200,000.00 and E2's rounding in groups of their own (tiers 200,000 and 50,000). */
    @Test
    void e1_sharedGroupDiscount_and_e2_rounding() {
        given.line("a1", "A", "ecs", "COMPUTE", "NEW", "120000.00");
        given.line("b1", "B", "waf", "SECURITY", "RENEWAL", "60000.00");
        given.line("c1", "C", "oss", "STORAGE", "USAGE", "25000.00");
        given.line("c2", "C", "oss", "STORAGE", "REFUND", "-5000.00");
        given.groupVolume("G1", "200000.00", "200000", "K1");
        given.group("G2", "0");
        given.subAccount("M", "G2");
        given.agreement("K2", "G2");
        given.line("m2", "M", "ecs", "COMPUTE", "USAGE", "0.125");
        given.groupVolume("G2", "200000.00", "200000", "K2");
        given.group("G3", "0");
        given.subAccount("N", "G3");
        given.agreement("K3", "G3");
        given.line("n2", "N", "rds", "DATABASE", "USAGE", "10.005");
        given.groupVolume("G3", "50000.00", "50000", "K3");

        run();

        assertThat(invoiceLines()).containsExactly(
                "INV-2026-10-A,A,a1,CHARGE,NEW,120000.00,0.1,12000.00,108000.00",
                "INV-2026-10-B,B,b1,CHARGE,RENEWAL,60000.00,0.13,7800.00,52200.00",
                "INV-2026-10-C,C,c1,CHARGE,USAGE,25000.00,0.1,2500.00,22500.00",
                "INV-2026-10-C,C,c2,CHARGE,REFUND,-5000.00,0.1,-500.00,-4500.00",
                "INV-2026-10-M,M,m2,CHARGE,USAGE,0.13,0.1,0.01,0.12",
                "INV-2026-10-N,N,n2,CHARGE,USAGE,10.01,0.05,0.50,9.51");
    }

    /** E1 with c2 at −5,000.01: tier 50,000 (0.05, SECURITY 0.08). */
    @Test
    void e1_refundOfOneCentMoreDropsTheGroupToTier50000() {
        given.line("a1", "A", "ecs", "COMPUTE", "NEW", "120000.00");
        given.line("b1", "B", "waf", "SECURITY", "RENEWAL", "60000.00");
        given.line("c2", "C", "oss", "STORAGE", "REFUND", "-5000.01");
        given.groupVolume("G1", "199999.99", "50000", "K1");

        run();

        assertThat(invoiceLines()).containsExactly(
                "INV-2026-10-A,A,a1,CHARGE,NEW,120000.00,0.05,6000.00,114000.00",
                "INV-2026-10-B,B,b1,CHARGE,RENEWAL,60000.00,0.08,4800.00,55200.00",
                "INV-2026-10-C,C,c2,CHARGE,REFUND,-5000.01,0.05,-250.00,-4750.01");
    }

    /** September invoiced a1 at 0.10 (tier 200,000); October the group only reaches tier 50,000. */
    @Test
    void r4_4_refundKeepsItsOriginalLinesRateAfterTheTierChanged() {
        given.invoicedEarlier("2026-09", "A", "a1", "0.10");
        given.line("a2", "A", "ecs", "COMPUTE", "USAGE", "70000.00");
        given.line("r1", "a1", "A", "ecs", "COMPUTE", "REFUND", "-10000.00");
        given.line("r2", "unknown", "A", "ecs", "COMPUTE", "REFUND", "-1000.00");
        given.groupVolume("G1", "59000.00", "50000", "K1");

        run();

        assertThat(invoiceLines()).containsExactly(
                "INV-2026-10-A,A,a2,CHARGE,USAGE,70000.00,0.05,3500.00,66500.00",
                "INV-2026-10-A,A,r1,CHARGE,REFUND,-10000.00,0.1,-1000.00,-9000.00",
                // A refund naming no invoiced line gets the current period's rate.
                "INV-2026-10-A,A,r2,CHARGE,REFUND,-1000.00,0.05,-50.00,-950.00");
    }

    /** The refund sorts first and its own category would give 0.05: it takes its SECURITY original's 0.08. */
    @Test
    void r4_4_refundOfALineOfTheSameRunGetsThatLinesRateWhateverTheOrder() {
        given.line("r1", "s1", "B", "p", "OTHER", "REFUND", "-100.00");
        given.line("s1", "B", "waf", "SECURITY", "NEW", "60000.00");
        given.groupVolume("G1", "59900.00", "50000", "K1");

        run();

        assertThat(invoiceLines()).containsExactly(
                "INV-2026-10-B,B,r1,CHARGE,REFUND,-100.00,0.08,-8.00,-92.00",
                "INV-2026-10-B,B,s1,CHARGE,NEW,60000.00,0.08,4800.00,55200.00");
    }

    /** R4.5: ADJUSTMENT, CREDIT and TAX pass through at rate 0, payable rounded; R4.6: no agreement, rate 0. */
    @Test
    void r4_5_passThroughLines_and_r4_6_aGroupWithoutAgreement() {
        given.line("u1", "A", "ecs", "COMPUTE", "USAGE", "250000.00");
        given.line("j1", "A", "ecs", "COMPUTE", "ADJUSTMENT", "900000.00");
        given.line("k1", "A", "ecs", "COMPUTE", "CREDIT", "-300.456");
        given.line("t1", "A", "ecs", "COMPUTE", "TAX", "15000.00");
        given.groupVolume("G1", "250000.00", "200000", "K1");
        given.group("G9", "0");
        given.subAccount("Z", "G9");
        given.line("z1", "Z", "waf", "SECURITY", "USAGE", "300000.00");
        given.groupVolume("G9", "300000.00", null, null);

        run();

        assertThat(invoiceLines()).containsExactly(
                "INV-2026-10-A,A,j1,CHARGE,ADJUSTMENT,900000.00,0,0.00,900000.00",
                "INV-2026-10-A,A,k1,CHARGE,CREDIT,-300.46,0,0.00,-300.46",
                "INV-2026-10-A,A,t1,CHARGE,TAX,15000.00,0,0.00,15000.00",
                "INV-2026-10-A,A,u1,CHARGE,USAGE,250000.00,0.1,25000.00,225000.00",
                "INV-2026-10-Z,Z,z1,CHARGE,USAGE,300000.00,0,0.00,300000.00");
    }

    /**
     * The partitions of one run share its pricers, a run of another job execution (or of the same
     * id in a database created anew) gets its own, and the step drops them when it ends
     * (RunPricers). Ids no job repository issues, so no real run could find these pricers.
     */
    @Test
    void theRunsPartitionsShareItsPricersUntilTheStepEnds() {
        given.line("a1", "A", "ecs", "COMPUTE", "NEW", "120000.00");
        given.groupVolume("G1", "200000.00", "200000", "K1");
        YearMonth october = YearMonth.of(2026, 10);
        LocalDateTime created = LocalDateTime.of(2026, 11, 1, 2, 0);
        RunPricers.Run first = new RunPricers.Run(-41, created, october, 1);
        RunPricers.Run other = new RunPricers.Run(-42, created, october, 1);

        RunPricers.Pricers firstPricers = runPricers.of(first);
        assertThat(runPricers.of(first)).as("another partition of the same run").isSameAs(firstPricers);
        assertThat(firstPricers.of("A")).as("one pricer a group").isSameAs(firstPricers.of("B"));
        RunPricers.Pricers otherPricers = runPricers.of(other);
        assertThat(otherPricers).as("a partition of another run").isNotSameAs(firstPricers);
        assertThat(runPricers.of(new RunPricers.Run(-42, created.plusDays(1), october, 1)))
                .as("the same id in a database created anew").isNotSameAs(otherPricers);
        runPricers.release(-41);
        assertThat(runPricers.holdsAny()).as("another run's release leaves them").isTrue();

        run();

        assertThat(runPricers.holdsAny()).as("the step dropped its run's pricers at its end").isFalse();
        assertThat(invoiceLines()).containsExactly("INV-2026-10-A,A,a1,CHARGE,NEW,120000.00,0.1,12000.00,108000.00");
    }

    private void run() {
        JobParameters parameters = new JobParametersBuilder(jobOperatorTestUtils.getUniqueJobParameters())
                .addString("period", "2026-10").addLong("revision", 1L).toJobParameters();
        assertThat(jobOperatorTestUtils.startStep(priceLines, parameters, new ExecutionContext()).getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
    }

    /** October's invoice lines in io-contract order, amounts as invoice-lines.csv prints them. */
    private List<String> invoiceLines() {
        return jdbc.query("SELECT invoice_id, sub_account_id, line_id, kind, charge_type, payable, discount_rate,"
                        + " discount, net FROM invoice_line WHERE period = '2026-10' AND revision = 1"
                        + " ORDER BY invoice_id, kind_order, line_id",
                (rs, i) -> String.join(",", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getBigDecimal(6).toPlainString(),
                        rs.getBigDecimal(7).stripTrailingZeros().toPlainString(), rs.getBigDecimal(8).toPlainString(),
                        rs.getBigDecimal(9).toPlainString()));
    }
}
