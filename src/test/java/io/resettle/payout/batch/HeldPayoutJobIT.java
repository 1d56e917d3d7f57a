package io.resettle.payout.batch;

import static io.resettle.payout.batch.DataSetRun.AMB1;
import static io.resettle.payout.batch.DataSetRun.AMB1_PAYEE;
import static io.resettle.payout.batch.DataSetRun.ITEMS_HEADER;
import static io.resettle.payout.batch.DataSetRun.PAYOUTS_HEADER;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * R9.7 end to end (data set {@code r9-7-held}): an ambassador whose clawbacks of the runs P−2..P
 * exceed {@code hold_ratio} (0.5) of its commissions of those runs has a positive payout HELD; its
 * items stay open, come back in the next run and are paid once the ratio allows it, exactly once.
 * Tax PAYEE-borne, R10.3: deduction 800 when X ≤ 4,000; tax 20 % of the taxable part.
 */
class HeldPayoutJobIT {

    @TempDir
    Path work;

    @Test
    void r9_7_heldWhileClawbacksExceedHalfTheCommissionsThenPaidOnce() {
        DataSetRun run = new DataSetRun("r9-7-held", work);
        run.demo();

        // s7 12,000.00 × 0.25 = 3,000.00, due 2026-09-02; tax (3,000 − 800) × 20 % = 440.00, net 2,560.00.
        assertThat(run.file("2026-09", "payouts.csv")).isEqualTo(PAYOUTS_HEADER
                + "PO-2026-09-" + AMB1_PAYEE + "3000.00,440.00,2560.00,CNY,1,PAY\n");

        // December: clawback of s7 −(3,000.00 − round2(0 × 0.25)) = −3,000.00; commission s6 16,000.00 × 0.25
        // = 4,000.00. Runs Oct–Dec: 3,000.00 clawed back > 0.5 × 4,000.00 = 2,000.00, and the gross
        // 4,000.00 − 3,000.00 = 1,000.00 > 0 → HELD, shown with what it would pay: tax (1,000 − 800) × 20 % = 40.00.
        assertThat(run.file("2026-12", "payout-items.csv")).isEqualTo(ITEMS_HEADER
                + "PO-2026-12-" + AMB1 + "CLAWBACK,CLAWBACK-s7-r7,2026-12,-3000.00,HELD\n"
                + "PO-2026-12-" + AMB1 + "COMMISSION,COMMISSION-s6,2026-12,4000.00,HELD\n");
        assertThat(run.file("2026-12", "payouts.csv")).isEqualTo(PAYOUTS_HEADER
                + "PO-2026-12-" + AMB1_PAYEE + "1000.00,40.00,960.00,CNY,2,HELD\n");

        // January: commission s5 12,000.00 × 0.25 = 3,000.00. Runs Nov–Jan: 3,000.00 clawed back
        // ≤ 0.5 × (4,000.00 + 3,000.00) = 3,500.00 → released. Gross −3,000.00 + 4,000.00 + 3,000.00
        // = 4,000.00 (≤ 4,000: deduction 800), tax (4,000 − 800) × 20 % = 640.00, net 3,360.00.
        assertThat(run.file("2027-01", "payout-items.csv")).isEqualTo(ITEMS_HEADER
                + "PO-2027-01-" + AMB1 + "CLAWBACK,CLAWBACK-s7-r7,2026-12,-3000.00,PAID\n"
                + "PO-2027-01-" + AMB1 + "COMMISSION,COMMISSION-s5,2027-01,3000.00,PAID\n"
                + "PO-2027-01-" + AMB1 + "COMMISSION,COMMISSION-s6,2026-12,4000.00,PAID\n");
        assertThat(run.file("2027-01", "payouts.csv")).isEqualTo(PAYOUTS_HEADER
                + "PO-2027-01-" + AMB1_PAYEE + "4000.00,640.00,3360.00,CNY,3,PAY\n");

        // Never twice: the run after the release has nothing of AMB1's.
        assertThat(run.file("2027-02", "payout-items.csv")).isEqualTo(ITEMS_HEADER);
        assertThat(run.file("2027-02", "payouts.csv")).isEqualTo(PAYOUTS_HEADER);
    }

    @Test
    void r9_7_heldItemsComeBackEveryRunUntilTheClawbackLeavesTheWindow() {
        DataSetRun run = new DataSetRun("r9-7-held", work);
        run.replace("exports/2026-12/bill.csv",
                "s5,,2026-12,S5,ecs,Subscription,SubscriptionOrder,New,12000.00,CNY,2026-12-05T20:00:00,PayFinish\n", "");
        run.write("exports/2027-03/bill.csv", DataSetRun.BILL_HEADER
                + "x03,,2027-03,X,oss,PayAsYouGo,PayAsYouGoBill,,10.00,CNY,2027-03-02T10:00:00,PayFinish\n");
        run.demo();

        // January (runs Nov–Jan) and February (Dec–Feb) still see the December items: 3,000.00 > 0.5 × 4,000.00.
        // The held items come back with their own due period; gross 1,000.00, tax 40.00, net 960.00 as in December.
        for (String period : new String[] {"2026-12", "2027-01", "2027-02"}) {
            assertThat(run.file(period, "payout-items.csv")).as(period).isEqualTo(ITEMS_HEADER
                    + "PO-" + period + "-" + AMB1 + "CLAWBACK,CLAWBACK-s7-r7,2026-12,-3000.00,HELD\n"
                    + "PO-" + period + "-" + AMB1 + "COMMISSION,COMMISSION-s6,2026-12,4000.00,HELD\n");
            assertThat(run.file(period, "payouts.csv")).as(period).isEqualTo(PAYOUTS_HEADER
                    + "PO-" + period + "-" + AMB1_PAYEE + "1000.00,40.00,960.00,CNY,2,HELD\n");
        }
        // March: the runs Jan–Mar booked neither clawbacks nor commissions → not held, paid once.
        assertThat(run.file("2027-03", "payout-items.csv")).isEqualTo(ITEMS_HEADER
                + "PO-2027-03-" + AMB1 + "CLAWBACK,CLAWBACK-s7-r7,2026-12,-3000.00,PAID\n"
                + "PO-2027-03-" + AMB1 + "COMMISSION,COMMISSION-s6,2026-12,4000.00,PAID\n");
        assertThat(run.file("2027-03", "payouts.csv")).isEqualTo(PAYOUTS_HEADER
                + "PO-2027-03-" + AMB1_PAYEE + "1000.00,40.00,960.00,CNY,2,PAY\n");
    }
}
