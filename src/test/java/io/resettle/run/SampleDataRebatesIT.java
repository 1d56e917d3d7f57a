package io.resettle.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.resettle.support.Cli;
import io.resettle.support.DataSets;
import io.resettle.support.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code resettle demo} over sample-data: the rebate, commission and payout figures of its README (R7–R10). */
class SampleDataRebatesIT {

    @TempDir
    Path out;

    private String file(String period, String name) {
        return DataSets.read(out.resolve(period).resolve("r1").resolve(name));
    }

    @Test
    void sampleDataSettlesWithRebatesCommissionsAndPayouts() {
        Cli cli = new Cli(TestDatabases.newPostgres());
        assertThat(cli.run("demo", "--data", "sample-data", "--out", out.toString())).isZero();
        assertThat(file("2026-10", "rebates.csv")).contains(
                "channel,RECEIVABLE,AGENT,COMPUTE,2026-10,458623.94,458623.94,500000.00,9742.10,6195.81\n",
                "channel,RECEIVABLE,AGENT,SECURITY,2026-10,172193.69,172193.69,500000.00,3751.56,2666.56\n",
                "customer-share,PAYABLE,G-HY,SECURITY,2026-10,30000.00,30000.00,100000.00,600.00,-120.00\n");
        assertThat(file("2026-09", "rebates.csv")).contains(
                "channel,RECEIVABLE,AGENT,NETWORK,2026-09,148815.54,148815.54,500000.00,3101.21,3101.21\n");
        assertThat(file("2026-10", "reconciliation.csv")).as("R12.3: the vendor's statement matches")
                .isEqualTo("check,key,expected,actual,difference,status\n");
        assertThat(file("2026-10", "invoice-lines.csv")).contains("INV-2026-10-1388000000002001,1388000000002001,"
                + "REBATE-customer-share-2026-09,REBATE_CREDIT,,,,-3256.00,0,0.00,-3256.00,CNY\n");
        assertThat(file("2026-08", "payouts.csv").lines()).hasSize(1);
        assertThat(file("2026-09", "payouts.csv")).contains(
                "PO-2026-09-AMBASSADOR-AMB1,AMBASSADOR,AMB1,周敏,ALIPAY 2088 1000 0000 0001,600.00,0.00,600.00,CNY,1,PAY\n",
                "PO-2026-09-GROUP-G-LX,GROUP,G-LX,联信控股集团有限公司,ICBC 1202 0200 0900 0010 01,314.00,0.00,314.00,CNY,1,PAY\n");
        assertThat(file("2026-10", "payouts.csv").lines().skip(1).map(l -> l.replaceAll(",[^,]*,[^,]*,([-0-9.]+,[-0-9.]+,[-0-9.]+)", ",$1")))
                .containsExactly("PO-2026-10-AMBASSADOR-AMB1,AMBASSADOR,AMB1,1300.00,100.00,1200.00,CNY,2,PAY",
                        "PO-2026-10-AMBASSADOR-AMB2,AMBASSADOR,AMB2,2500.00,0.00,2500.00,CNY,3,PAY",
                        "PO-2026-10-GROUP-G-LX,GROUP,G-LX,310.60,0.00,310.60,CNY,1,PAY");
        assertThat(file("2026-10", "payout-items.csv")).contains(
                "PO-2026-10-AMBASSADOR-AMB2,AMBASSADOR,AMB2,RETRY,PO-2026-09-AMBASSADOR-AMB2,2026-10,1500.00,PAID\n",
                "PO-2026-10-AMBASSADOR-AMB2,AMBASSADOR,AMB2,CLAWBACK,CLAWBACK-22608000000000101-BR20261000002,2026-10,-500.00,PAID\n",
                "PO-2026-10-GROUP-G-LX,GROUP,G-LX,REBATE_STAGE,REBATE-customer-share-2026-09-S1,2026-10,310.60,PAID\n");
        assertThat(file("2026-10", "commissions.csv")).contains(
                "22609000000002601,1388000000005010,AMB2,2026-09-08T09:15:00,8000.00,2000.00,DUE,1500.00,2026-10-08\n",
                "22608000000000101,1388000000005011,AMB2,2026-08-06T14:20:00,6000.00,2000.00,DUE,1000.00,2026-09-05\n");
    }
}
