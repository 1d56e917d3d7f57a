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
    void demoIngestsEverySamplePeriod() {
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
                .contains(",alibaba-bill,UTF-8,55,55,0,ACCEPTED,247154.79\n")
                .contains(",alibaba-console,UTF-8-BOM,52,52,0,ACCEPTED,164396.89\n")
                .contains("z-correction.csv,").contains(",1,1,0,ACCEPTED,15800.00\n");
        assertThat(DataSets.read(out.resolve("2026-10/ingest/files.csv")))
                .contains(",alibaba-bill,UTF-8,6,6,0,ACCEPTED,-514.79\n")
                .contains(",alibaba-console,UTF-8,46,46,0,ACCEPTED,107989.39\n")
                .contains(",focus,UTF-8,51,51,0,ACCEPTED,223909.91\n");
        for (String period : new String[] {"2026-09", "2026-10"}) {
            assertThat(DataSets.read(out.resolve(period + "/ingest/rejects.csv"))).isEqualTo("file,row,reason,raw\n");
        }
    }
}
