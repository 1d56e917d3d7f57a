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
 * R10.4 end to end (data set {@code r10-4-payer-tax}): with {@code tax.borne_by: PAYER} the payee's
 * net is the items' sum N, the platform pays the tax on the grossed-up income T and payouts.csv
 * shows gross = N + tax. R10.4: N ≤ 800 → 0; N ≤ 3,360 → T = (N − 800) / 0.8; otherwise
 * T = (N − q) × 0.8 / (1 − r × 0.8) with (r, q) = (20 %, 0) to 21,000, (30 %, 2,000) to 49,500,
 * (40 %, 7,000) above; tax = round2(T × r − q) with R10.3's bands for T (20 % to 20,000, 30 % − 2,000
 * to 50,000, 40 % − 7,000 above). Each gross, taxed PAYEE-style (R10.3), leaves N again.
 */
class PayerBorneTaxJobIT {

    @TempDir
    Path work;

    @Test
    void r10_4_platformPaysTheTaxOnTopInEveryBand() {
        DataSetRun run = new DataSetRun("r10-4-payer-tax", work);
        run.demo();

        assertThat(run.file("2026-11", "payouts.csv")).isEqualTo(PAYOUTS_HEADER
                // N = 4,000.00 × 0.25 = 1,000.00 ≤ 3,360: T = (1,000 − 800) / 0.8 = 250; tax 250 × 20 % = 50.00.
                + "PO-2026-11-" + AMB1_PAYEE + "1050.00,50.00,1000.00,CNY,1,PAY\n"
                // N = 49,382.68 × 0.25 = 12,345.67 ≤ 21,000: T = 12,345.67 × 0.8 / 0.84 = 11,757.780952…;
                // tax round2(11,757.780952 × 20 %) = round2(2,351.556190) = 2,351.56; gross 14,697.23.
                + "PO-2026-11-AMBASSADOR-AMB2,AMBASSADOR,AMB2,Ambassador Two,ALIPAY 0002,14697.23,2351.56,12345.67,CNY,1,PAY\n"
                // N = 100,000.00 × 0.25 = 25,000.00 ≤ 49,500: T = 23,000 × 0.8 / 0.76 = 24,210.526316…;
                // tax round2(24,210.526316 × 30 % − 2,000) = round2(5,263.157895) = 5,263.16; gross 30,263.16.
                + "PO-2026-11-AMBASSADOR-AMB3,AMBASSADOR,AMB3,Ambassador Three,ALIPAY 0003,30263.16,5263.16,25000.00,CNY,1,PAY\n"
                // N = 200,000.00 × 0.25 = 50,000.00 > 49,500: T = 43,000 × 0.8 / 0.68 = 50,588.235294…;
                // tax round2(50,588.235294 × 40 % − 7,000) = round2(13,235.294118) = 13,235.29; gross 63,235.29.
                + "PO-2026-11-AMBASSADOR-AMB4,AMBASSADOR,AMB4,Ambassador Four,ALIPAY 0004,63235.29,13235.29,50000.00,CNY,1,PAY\n"
                // A COMPANY payee: no withholding whoever bears it; 4,000.00 × 0.25 = 1,000.00.
                + "PO-2026-11-AMBASSADOR-CO5,AMBASSADOR,CO5,Company Five,BANK 0005,1000.00,0.00,1000.00,CNY,1,PAY\n");
    }

    @Test
    void r10_4_carryForwardIsNettedBeforeTheTaxIsGrossedUp() {
        DataSetRun run = new DataSetRun("r10-4-payer-tax", work);
        run.demo();

        // Refund of 3,000.00 after the payout: −(1,000.00 − round2(1,000 × 0.25)) = −750.00 → gross ≤ 0,
        // no payout, no tax: the −750.00 is carried (R10.2).
        assertThat(run.file("2026-12", "payout-items.csv")).isEqualTo(ITEMS_HEADER
                + "PO-2026-12-" + AMB1 + "CLAWBACK,CLAWBACK-s1-r1,2026-12,-750.00,CARRIED\n");
        assertThat(run.file("2026-12", "payouts.csv")).isEqualTo(PAYOUTS_HEADER);

        // January: N = 10,000.00 × 0.25 − 750.00 = 1,750.00 ≤ 3,360: T = (1,750 − 800) / 0.8 = 1,187.50;
        // tax 1,187.50 × 20 % = 237.50; gross 1,987.50. Not held: runs Nov–Jan clawed back 750.00
        // ≤ 0.5 × (1,000.00 + 2,500.00).
        assertThat(run.file("2027-01", "payout-items.csv")).isEqualTo(ITEMS_HEADER
                + "PO-2027-01-" + AMB1 + "CARRY_FORWARD,PO-2026-12-AMBASSADOR-AMB1,2027-01,-750.00,PAID\n"
                + "PO-2027-01-" + AMB1 + "COMMISSION,COMMISSION-s6,2027-01,2500.00,PAID\n");
        assertThat(run.file("2027-01", "payouts.csv")).isEqualTo(PAYOUTS_HEADER
                + "PO-2027-01-" + AMB1_PAYEE + "1987.50,237.50,1750.00,CNY,2,PAY\n");
    }

    /** October and November only, with S10's October order (no visit yet, so no commission in r1). */
    private DataSetRun settleNovemberOnce() {
        DataSetRun run = new DataSetRun("r10-4-payer-tax", work);
        run.setAside("2026-12");
        run.setAside("2027-01");
        run.append("accounts.csv", "S10,Sierra Ten,G1,MEMBER,Sierra Ten Co,T-S10,CREDIT,CNY,2026-01,,AGENT,,,,,,\n");
        run.append("exports/2026-10/bill.csv",
                "s10,,2026-10,S10,ecs,Subscription,SubscriptionOrder,New,1600.00,CNY,2026-10-02T20:00:00,PayFinish\n");
        run.demo();
        assertThat(run.rowsOf("2026-11", 1, "payouts.csv", "AMB1"))
                .isEqualTo("PO-2026-11-" + AMB1_PAYEE + "1050.00,50.00,1000.00,CNY,1,PAY\n");
        return run;
    }

    @Test
    void r11_2_payerBorneRerunPaysTheDifferenceOfNets() {
        DataSetRun run = settleNovemberOnce();
        run.append("referrals.csv", "AMB1,S10,2026-10-01T08:00:00\n");
        assertThat(run.ingestAndRerun("2026-11")).isZero();

        // New N = 1,000.00 + 1,600.00 × 0.25 = 1,400.00: T = (1,400 − 800) / 0.8 = 750, tax 150.00, gross 1,550.00.
        // r1 issued 1,050.00 / 50.00 / 1,000.00 → adjustment 500.00 / 100.00 / 400.00 (the nets' difference).
        // The other payees' entitlements did not change: no payout row for them. item_count counts the
        // items listed under -A2: the further commission (the first stays under r1's payout, io-contract §3).
        assertThat(run.file("2026-11", 2, "payouts.csv")).isEqualTo(PAYOUTS_HEADER
                + "PO-2026-11-AMBASSADOR-AMB1-A2,AMBASSADOR,AMB1,Ambassador One,ALIPAY 0001,500.00,100.00,400.00,CNY,1,PAY\n");
    }

    @Test
    void r11_2_payerBorneRerunCarriesANegativeDifferenceOfNets() {
        DataSetRun run = settleNovemberOnce();
        run.write("exports/2026-11/z-correction.csv", DataSetRun.BILL_HEADER
                + "q1,s1,2026-11,S1,ecs,Subscription,Refund,,-1000.00,CNY,2026-11-02T18:00:00,PayFinish\n");
        assertThat(run.ingestAndRerun("2026-11")).isZero();

        // The refund comes before the due date 2026-11-05: N = round2(3,000 × 0.25) = 750.00 ≤ 800 → tax 0,
        // gross 750.00. r1 issued 1,050.00 / 50.00 / 1,000.00 → adjustment −300.00 / −50.00 / −250.00: the
        // payee's entitlement is the net, so the −250.00 net difference is carried, not paid.
        assertThat(run.file("2026-11", 2, "payouts.csv")).isEqualTo(PAYOUTS_HEADER);
        // PAID by r1's payout: there is no -A2 payout (io-contract §3); the carry references -A2.
        assertThat(run.rowsOf("2026-11", 2, "payout-items.csv", "AMB1")).isEqualTo(
                "PO-2026-11-AMBASSADOR-AMB1,AMBASSADOR,AMB1,COMMISSION,COMMISSION-s1,2026-11,750.00,PAID\n");

        run.write("exports/2026-12/bill.csv", DataSetRun.BILL_HEADER
                + "x12,,2026-12,X,oss,PayAsYouGo,PayAsYouGoBill,,10.00,CNY,2026-12-02T10:00:00,PayFinish\n");
        run.demo();
        assertThat(run.rowsOf("2026-12", 1, "payout-items.csv", "AMB1")).isEqualTo("PO-2026-12-" + AMB1
                + "CARRY_FORWARD,PO-2026-11-AMBASSADOR-AMB1-A2,2026-12,-250.00,CARRIED\n");
        assertThat(run.file("2026-12", "payouts.csv")).isEqualTo(PAYOUTS_HEADER);
    }
}
