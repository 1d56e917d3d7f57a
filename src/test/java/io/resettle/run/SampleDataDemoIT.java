package io.resettle.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.resettle.support.Cli;
import io.resettle.support.DataSets;
import io.resettle.support.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code resettle demo} over sample-data: the figures its README promises. */
class SampleDataDemoIT {

    @TempDir
    Path out;

    @Test
    void demoIngestsAndSettlesEverySamplePeriod() {
        Cli cli = new Cli(TestDatabases.newPostgres());
        assertThat(cli.run("demo", "--data", "sample-data", "--out", out.toString())).isZero();

        assertThat(DataSets.read(out.resolve("2026-08/ingest/rejects.csv")).lines().skip(1)
                .map(line -> String.join(",", java.util.Arrays.asList(line.split(",")).subList(0, 3))).toList())
                .containsExactly(
                        "exports/2026-08/bill-2026-08.csv,22,BAD_NUMBER",
                        "exports/2026-08/bill-2026-08.csv,36,BAD_DATE",
                        "exports/2026-08/bill-2026-08.csv,80,UNKNOWN_SUB_ACCOUNT",
                        "exports/2026-08/console-2026-08.csv,1,NOT_ASSOCIATED_IN_PERIOD");
        assertThat(DataSets.read(out.resolve("2026-08/ingest/files.csv")))
                .contains(",alibaba-bill,UTF-8,80,77,3,ACCEPTED,332513.32\n")
                .contains(",alibaba-console,GB18030,25,24,1,ACCEPTED,18750.03\n");
        assertThat(DataSets.read(out.resolve("2026-09/ingest/files.csv")))
                .contains(",alibaba-bill,UTF-8,56,56,0,ACCEPTED,247154.79\n")
                .contains(",alibaba-console,UTF-8-BOM,52,52,0,ACCEPTED,164396.89\n")
                .contains("z-correction.csv,").contains(",1,1,0,ACCEPTED,15800.00\n");
        assertThat(DataSets.read(out.resolve("2026-10/ingest/files.csv")))
                .contains(",alibaba-bill,UTF-8,6,6,0,ACCEPTED,-514.79\n")
                .contains(",alibaba-console,UTF-8,46,46,0,ACCEPTED,107989.39\n")
                .contains(",focus,UTF-8,51,51,0,ACCEPTED,223909.91\n");
        for (String period : new String[] {"2026-09", "2026-10"}) {
            assertThat(DataSets.read(out.resolve(period + "/ingest/rejects.csv"))).isEqualTo("file,row,reason,raw\n");
        }

        // Settlement figures of sample-data/README.md.
        assertThat(DataSets.read(out.resolve("2026-09/r1/group-statements.csv"))).contains(
                "G-LX,2026-09,229661.99,200000.00,183997.97,250000.00,OK\n",
                "G-HY,2026-09,134273.62,50000.00,128891.92,100000.00,OVER_LIMIT\n",
                "G-QM,2026-09,21523.27,0.00,0.00,0.00,OK\n");
        assertThat(DataSets.read(out.resolve("2026-10/r1/group-statements.csv"))).contains(
                "G-LX,2026-10,232095.12,200000.00,186097.44,250000.00,OK\n",
                "G-HY,2026-10,85086.40,,67951.22,100000.00,OK\n");
        assertThat(DataSets.read(out.resolve("2026-09/r1/invoice-lines.csv")).lines().filter(l -> l.contains("K-HY-2026")))
                .containsExactly(
                        "INV-2026-09-1388000000002001,1388000000002001,CLAWBACK-K-HY-2026,CLAWBACK,,,,4121.04,0,0.00,4121.04,CNY",
                        "INV-2026-09-1388000000002001,1388000000002001,PENALTY-K-HY-2026,PENALTY,,,,13437.51,0,0.00,13437.51,CNY",
                        "INV-2026-09-1388000000002002,1388000000002002,CLAWBACK-K-HY-2026,CLAWBACK,,,,4403.82,0,0.00,4403.82,CNY",
                        "INV-2026-09-1388000000002003,1388000000002003,CLAWBACK-K-HY-2026,CLAWBACK,,,,796.44,0,0.00,796.44,CNY");
        assertThat(DataSets.read(out.resolve("2026-10/r1/invoice-lines.csv"))).as("R4.4: the refund keeps its August rate")
                .contains("INV-2026-10-1388000000002002,1388000000002002,BR20261000001,CHARGE,waf,SECURITY,REFUND,"
                        + "-6000.00,0.08,-480.00,-5520.00,CNY\n");
        assertThat(DataSets.read(out.resolve("2026-09/r1/prepaid-balances.csv")))
                .contains("1388000000003002,2026-09,1725.62,5000.00,11983.80,-5258.18,TOP_UP_REQUIRED\n");
        assertThat(DataSets.read(out.resolve("2026-10/r1/prepaid-balances.csv")))
                .contains("1388000000001005,2026-10,8450.54,20000.00,20965.31,7485.23,OK\n",
                        "1388000000003002,2026-10,-5258.18,15000.00,7237.34,2504.48,OK\n");
        assertThat(DataSets.read(out.resolve("2026-09/r1/reconciliation.csv")))
                .contains("vendor_statement_total,1388000000002002,48620.44,48434.04,-186.40,BREAK\n");
        assertThat(DataSets.read(out.resolve("2026-08/r1/reconciliation.csv")).lines().filter(l -> l.endsWith(",BREAK")))
                .isEmpty();
        assertThat(DataSets.read(out.resolve("2026-10/r1/reconciliation.csv")).lines().filter(l -> l.endsWith(",BREAK")))
                .isEmpty();
    }
}
