package io.resettle.rebate;

import static org.assertj.core.api.Assertions.assertThat;

import io.resettle.cli.ResettleCommandLine;
import io.resettle.support.Cli;
import io.resettle.support.DataSets;
import io.resettle.support.Sql;
import io.resettle.support.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rebate steps of the settle job end to end on PostgreSQL: examples.md E4 and a restart mid-walk (R7.3, R11.4). */
class RebateJobIT {

    static final String E4_SLICES = """
            program,scope_id,line_id,category,tier_from,amount,rate,rebate
            channel,AGENT,L1,COMPUTE,500000.00,50000.000000,0.04,2000.000000
            channel,AGENT,L1,COMPUTE,2000000.00,30000.000000,0.06,1800.000000
            channel,AGENT,L2,SECURITY,2000000.00,10000.000000,0.1,1000.000000
            channel,AGENT,L3,COMPUTE,500000.00,-10000.000000,0.04,-400.000000
            channel,AGENT,L3,COMPUTE,2000000.00,-40000.000000,0.06,-2400.000000
            """;

    @TempDir
    Path work;

    @Test
    void e4_graduatedTierCrossing() {
        Path data = DataSets.copy("e4", work.resolve("data"));
        Path out = work.resolve("out");
        Cli cli = new Cli(TestDatabases.newPostgres());
        assertThat(cli.run("demo", "--data", data.toString(), "--out", out.toString())).isZero();

        assertThat(DataSets.read(out.resolve("2026-09/r1/rebates.csv"))).isEqualTo("""
                program,direction,scope_id,category,period,ytd_volume,ytd_weighted_volume,tier_from,ytd_rebate,accrual
                channel,RECEIVABLE,AGENT,COMPUTE,2026-09,1950000.00,1950000.00,500000.00,58000.00,58000.00
                """);
        assertThat(DataSets.read(out.resolve("2026-10/r1/rebate-slices.csv"))).isEqualTo(E4_SLICES);
        assertThat(out.resolve("2026-10/r1/.rebate-slices.csv.parts")).doesNotExist();
        assertThat(DataSets.read(out.resolve("2026-10/r1/rebates.csv"))).isEqualTo("""
                program,direction,scope_id,category,period,ytd_volume,ytd_weighted_volume,tier_from,ytd_rebate,accrual
                channel,RECEIVABLE,AGENT,COMPUTE,2026-10,1980000.00,1980000.00,500000.00,59000.00,1000.00
                channel,RECEIVABLE,AGENT,SECURITY,2026-10,10000.00,10000.00,500000.00,1000.00,1000.00
                """);
        assertThat(DataSets.read(out.resolve("2026-10/r1/manifest.json"))).contains("\"file\": \"rebate-slices.csv\"");
    }

    @Test
    void aRestartInTheMiddleOfTheGraduatedWalkGivesTheSameSlices_R11_4() throws Exception {
        Path data = DataSets.copy("e4", work.resolve("data"));
        Path out = work.resolve("out");
        Cli cli = new Cli(TestDatabases.newPostgres());
        for (String period : new String[] {"2026-09", "2026-10"}) {
            assertThat(cli.run("ingest", "--period", period, "--data", data.toString(), "--out", out.toString())).isZero();
        }
        assertThat(cli.run("settle", "--period", "2026-09", "--out", out.toString())).isZero();

        // One line per chunk; the chunk of the third line of the walk (L2) fails after L1 was walked and committed.
        Map<String, Object> faults = Map.of("resettle.rebates.chunk-size", "1", "resettle.fault.fail-at-row", "3",
                "resettle.fault.file", "rebate-slices.csv");
        assertThat(cli.run(faults, "settle", "--period", "2026-10", "--out", out.toString()))
                .isEqualTo(ResettleCommandLine.FAILED);
        // The lines before L2 were committed: L1's two slices are in the parts' journal, one block
        // (part number, length, rows), and nothing of the failed chunk after it.
        byte[] journal = Files.readAllBytes(out.resolve("2026-10/r1/.rebate-slices.csv.parts/journal"));
        java.nio.ByteBuffer head = java.nio.ByteBuffer.wrap(journal, 0, 8);
        assertThat(head.getInt()).isEqualTo(1);
        assertThat(head.getInt()).isEqualTo(journal.length - 8);
        assertThat(new String(journal, 8, journal.length - 8, java.nio.charset.StandardCharsets.UTF_8).lines())
                .hasSize(2).allMatch(row -> row.startsWith("channel,AGENT,L1,"));
        assertThat(out.resolve("2026-10/r1/rebate-slices.csv")).doesNotExist();
        String executionId = Sql.value(cli.databaseUrl(),
                "SELECT job_execution_id FROM batch_job_execution WHERE status = 'FAILED'");
        assertThat(cli.run(Map.of("resettle.rebates.chunk-size", "1"), "restart", "--execution", executionId)).isZero();

        assertThat(DataSets.read(out.resolve("2026-10/r1/rebate-slices.csv"))).isEqualTo(E4_SLICES);
        assertThat(out.resolve("2026-10/r1/.rebate-slices.csv.parts")).doesNotExist();
        assertThat(Files.readString(out.resolve("2026-10/r1/rebates.csv")))
                .contains("channel,RECEIVABLE,AGENT,COMPUTE,2026-10,1980000.00,1980000.00,500000.00,59000.00,1000.00\n");
    }
}
