package io.resettle.ingest.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resettle.cli.ResettleCommandLine;
import io.resettle.support.Cli;
import io.resettle.support.DataSets;
import io.resettle.support.Sql;
import io.resettle.support.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * billing_line on PostgreSQL has a partition a period (V48): the migration moves the lines a
 * database already holds into one partition per period, and an ingest of a new period creates
 * its partition with the table's two indexes, the key led by the line id (V49) and the index by
 * sub-account.
 */
class BillingLinePartitionsIT {

    private static final String LINE = """
            INSERT INTO billing_line (period, line_id, sub_account_id, category, billing_method, charge_type,
                                      payable_amount, paid_amount, currency, paid, file, row_no)
            VALUES (?, ?, 'A', 'COMPUTE', 'PREPAID', 'NEW', 10.5, 10.5, 'CNY', TRUE, 'exports/bill.csv', ?)""";

    private static final List<String> KEY_2026_10 = List.of(
            "CREATE UNIQUE INDEX billing_line_2026_10_pkey ON public.billing_line_2026_10 USING btree (line_id, period)");
    private static final List<String> SUB_ACCOUNT_2026_10 = List.of("CREATE INDEX billing_line_2026_10_sub_account_id_period_idx"
            + " ON public.billing_line_2026_10 USING btree (sub_account_id, period)");

    @TempDir
    Path work;

    @Test
    void theMigrationMovesEachPeriodsLinesIntoItsOwnPartition() {
        String url = TestDatabases.newPostgres();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(url);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/common", "classpath:db/migration/postgresql")
                .target("47").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.update(LINE, "2026-09", "L1", 1);
        jdbc.update(LINE, "2026-10", "L1", 1);
        jdbc.update(LINE, "2026-10", "L2", 2);

        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/common", "classpath:db/migration/postgresql")
                .load().migrate();

        assertThat(Sql.rows(url, "SELECT tableoid::regclass, period, line_id, payable_amount FROM billing_line ORDER BY 2, 3"))
                .containsExactly(List.of("billing_line_2026_09", "2026-09", "L1", "10.5"),
                        List.of("billing_line_2026_10", "2026-10", "L1", "10.5"),
                        List.of("billing_line_2026_10", "2026-10", "L2", "10.5"));
        assertThat(partitionIndexes(url, "billing_line_2026_10")).containsExactly(SUB_ACCOUNT_2026_10, KEY_2026_10);
        assertThat(Sql.value(url, "SELECT collation_name FROM information_schema.columns"
                + " WHERE table_name = 'billing_line_2026_09' AND column_name = 'line_id'")).as("V50 over a partition").isEqualTo("C");
        assertThatThrownBy(() -> jdbc.update(LINE, "2026-10", "L2", 3)).isInstanceOf(DuplicateKeyException.class);
        assertThat(Sql.value(url, "SELECT COUNT(*) FROM pg_class WHERE relname = 'billing_line_unpartitioned'")).isEqualTo("0");
        assertThat(Sql.value(url, "SELECT COUNT(*) > 0 FROM pg_stats WHERE tablename = 'billing_line' AND inherited"))
                .as("analysed: autovacuum never analyses a partitioned table").isEqualTo("true");
    }

    @Test
    void anIngestOfANewPeriodAttachesItsPartitionWithTheIndexes() {
        String url = TestDatabases.newPostgres();
        Path data = DataSets.copy("basic", work.resolve("data"));
        Cli cli = new Cli(url);
        assertThat(cli.run("ingest", "--period", "2026-10", "--data", data.toString(), "--out",
                work.resolve("out").toString())).isZero();

        assertThat(Sql.value(url, "SELECT COUNT(*) FROM billing_line_2026_10"))
                .isEqualTo(Sql.value(url, "SELECT COUNT(*) FROM billing_line WHERE period = '2026-10'")).isNotEqualTo("0");
        assertThat(Sql.value(url, "SELECT COUNT(*) FROM pg_inherits WHERE inhparent = 'billing_line'::regclass")).isEqualTo("1");
        assertThat(partitionIndexes(url, "billing_line_2026_10")).containsExactly(SUB_ACCOUNT_2026_10, KEY_2026_10);
        assertThat(Sql.value(url, "SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'billing_line_2026_10'"))
                .isEqualTo("true");
        // the whole table's statistics too, which the queries over several periods plan with
        assertThat(Sql.value(url, "SELECT COUNT(*) > 0 FROM pg_stats WHERE tablename = 'billing_line' AND inherited"))
                .isEqualTo("true");
        // line ids and sub-account ids compared byte for byte in every table, the new partition included (V50)
        List<List<String>> identifiers = Sql.rows(url, """
                SELECT table_name, column_name, collation_name FROM information_schema.columns
                WHERE table_schema = 'public' AND column_name IN ('line_id', 'related_line_id', 'sub_account_id')
                ORDER BY 1, 2""");
        assertThat(identifiers).hasSize(18).allSatisfy(column -> assertThat(column.get(2)).as(column.toString()).isEqualTo("C"))
                .contains(List.of("billing_line_2026_10", "line_id", "C"), List.of("billing_line_2026_10", "sub_account_id", "C"));
    }

    /**
     * V50 changes the order line ids compare in: on a database whose collation is not byte order, a
     * settle run left unfinished would resume over other lines, so the migration refuses while one is
     * (naming it), and goes ahead once it is abandoned, or at once on a database in C.
     */
    @Test
    void anUnfinishedSettleRunHoldsBackTheIdentifiersOrder() {
        String url = TestDatabases.newPostgres();
        JdbcTemplate jdbc = withUnfinishedSettleRun(url);

        assertThatThrownBy(() -> migrate(url, null)).rootCause().hasMessageContaining(
                "settle run(s) 7 (FAILED) unfinished: finish them (resettle restart --execution ID) or abandon them");
        assertThat(lineIdCollation(url)).isEqualTo("the default");
        jdbc.update("UPDATE batch_job_execution SET status = 'ABANDONED' WHERE job_execution_id = 7");
        migrate(url, null);
        assertThat(lineIdCollation(url)).isEqualTo("C");

        String inC = TestDatabases.newPostgres("TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'");
        withUnfinishedSettleRun(inC);
        migrate(inC, null);
        assertThat(lineIdCollation(inC)).isEqualTo("C");
    }

    private static JdbcTemplate withUnfinishedSettleRun(String url) {
        migrate(url, "49");
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url));
        jdbc.update("INSERT INTO batch_job_instance (job_instance_id, version, job_name, job_key) VALUES (3, 0, 'settle', 'k')");
        jdbc.update("INSERT INTO batch_job_execution (job_execution_id, version, job_instance_id, create_time, status)"
                + " VALUES (6, 0, 3, now(), 'FAILED'), (7, 0, 3, now(), 'FAILED')");
        return jdbc;
    }

    private static void migrate(String url, String target) {
        var flyway = Flyway.configure().dataSource(new DriverManagerDataSource(url))
                .locations("classpath:db/migration/common", "classpath:db/migration/postgresql");
        (target == null ? flyway : flyway.target(target)).load().migrate();
    }

    private static String lineIdCollation(String url) {
        return Sql.value(url, "SELECT COALESCE(collation_name, 'the default') FROM information_schema.columns"
                + " WHERE table_name = 'billing_line' AND column_name = 'line_id'");
    }

    /**
     * The whole table's statistics are refreshed by autovacuum's rule (more rows since the last
     * ANALYZE than 50 + 10 % of the rows then, the server's defaults): a period of 200 lines after a
     * history of 10,000 leaves them, after a history of one line refreshes them, and so does the period
     * ingested again with 1,500. The period's partition is analysed either way.
     */
    @Test
    void aNewPeriodRefreshesTheWholeTablesStatisticsOnlyWhenTheyAreOutOfDate() {
        Path data = work.resolve("generated");
        assertThat(ResettleCommandLine.run(new String[] {"generate", "--lines", "200", "--period", "2026-10", "--out",
                data.toString()}, Map.of())).isZero();
        String longHistory = databaseWithHistory(10_000);
        boolean defaults = "50".equals(Sql.value(longHistory, "SELECT current_setting('autovacuum_analyze_threshold')"))
                && "0.1".equals(Sql.value(longHistory, "SELECT current_setting('autovacuum_analyze_scale_factor')"));
        if (System.getenv("CI") != null && !defaults) {
            throw new IllegalStateException("CI's PostgreSQL must keep autovacuum_analyze_threshold 50 and scale factor 0.1");
        }
        Assumptions.assumeTrue(defaults, "the figures below follow PostgreSQL's default autovacuum_analyze_threshold (50)"
                + " and autovacuum_analyze_scale_factor (0.1); this server has others. CI's has the defaults");
        String shortHistory = databaseWithHistory(1);
        for (String url : List.of(longHistory, shortHistory)) {
            assertThat(new Cli(url).run("ingest", "--period", "2026-10", "--data", data.toString(), "--out",
                    work.resolve("out-" + url.hashCode()).toString())).isZero();
            assertThat(Sql.value(url, "SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'billing_line_2026_10'"))
                    .isEqualTo("true");
            assertThat(Sql.value(url, "SELECT COUNT(*) FROM billing_line_2026_10")).isEqualTo("200");
        }
        assertThat(wholeTableRows(longHistory)).isEqualTo("10000");
        assertThat(wholeTableRows(shortHistory)).isEqualTo("201");

        // The period ingested again with 1,500 lines: 1,300 added since, more than 50 + 10 % of 10,000.
        Path grown = work.resolve("grown");
        assertThat(ResettleCommandLine.run(new String[] {"generate", "--lines", "1500", "--period", "2026-10", "--out",
                grown.toString()}, Map.of())).isZero();
        assertThat(new Cli(longHistory).run("ingest", "--period", "2026-10", "--data", grown.toString(), "--out",
                work.resolve("out-grown").toString())).isZero();
        assertThat(Sql.value(longHistory, "SELECT COUNT(*) FROM billing_line_2026_10")).isEqualTo("1500");
        assertThat(wholeTableRows(longHistory)).isEqualTo("11500");
    }

    /** A migrated database whose 2026-09 holds {@code lines} lines, the whole table analysed. */
    private static String databaseWithHistory(int lines) {
        String url = TestDatabases.newPostgres();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(url);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/common", "classpath:db/migration/postgresql")
                .load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE billing_line_2026_09 PARTITION OF billing_line FOR VALUES IN ('2026-09')");
        jdbc.update("""
                INSERT INTO billing_line (period, line_id, sub_account_id, category, billing_method, charge_type,
                                          payable_amount, paid_amount, currency, paid, file, row_no)
                SELECT '2026-09', 'L' || n, 'A', 'COMPUTE', 'PREPAID', 'NEW', 10.5, 10.5, 'CNY', TRUE, 'exports/bill.csv', n
                FROM generate_series(1, ?) n""", lines);
        jdbc.execute("ANALYZE billing_line");
        assertThat(wholeTableRows(url)).isEqualTo(String.valueOf(lines));
        return url;
    }

    /** The rows the whole table's own statistics were taken over. */
    private static String wholeTableRows(String url) {
        return Sql.value(url, "SELECT reltuples::bigint FROM pg_class WHERE oid = 'billing_line'::regclass");
    }

    private static List<List<String>> partitionIndexes(String url, String partition) {
        return Sql.rows(url, "SELECT indexdef FROM pg_indexes WHERE tablename = '" + partition + "' ORDER BY 1");
    }
}
