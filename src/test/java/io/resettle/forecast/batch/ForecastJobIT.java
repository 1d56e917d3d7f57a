package io.resettle.forecast.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.resettle.support.Cli;
import io.resettle.support.DataSets;
import io.resettle.support.Sql;
import io.resettle.support.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code resettle forecast} end to end on PostgreSQL (issue 4 item 6): data set {@code forecast}. */
class ForecastJobIT {

    @TempDir
    Path work;

    @Test
    void nextTierEdgesOfTheDiscountTableAndTheProgram() {
        Path data = DataSets.copy("forecast", work.resolve("data"));
        Path out = work.resolve("out");
        Cli cli = new Cli(TestDatabases.newPostgres());
        for (String period : new String[] {"2026-09", "2026-10"}) {
            assertThat(cli.run("ingest", "--period", period, "--data", data.toString(), "--out", out.toString())).isZero();
        }
        String expected = """
                period,kind,program_or_table,scope,volume,tier_from,next_tier_from,needed,worth
                2026-10,DISCOUNT_TABLE,standard,G1,40000.00,0.00,50000.00,10000.00,2300.00
                2026-10,PROGRAM,channel,AGENT,1990000.00,500000.00,2000000.00,10000.00,39900.00
                """;
        assertThat(cli.run("forecast", "--period", "2026-10", "--out", out.toString())).isZero();
        assertThat(DataSets.read(out.resolve("2026-10/forecast.csv"))).isEqualTo(expected);

        // Nightly: a second run is a new job instance and replaces the period's rows.
        assertThat(cli.run("forecast", "--period", "2026-10", "--out", out.toString())).isZero();
        assertThat(DataSets.read(out.resolve("2026-10/forecast.csv"))).isEqualTo(expected);
        assertThat(Sql.value(cli.databaseUrl(), "SELECT COUNT(*) FROM forecast WHERE period = '2026-10'")).isEqualTo("2");
        assertThat(Sql.value(cli.databaseUrl(), "SELECT COUNT(DISTINCT job_instance_id) FROM batch_job_execution e"
                + " JOIN batch_job_instance i USING (job_instance_id) WHERE i.job_name = 'forecast'")).isEqualTo("2");
    }

    @Test
    void aPeriodAtTheTopTierHasNoNextEdge() {
        Path data = DataSets.copy("forecast", work.resolve("data"));
        Path out = work.resolve("out");
        Cli cli = new Cli(TestDatabases.newPostgres());
        assertThat(cli.run("ingest", "--period", "2026-09", "--data", data.toString(), "--out", out.toString())).isZero();
        assertThat(cli.run("forecast", "--period", "2026-09", "--out", out.toString())).isZero();
        assertThat(DataSets.read(out.resolve("2026-09/forecast.csv"))).isEqualTo("""
                period,kind,program_or_table,scope,volume,tier_from,next_tier_from,needed,worth
                2026-09,DISCOUNT_TABLE,standard,G1,1950000.00,1000000.00,,,
                2026-09,PROGRAM,channel,AGENT,1950000.00,500000.00,2000000.00,50000.00,39000.00
                """);
    }
}
