package io.resettle.ingest.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.resettle.cli.ResettleCommandLine;
import io.resettle.support.Cli;
import io.resettle.support.Sql;
import io.resettle.support.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * staged_line on PostgreSQL is found by a block-range index on (period, file), not a key (V50), and
 * the ranges are summarised before a file's rows are deleted, so that each delete reads the ranges
 * that hold the file instead of every range staged since autovacuum last summarised them.
 */
class StagedLineBlockRangesIT {

    @TempDir
    Path work;

    @Test
    void stagedRowsHaveTheBlockRangeIndexAndNoKey() {
        String url = TestDatabases.newPostgres();
        assertThat(new Cli(url).run("ingest", "--period", "2026-10", "--data", generated(10).toString(), "--out",
                work.resolve("out").toString())).isZero();

        assertThat(Sql.rows(url, "SELECT indexdef FROM pg_indexes WHERE tablename = 'staged_line'")).containsExactly(
                List.of("CREATE INDEX staged_line_by_period_file ON public.staged_line USING brin (period, file)"
                        + " WITH (autosummarize='on')"));
        assertThat(Sql.value(url, "SELECT COUNT(*) FROM pg_constraint WHERE conrelid = 'staged_line'::regclass"
                + " AND contype = 'p'")).isEqualTo("0");
    }

    /**
     * 30,000 lines in two files (about seven block ranges), autovacuum kept away from staged_line so
     * that only the ingest can summarise: after one file is removed, its rows are gone, the other's
     * counted as before, and no range is left unsummarised.
     */
    @Test
    void aFileRemovedIsDeletedAfterTheRangesAreSummarised_R2_7() throws Exception {
        String url = TestDatabases.newPostgres();
        Path data = generated(30_000);
        Path bill = data.resolve("exports/2026-10/bill-001.csv");
        List<String> lines = Files.readAllLines(bill);
        String header = lines.get(0);
        int half = lines.size() / 2;
        Files.write(bill, lines.subList(0, half));
        Path second = bill.resolveSibling("bill-002.csv");
        Files.write(second, concat(header, lines.subList(half, lines.size())));
        Cli cli = new Cli(url);
        String[] ingest = {"ingest", "--period", "2026-10", "--data", data.toString(), "--out", work.resolve("out").toString()};
        DriverManagerDataSource dataSource = new DriverManagerDataSource(url);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/common", "classpath:db/migration/postgresql")
                .load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("ALTER TABLE staged_line SET (autovacuum_enabled = false)");
        jdbc.execute("ALTER INDEX staged_line_by_period_file SET (autosummarize = off)");

        assertThat(cli.run(ingest)).isZero();
        assertThat(Sql.value(url, "SELECT COUNT(*) FROM staged_line")).isEqualTo("30000");
        assertThat(Sql.value(url, "SELECT accepted FROM ingest_file WHERE file = 'exports/2026-10/bill-002.csv'"))
                .isEqualTo(String.valueOf(lines.size() - half));
        Files.delete(second);

        assertThat(cli.run(ingest)).isZero();
        assertThat(Sql.value(url, "SELECT COUNT(*) FROM staged_line")).isEqualTo(String.valueOf(half - 1));
        assertThat(Sql.value(url, "SELECT COUNT(*) FROM billing_line")).isEqualTo(String.valueOf(half - 1));
        assertThat(Sql.value(url, "SELECT accepted FROM ingest_file WHERE file = 'exports/2026-10/bill-001.csv'"))
                .isEqualTo(String.valueOf(half - 1));
        assertThat(Sql.value(url, "SELECT brin_summarize_new_values('staged_line_by_period_file')"))
                .as("ranges left unsummarised by the ingest that removed the file").isEqualTo("0");
    }

    private Path generated(int lines) {
        Path data = work.resolve("data");
        assertThat(ResettleCommandLine.run(new String[] {"generate", "--lines", String.valueOf(lines), "--out",
                data.toString()}, Map.of())).isZero();
        return data;
    }

    private static List<String> concat(String header, List<String> rows) {
        List<String> all = new ArrayList<>(rows.size() + 1);
        all.add(header);
        all.addAll(rows);
        return all;
    }
}
