package io.resettle.payout.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.resettle.support.Cli;
import io.resettle.support.DataSets;
import io.resettle.support.Sql;
import io.resettle.support.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rebate stages and payout runs of the settle job on PostgreSQL: examples.md E5 (data set {@code e5}). */
class StagedPayoutJobIT {

    static final String REBATES_HEADER =
            "program,direction,scope_id,category,period,ytd_volume,ytd_weighted_volume,tier_from,ytd_rebate,accrual\n";
    static final String ITEMS_HEADER = "payout_id,payee_type,payee_id,item_type,reference,due_period,amount,status\n";
    static final String PAYOUTS_HEADER = "payout_id,payee_type,payee_id,payee_name,payout_account,gross,tax_withheld,"
            + "net,currency,item_count,status\n";

    @TempDir
    Path work;

    @Test
    void e5_retroactiveTiersStagedPayoutClawback() {
        Path data = DataSets.copy("e5", work.resolve("data"));
        Path out = work.resolve("out");
        Cli cli = new Cli(TestDatabases.newPostgres());
        assertThat(cli.run("demo", "--data", data.toString(), "--out", out.toString())).isZero();

        assertThat(DataSets.read(out.resolve("2026-01/r1/rebates.csv"))).isEqualTo(REBATES_HEADER
                + "customer-share,PAYABLE,G1,COMPUTE,2026-01,60000.00,60000.00,,0.00,0.00\n");
        assertThat(DataSets.read(out.resolve("2026-02/r1/rebates.csv"))).isEqualTo(REBATES_HEADER
                + "customer-share,PAYABLE,G1,COMPUTE,2026-02,110000.00,110000.00,100000.00,2200.00,2200.00\n");
        assertThat(DataSets.read(out.resolve("2026-02/r1/payout-items.csv"))).isEqualTo(ITEMS_HEADER);
        assertThat(Sql.value(cli.databaseUrl(), "SELECT STRING_AGG(stage_index || ':' || amount || ':' || due_period"
                + " || ':' || stage_condition, ' ' ORDER BY stage_index) FROM rebate_stage WHERE period = '2026-02'"))
                .isEqualTo("1:220.00:2026-03:NONE 2:1980.00:2027-02:RENEWED");

        assertThat(DataSets.read(out.resolve("2026-03/r1/rebates.csv"))).isEqualTo(REBATES_HEADER
                + "customer-share,PAYABLE,G1,COMPUTE,2026-03,90000.00,90000.00,,0.00,-2200.00\n");
        // The stage due 2027-02 drops to 0; the March run nets the 220.00 stage against the −220.00 clawback.
        assertThat(Sql.value(cli.databaseUrl(), "SELECT STRING_AGG(stage_index || ':' || amount, ' ')"
                + " FROM rebate_stage WHERE period = '2026-03'")).isEqualTo("2:0.00");
        assertThat(DataSets.read(out.resolve("2026-03/r1/payout-items.csv"))).isEqualTo(ITEMS_HEADER
                + "PO-2026-03-GROUP-G1,GROUP,G1,CLAWBACK,REBATE-customer-share-2026-03-CLAWBACK,2026-03,-220.00,CARRIED\n"
                + "PO-2026-03-GROUP-G1,GROUP,G1,REBATE_STAGE,REBATE-customer-share-2026-02-S1,2026-03,220.00,CARRIED\n");
        assertThat(DataSets.read(out.resolve("2026-03/r1/payouts.csv"))).isEqualTo(PAYOUTS_HEADER);
    }
}
