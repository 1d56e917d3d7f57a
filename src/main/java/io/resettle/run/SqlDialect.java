package io.resettle.run;

import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The SQL that differs between PostgreSQL and H2; everything else is written once. */
@Component
public class SqlDialect {

    private final JdbcTemplate jdbc;
    private final boolean postgres;

    public SqlDialect(DataSource dataSource) throws java.sql.SQLException {
        this.jdbc = new JdbcTemplate(dataSource);
        try (var connection = dataSource.getConnection()) {
            this.postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        }
    }

    public boolean isPostgres() {
        return postgres;
    }

    /**
     * A text column to sort by in code-point order, the same on every database and locale (output
     * files must be byte-identical wherever they are produced).
     */
    public String ordered(String column) {
        return postgres ? column + " COLLATE \"C\"" : column;
    }

    /**
     * Refreshes the planner's statistics after a bulk load. PostgreSQL's autovacuum comes too late
     * for the queries of the same run, which then plan for empty tables (minutes instead of
     * milliseconds on a large period).
     */
    public void analyze(String... tables) {
        if (postgres) {
            for (String table : tables) {
                jdbc.execute("ANALYZE " + table);
            }
        }
    }

    public long nextValue(String sequence) {
        String sql = postgres ? "SELECT nextval('" + sequence + "')" : "SELECT NEXT VALUE FOR " + sequence;
        return jdbc.queryForObject(sql, Long.class);
    }
}
