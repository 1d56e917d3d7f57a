package io.resettle.payout.batch;

import static org.assertj.core.api.Assertions.assertThat;

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
}
