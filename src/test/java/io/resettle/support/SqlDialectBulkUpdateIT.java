package io.resettle.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link SqlDialect#bulkUpdate} sets the values of the rows found by their keys and no others, on
 * both databases, twice in one transaction, and a rollback undoes it.
 */
class SqlDialectBulkUpdateIT {

    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void setsTheRowsFoundByTheirKeys(String database) throws Exception {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                database.equals("h2") ? TestDatabases.newH2(work) : TestDatabases.newPostgres());
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE statement (period VARCHAR(7) NOT NULL, revision INT NOT NULL, group_id VARCHAR(100)"
                + " NOT NULL, credit_total NUMERIC(20,2), status VARCHAR(16), PRIMARY KEY (period, revision, group_id))");
        jdbc.execute("INSERT INTO statement (period, revision, group_id) VALUES ('2026-10', 1, 'G1'), ('2026-10', 1, 'G2'),"
                + " ('2026-10', 2, 'G1'), ('2026-09', 1, 'G1')");
        SqlDialect dialect = new SqlDialect(dataSource);
        TransactionTemplate transaction = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        List<String> keys = List.of("period", "revision", "group_id");
        List<String> values = List.of("credit_total", "status");

        transaction.executeWithoutResult(status -> {
            dialect.bulkUpdate("statement", keys, values, List.of(
                    new Object[] {new BigDecimal("1200.50"), "OK", "2026-10", 1, "G1"},
                    new Object[] {new BigDecimal("99.99"), "OVER_LIMIT", "2026-10", 1, "G9"}));
            dialect.bulkUpdate("statement", keys, values, List.of(
                    new Object[] {null, "OK", "2026-10", 1, "G2"},
                    new Object[] {new BigDecimal("7"), "OVER_LIMIT", "2026-10", 2, "G1"}));
        });
        transaction.executeWithoutResult(status -> {
            dialect.bulkUpdate("statement", keys, values, List.<Object[]>of(new Object[] {BigDecimal.ONE, "LOST", "2026-09", 1, "G1"}));
            status.setRollbackOnly();
        });

        assertThat(jdbc.queryForList("SELECT period || '/' || revision || '/' || group_id || ' ' || COALESCE(CAST(credit_total"
                + " AS VARCHAR(30)), '-') || ' ' || COALESCE(status, '-') FROM statement ORDER BY period, revision, group_id",
                String.class)).containsExactly("2026-09/1/G1 - -", "2026-10/1/G1 1200.50 OK", "2026-10/1/G2 - OK",
                        "2026-10/2/G1 7.00 OVER_LIMIT");
    }
}
