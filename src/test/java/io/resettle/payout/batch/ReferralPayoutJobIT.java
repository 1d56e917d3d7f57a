package io.resettle.payout.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.resettle.cli.ResettleCommandLine;
import io.resettle.support.Cli;
import io.resettle.support.DataSets;
import io.resettle.support.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Referral commissions and payout runs of the settle job on PostgreSQL: examples.md E6 (data set
 * {@code e6} and its variants), E8 (data set {@code e8}) and E9 (re-runs of {@code e6}'s November).
 */
class ReferralPayoutJobIT {

    static final String COMMISSIONS_HEADER =
            "order_id,sub_account_id,ambassador_id,payment_time,order_payable,refunded,status,commission,due_date\n";
    static final String ITEMS_HEADER = StagedPayoutJobIT.ITEMS_HEADER;
    static final String PAYOUTS_HEADER = StagedPayoutJobIT.PAYOUTS_HEADER;
    static final String BILL_HEADER = "RecordID,RelatedRecordID,BillingCycle,OwnerID,ProductCode,SubscriptionType,Item,"
            + "OrderType,PretaxAmount,Currency,PaymentTime,Status\n";

    @TempDir
    Path work;

    private Path data;
    private Path out;
    private Cli cli;

    private void setUp(String dataSet) {
        data = DataSets.copy(dataSet, work.resolve("data"));
        out = work.resolve("out");
        cli = new Cli(TestDatabases.newPostgres());
    }

    private void demo() {
        assertThat(cli.run("demo", "--data", data.toString(), "--out", out.toString())).isZero();
    }

    private String file(String period, int revision, String name) {
        return DataSets.read(out.resolve(period).resolve("r" + revision).resolve(name));
    }

    private String file(String period, String name) {
        return file(period, 1, name);
    }

    private void append(String relative, String lines) throws IOException {
        Files.writeString(data.resolve(relative), lines, StandardOpenOption.APPEND);
    }

    private void replace(String relative, String from, String to) throws IOException {
        Path file = data.resolve(relative);
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }

    @Test
    void e6_lastTouchCommissionPaidAfterTheHold() {
        setUp("e6");
        demo();
        assertThat(file("2026-10", "commissions.csv")).isEqualTo(COMMISSIONS_HEADER
                + "s1,S9,AMB2,2026-10-06T12:00:00,4000.00,0.00,PENDING,1000.00,2026-11-05\n");
        assertThat(file("2026-10", "payouts.csv")).isEqualTo(PAYOUTS_HEADER);
        assertThat(file("2026-11", "commissions.csv")).isEqualTo(COMMISSIONS_HEADER
                + "s1,S9,AMB2,2026-10-06T12:00:00,4000.00,0.00,DUE,1000.00,2026-11-05\n");
        assertThat(file("2026-11", "payout-items.csv")).isEqualTo(ITEMS_HEADER
                + "PO-2026-11-AMBASSADOR-AMB2,AMBASSADOR,AMB2,COMMISSION,COMMISSION-s1,2026-11,1000.00,PAID\n");
        assertThat(file("2026-11", "payouts.csv")).isEqualTo(PAYOUTS_HEADER
                + "PO-2026-11-AMBASSADOR-AMB2,AMBASSADOR,AMB2,Ambassador Two,ALIPAY 0002,1000.00,40.00,960.00,CNY,1,PAY\n");
        assertThat(file("2026-12", "payouts.csv")).isEqualTo(PAYOUTS_HEADER);
    }

    @Test
    void e6_refundBeforeTheDueDateThenAfterThePayout() throws IOException {
        setUp("e6");
        append("exports/2026-10/bill.csv",
                "r1,s1,2026-10,S9,ecs,Subscription,Refund,,-1000.00,CNY,2026-10-20T18:00:00,PayFinish\n");
        replace("exports/2026-12/bill.csv", "x12,",
                "r2,s1,2026-12,S9,ecs,Subscription,Refund,,-2000.00,CNY,2026-12-03T18:00:00,PayFinish\nx12,");
        demo();
        assertThat(file("2026-11", "commissions.csv")).isEqualTo(COMMISSIONS_HEADER
                + "s1,S9,AMB2,2026-10-06T12:00:00,4000.00,1000.00,DUE,750.00,2026-11-05\n");
        assertThat(file("2026-11", "payouts.csv")).isEqualTo(PAYOUTS_HEADER
                + "PO-2026-11-AMBASSADOR-AMB2,AMBASSADOR,AMB2,Ambassador Two,ALIPAY 0002,750.00,0.00,750.00,CNY,1,PAY\n");
        assertThat(file("2026-12", "payout-items.csv")).isEqualTo(ITEMS_HEADER
                + "PO-2026-12-AMBASSADOR-AMB2,AMBASSADOR,AMB2,CLAWBACK,CLAWBACK-s1-r2,2026-12,-500.00,CARRIED\n");
        assertThat(file("2026-12", "payouts.csv")).isEqualTo(PAYOUTS_HEADER);
    }

    @Test
    void e6_sharedPhoneHashIsTheSamePerson() throws IOException {
        setUp("e6");
        replace("ambassadors.csv", "phone-amb2", "phone-s9");
        demo();
        assertThat(file("2026-11", "commissions.csv")).isEqualTo(COMMISSIONS_HEADER
                + "s1,S9,AMB2,2026-10-06T12:00:00,4000.00,0.00,SAME_PERSON,0.00,\n");
        assertThat(file("2026-11", "payouts.csv")).isEqualTo(PAYOUTS_HEADER);
    }

    @Test
    void e6_paidAfterTheWindowIsNotAssociated() throws IOException {
        setUp("e6");
        replace("exports/2026-10/bill.csv",
                "s1,,2026-10,S9,ecs,Subscription,SubscriptionOrder,New,4000.00,CNY,2026-10-06T20:00:00,PayFinish\n", "");
        append("exports/2026-11/bill.csv",
                "s1,,2026-11,S9,ecs,Subscription,SubscriptionOrder,New,4000.00,CNY,2026-11-05T20:00:00,PayFinish\n");
        demo();
        assertThat(file("2026-10", "commissions.csv")).isEqualTo(COMMISSIONS_HEADER);
        // AMB2's association ended 2026-11-04T09:00: no association in force, so no ambassador on the row.
        assertThat(file("2026-11", "commissions.csv")).isEqualTo(COMMISSIONS_HEADER
                + "s1,S9,,2026-11-05T12:00:00,4000.00,0.00,NOT_ASSOCIATED,0.00,\n");
        assertThat(file("2026-12", "payouts.csv")).isEqualTo(PAYOUTS_HEADER);
    }

    @Test
    void e8_nettingAndCarryForward() {
        setUp("e8");
        demo();
        assertThat(file("2026-10", "payouts.csv")).isEqualTo(PAYOUTS_HEADER
                + "PO-2026-10-AMBASSADOR-AMB1,AMBASSADOR,AMB1,Ambassador One,ALIPAY 0001,1000.00,40.00,960.00,CNY,1,PAY\n");
        assertThat(file("2026-11", "payouts.csv")).isEqualTo(PAYOUTS_HEADER);
        assertThat(file("2026-12", "payout-items.csv")).isEqualTo(ITEMS_HEADER
                + "PO-2026-12-AMBASSADOR-AMB1,AMBASSADOR,AMB1,CLAWBACK,CLAWBACK-s7-r7,2026-12,-500.00,CARRIED\n"
                + "PO-2026-12-AMBASSADOR-AMB1,AMBASSADOR,AMB1,COMMISSION,COMMISSION-s6,2026-12,300.00,CARRIED\n");
        assertThat(file("2026-12", "payouts.csv")).isEqualTo(PAYOUTS_HEADER);
        assertThat(file("2027-01", "payout-items.csv")).isEqualTo(ITEMS_HEADER
                + "PO-2027-01-AMBASSADOR-AMB1,AMBASSADOR,AMB1,CARRY_FORWARD,PO-2026-12-AMBASSADOR-AMB1,2027-01,-200.00,PAID\n"
                + "PO-2027-01-AMBASSADOR-AMB1,AMBASSADOR,AMB1,COMMISSION,COMMISSION-s5,2027-01,1000.00,PAID\n");
        assertThat(file("2027-01", "payouts.csv")).isEqualTo(PAYOUTS_HEADER
                + "PO-2027-01-AMBASSADOR-AMB1,AMBASSADOR,AMB1,Ambassador One,ALIPAY 0001,800.00,0.00,800.00,CNY,2,PAY\n");
    }

    /** E9's November r1: data set e6 without December, with S10 whose October order has no visit yet. */
    private void settleNovemberOnce() throws IOException {
        setUp("e6");
        Files.move(data.resolve("exports/2026-12"), work.resolve("2026-12"));
        append("accounts.csv", "S10,Sierra Ten,G9,MEMBER,Sierra Ten Co,T-S10,CREDIT,CNY,2026-01,,AGENT,,,,,,\n");
        append("exports/2026-10/bill.csv",
                "s10,,2026-10,S10,ecs,Subscription,SubscriptionOrder,New,1600.00,CNY,2026-10-02T20:00:00,PayFinish\n");
        demo();
        assertThat(file("2026-11", "payouts.csv")).isEqualTo(PAYOUTS_HEADER
                + "PO-2026-11-AMBASSADOR-AMB2,AMBASSADOR,AMB2,Ambassador Two,ALIPAY 0002,1000.00,40.00,960.00,CNY,1,PAY\n");
    }

    private int ingestAndRerunNovember() {
        assertThat(cli.run("ingest", "--period", "2026-11", "--data", data.toString(), "--out", out.toString())).isZero();
        return cli.run("settle", "--period", "2026-11", "--rerun", "--out", out.toString());
    }

    @Test
    void e9_rerunPaysOnlyTheFurtherCommission() throws IOException {
        settleNovemberOnce();
        append("referrals.csv", "AMB2,S10,2026-10-01T08:00:00\n");
        assertThat(ingestAndRerunNovember()).isZero();
        assertThat(file("2026-11", 2, "commissions.csv")).isEqualTo(COMMISSIONS_HEADER
                + "s1,S9,AMB2,2026-10-06T12:00:00,4000.00,0.00,DUE,1000.00,2026-11-05\n"
                + "s10,S10,AMB2,2026-10-02T12:00:00,1600.00,0.00,DUE,400.00,2026-11-01\n");
        assertThat(file("2026-11", 2, "payouts.csv")).isEqualTo(PAYOUTS_HEADER
                + "PO-2026-11-AMBASSADOR-AMB2-A2,AMBASSADOR,AMB2,Ambassador Two,ALIPAY 0002,400.00,80.00,320.00,CNY,1,PAY\n");
        // io-contract §3: s1 stays under r1's payout that paid it; only the further commission is under -A2.
        assertThat(file("2026-11", 2, "payout-items.csv")).isEqualTo(ITEMS_HEADER
                + "PO-2026-11-AMBASSADOR-AMB2,AMBASSADOR,AMB2,COMMISSION,COMMISSION-s1,2026-11,1000.00,PAID\n"
                + "PO-2026-11-AMBASSADOR-AMB2-A2,AMBASSADOR,AMB2,COMMISSION,COMMISSION-s10,2026-11,400.00,PAID\n");
        assertThat(file("2026-11", 1, "payouts.csv")).as("r1 stays readable").contains(",1000.00,40.00,960.00,");
    }

    @Test
    void e9_rerunWithALowerCommissionCarriesTheOverpayment() throws IOException {
        settleNovemberOnce();
        Files.writeString(data.resolve("exports/2026-11/z-correction.csv"), BILL_HEADER
                + "r1,s1,2026-11,S9,ecs,Subscription,Refund,,-1000.00,CNY,2026-11-02T18:00:00,PayFinish\n");
        assertThat(ingestAndRerunNovember()).isZero();
        assertThat(file("2026-11", 2, "commissions.csv")).isEqualTo(COMMISSIONS_HEADER
                + "s1,S9,AMB2,2026-10-06T12:00:00,4000.00,1000.00,DUE,750.00,2026-11-05\n");
        assertThat(file("2026-11", 2, "payouts.csv")).isEqualTo(PAYOUTS_HEADER);
        // The revision's items are entitled (gross 750.00 > 0), so PAID, by r1's payout (there is no -A2
        // payout: io-contract §3); the overpayment is the carry-forward, which references -A2.
        assertThat(file("2026-11", 2, "payout-items.csv")).isEqualTo(ITEMS_HEADER
                + "PO-2026-11-AMBASSADOR-AMB2,AMBASSADOR,AMB2,COMMISSION,COMMISSION-s1,2026-11,750.00,PAID\n");
        Files.move(work.resolve("2026-12"), data.resolve("exports/2026-12"));
        demo();
        assertThat(file("2026-12", "payout-items.csv")).isEqualTo(ITEMS_HEADER
                + "PO-2026-12-AMBASSADOR-AMB2,AMBASSADOR,AMB2,CARRY_FORWARD,PO-2026-11-AMBASSADOR-AMB2-A2,2026-12,-210.00,CARRIED\n");
        assertThat(file("2026-12", "payouts.csv")).isEqualTo(PAYOUTS_HEADER);
    }

    /**
     * A month that is never settled (nothing ingested for November) must not lose the commission
     * that fell due in it: December's run pays it, under its own due period, once.
     */
    @Test
    void e6_commissionDueInAMonthNeverSettledIsPaidByTheNextRun() {
        DataSetRun run = new DataSetRun("e6", work.resolve("skipped"));
        run.setAside("2026-11");
        run.demo();
        assertThat(run.file("2026-10", "payouts.csv")).isEqualTo(PAYOUTS_HEADER);
        // Due 2026-11-05 (October's order + the hold), booked in the November run that never ran.
        assertThat(run.file("2026-12", "payout-items.csv")).isEqualTo(ITEMS_HEADER
                + "PO-2026-12-AMBASSADOR-AMB2,AMBASSADOR,AMB2,COMMISSION,COMMISSION-s1,2026-11,1000.00,PAID\n");
        // 1,000.00 ≤ 4,000: tax (1,000 − 800) × 20 % = 40.00, net 960.00 (R10.3).
        assertThat(run.file("2026-12", "payouts.csv")).isEqualTo(PAYOUTS_HEADER
                + "PO-2026-12-AMBASSADOR-AMB2,AMBASSADOR,AMB2,Ambassador Two,ALIPAY 0002,1000.00,40.00,960.00,CNY,1,PAY\n");

        // November's exports arrive late: settling it after December would pay the commission again.
        try {
            Files.move(work.resolve("skipped/aside-2026-11"), run.data.resolve("exports/2026-11"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(run.cli.run("ingest", "--period", "2026-11", "--data", run.data.toString(), "--out",
                run.out.toString())).isZero();
        assertThat(run.cli.run("settle", "--period", "2026-11", "--out", run.out.toString()))
                .as("a first settlement of a period before a settled one").isEqualTo(ResettleCommandLine.REFUSED);
        // A re-run of December still finds the commission paid once: no new payout.
        assertThat(run.cli.run("settle", "--period", "2026-12", "--rerun", "--out", run.out.toString())).isZero();
        assertThat(run.file("2026-12", 2, "payouts.csv")).isEqualTo(PAYOUTS_HEADER);
    }
}
