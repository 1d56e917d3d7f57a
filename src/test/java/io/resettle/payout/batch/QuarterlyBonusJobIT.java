package io.resettle.payout.batch;

import static io.resettle.payout.batch.DataSetRun.ITEMS_HEADER;
import static io.resettle.payout.batch.DataSetRun.PAYOUTS_HEADER;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * R9.6 end to end (data set {@code r9-6-bonus}): per ambassador, n = qualifying, unrefunded first
 * purchases of the calendar quarter with payable ≥ {@code min_order} (500); bonus = n × the per-order
 * amount of the tier n reaches (50 from 1, 80 from 3), booked and paid in the run of the second month
 * after the quarter. Tax PAYEE-borne: every amount here is ≤ 800, so no tax (R10.3).
 */
class QuarterlyBonusJobIT {

    @TempDir
    Path work;

    @Test
    void r9_6_quarterlyBonusIsJudgedAndPaidInTheSecondMonthAfterTheQuarter() {
        DataSetRun run = new DataSetRun("r9-6-bonus", work);
        run.demo();

        // October, the first month after Q3: commissions only, no bonus yet.
        // AMB1: s10 800.00 × 0.25 = 200.00 (due 2026-10-31); s5 round2((1,000 − 100) × 0.25) = 225.00, the
        // refund (2026-10-05) came before the due date 2026-10-07. AMB2: s8 700.00 × 0.25 = 175.00.
        assertThat(run.file("2026-10", "payout-items.csv")).isEqualTo(ITEMS_HEADER
                + "PO-2026-10-AMBASSADOR-AMB1,AMBASSADOR,AMB1,COMMISSION,COMMISSION-s10,2026-10,200.00,PAID\n"
                + "PO-2026-10-AMBASSADOR-AMB1,AMBASSADOR,AMB1,COMMISSION,COMMISSION-s5,2026-10,225.00,PAID\n"
                + "PO-2026-10-AMBASSADOR-AMB2,AMBASSADOR,AMB2,COMMISSION,COMMISSION-s8,2026-10,175.00,PAID\n");

        // November judges Q3. AMB1 counts s1 2,000.00, s2 600.00 and s3 500.00 (= min_order); not s4 499.99
        // (below), s5 (refunded by now), s9 (POSTPAID: does not qualify) nor s10 (paid in Q4):
        // n = 3 → tier from 3 → 3 × 80.00 = 240.00. AMB2 counts s8: n = 1 → 1 × 50.00 = 50.00.
        assertThat(run.file("2026-11", "payout-items.csv")).isEqualTo(ITEMS_HEADER
                + "PO-2026-11-AMBASSADOR-AMB1,AMBASSADOR,AMB1,BONUS,BONUS-AMB1-2026-Q3,2026-11,240.00,PAID\n"
                + "PO-2026-11-AMBASSADOR-AMB2,AMBASSADOR,AMB2,BONUS,BONUS-AMB2-2026-Q3,2026-11,50.00,PAID\n");
        assertThat(run.file("2026-11", "payouts.csv")).isEqualTo(PAYOUTS_HEADER
                + "PO-2026-11-AMBASSADOR-AMB1,AMBASSADOR,AMB1,Ambassador One,ALIPAY 0001,240.00,0.00,240.00,CNY,1,PAY\n"
                + "PO-2026-11-AMBASSADOR-AMB2,AMBASSADOR,AMB2,Ambassador Two,ALIPAY 0002,50.00,0.00,50.00,CNY,1,PAY\n");
    }
}
