package io.resettle.payout.batch;

import static io.resettle.payout.batch.DataSetRun.ITEMS_HEADER;
import static io.resettle.payout.batch.DataSetRun.PAYOUTS_HEADER;
import static org.assertj.core.api.Assertions.assertThat;

import io.resettle.cli.ResettleCommandLine;
import io.resettle.support.DataSets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unchanged re-runs of earlier periods (R11.2) leave every later run where revision 1 left it
 * (issue 19; issue 14 items 1 and 2). Data set {@code r19-carried-clawback}: a COMPANY ambassador
 * (no withholding) paid 2,687.20 in July, clawed back −1,135.74 in August (carried), owed 2,076.41 in
 * November: November pays 2,076.41 − 1,135.74 = 940.67, however the earlier periods were re-run.
 */
class RerunJobIT {

    private static final String AMB1 = "AMBASSADOR-AMB1,AMBASSADOR,AMB1,";
    private static final String AMB1_PAYEE = AMB1 + "Ambassador One,ALIPAY 0001,";
    private static final String NOVEMBER_ITEMS = ITEMS_HEADER
            + "PO-2026-11-" + AMB1 + "CARRY_FORWARD,PO-2026-10-AMBASSADOR-AMB1,2026-11,-1135.74,PAID\n"
            + "PO-2026-11-" + AMB1 + "COMMISSION,COMMISSION-s2,2026-11,2076.41,PAID\n";
    private static final String NOVEMBER_PAYOUTS = PAYOUTS_HEADER
            + "PO-2026-11-" + AMB1_PAYEE + "940.67,0.00,940.67,CNY,2,PAY\n";

    @TempDir
    Path work;

    @Test
    void straightThrough_theCarriedClawbackIsNettedInNovember() {
        DataSetRun run = new DataSetRun("r19-carried-clawback", work);
        run.demo();
        assertThat(run.file("2026-07", "payouts.csv")).isEqualTo(PAYOUTS_HEADER
                + "PO-2026-07-" + AMB1_PAYEE + "2687.20,0.00,2687.20,CNY,1,PAY\n");
        assertThat(run.file("2026-08", "payout-items.csv")).isEqualTo(ITEMS_HEADER
                + "PO-2026-08-" + AMB1 + "CLAWBACK,CLAWBACK-s1-r1,2026-08,-1135.74,CARRIED\n");
        assertThat(run.file("2026-09", "payout-items.csv")).isEqualTo(ITEMS_HEADER
                + "PO-2026-09-" + AMB1 + "CARRY_FORWARD,PO-2026-08-AMBASSADOR-AMB1,2026-09,-1135.74,CARRIED\n");
        assertThat(run.file("2026-11", "payout-items.csv")).isEqualTo(NOVEMBER_ITEMS);
        assertThat(run.file("2026-11", "payouts.csv")).isEqualTo(NOVEMBER_PAYOUTS);
    }

    @Test
    void rerunOfTheRefundsPeriodRightAfterIt_novemberStillNetsTheClawback() {
        DataSetRun run = new DataSetRun("r19-carried-clawback", work);
        for (String later : new String[] {"2026-09", "2026-10", "2026-11"}) {
            run.setAside(later);
        }
        run.demo();
        assertThat(run.rerun("2026-08")).isZero();
        // Nothing changed: r2 issues nothing (no 0.00 carry under -A2) and lists the clawback under
        // the carry-forward of r1 that carries it.
        assertThat(run.file("2026-08", 2, "payout-items.csv")).isEqualTo(run.file("2026-08", "payout-items.csv"));
        assertThat(run.file("2026-08", 2, "payouts.csv")).isEqualTo(PAYOUTS_HEADER);
        for (String later : new String[] {"2026-09", "2026-10", "2026-11"}) {
            run.bringBack(later);
        }
        run.demo();
        assertThat(run.file("2026-09", "payout-items.csv")).isEqualTo(ITEMS_HEADER
                + "PO-2026-09-" + AMB1 + "CARRY_FORWARD,PO-2026-08-AMBASSADOR-AMB1,2026-09,-1135.74,CARRIED\n");
        assertThat(run.file("2026-11", "payout-items.csv")).isEqualTo(NOVEMBER_ITEMS);
        assertThat(run.file("2026-11", "payouts.csv")).isEqualTo(NOVEMBER_PAYOUTS);
    }

    @Test
    void rerunsAfterTheLaterPeriodsWereSettled_eachRevisionEqualsTheFirstAndNovemberPays940_67() {
        DataSetRun run = new DataSetRun("r19-carried-clawback", work);
        run.setAside("2026-11");
        run.demo();
        for (String period : new String[] {"2026-07", "2026-08", "2026-09", "2026-10"}) {
            assertThat(run.rerun(period)).as(period).isZero();
            assertThat(run.file(period, 2, "payout-items.csv")).as(period)
                    .isEqualTo(run.file(period, "payout-items.csv"));
            assertThat(run.file(period, 2, "commissions.csv")).as(period).isEqualTo(run.file(period, "commissions.csv"));
            // A re-run's payouts.csv lists its adjustment payouts only (R11.2, E9): none.
            assertThat(run.file(period, 2, "payouts.csv")).as(period).isEqualTo(PAYOUTS_HEADER);
        }
        // Issue 14 item 2: July's commission stays under the payout that paid it, not under a -A2 that does not exist.
        assertThat(run.file("2026-07", 2, "payout-items.csv")).isEqualTo(ITEMS_HEADER
                + "PO-2026-07-" + AMB1 + "COMMISSION,COMMISSION-s1,2026-07,2687.20,PAID\n");
        run.bringBack("2026-11");
        run.demo();
        assertThat(run.file("2026-11", "payout-items.csv")).isEqualTo(NOVEMBER_ITEMS);
        assertThat(run.file("2026-11", "payouts.csv")).isEqualTo(NOVEMBER_PAYOUTS);
        assertThat(run.rerun("2026-11")).isZero();
        assertThat(run.file("2026-11", 2, "payout-items.csv")).isEqualTo(NOVEMBER_ITEMS);
        assertThat(run.file("2026-11", 2, "payouts.csv")).isEqualTo(PAYOUTS_HEADER);
    }

    /**
     * Issue 14 item 1 on the sample data: after re-running September unchanged, October's re-run
     * matches the returns of September's payouts against r1's payouts (R12.4: every revision), finds
     * no break r1 did not have, and the command exits as r1's did.
     */
    @Test
    void sampleData_octobersRerunAfterSeptembersFindsNoFalsePayoutReturnBreak() {
        Path data = work.resolve("data");
        DataSets.copyTree(Path.of("sample-data"), data);
        DataSetRun run = new DataSetRun(data, work);
        run.demo();
        int october = run.rerun("2026-10");
        assertThat(october).isIn(ResettleCommandLine.OK, ResettleCommandLine.BREAKS);
        assertThat(run.rerun("2026-09")).isIn(ResettleCommandLine.OK, ResettleCommandLine.BREAKS);
        assertThat(run.file("2026-09", 2, "payout-items.csv")).isEqualTo(run.file("2026-09", "payout-items.csv"));
        assertThat(run.file("2026-09", 2, "payouts.csv")).isEqualTo(PAYOUTS_HEADER);
        assertThat(run.rerun("2026-10")).isEqualTo(october);
        assertThat(run.file("2026-10", 3, "reconciliation.csv")).isEqualTo(run.file("2026-10", "reconciliation.csv"))
                .doesNotContain("payout_return");
        assertThat(run.file("2026-10", 3, "payout-items.csv")).isEqualTo(run.file("2026-10", "payout-items.csv"));
    }

    /**
     * A return naming no payout is a break with no expected amount; the command reports it and
     * exits 3 (completed with breaks), where it died with "amount is null" and exit 1.
     */
    @Test
    void aReturnOfAnUnknownPayoutIsABreakNotACrash() {
        DataSetRun run = new DataSetRun("r19-carried-clawback", work);
        run.write("statements/2026-08/payout-returns.csv", "payout_id,status,amount,paid_at\n"
                + "PO-2026-07-AMBASSADOR-AMB9,PAID,10.00,2026-08-03T10:00:00\n");
        run.setAside("2026-09");
        run.setAside("2026-10");
        run.setAside("2026-11");
        assertThat(run.cli.run("demo", "--data", run.data.toString(), "--out", run.out.toString())).isZero();
        assertThat(run.rerun("2026-08")).isEqualTo(ResettleCommandLine.BREAKS);
        assertThat(run.file("2026-08", 2, "reconciliation.csv"))
                .contains("payout_return,PO-2026-07-AMBASSADOR-AMB9,,10.00,,BREAK\n");
    }
}
