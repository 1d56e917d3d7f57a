package io.resettle.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

/** The SQL that differs between PostgreSQL and H2; everything else is written once. */
@Component
public class SqlDialect {

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final boolean postgres;
    private final boolean codePointOrder;

    public SqlDialect(DataSource dataSource) throws java.sql.SQLException {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        try (var connection = dataSource.getConnection()) {
            this.postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
            this.codePointOrder = postgres && sortsByCodePoint(connection);
        }
    }

    /** PostgreSQL itself compares text of these libc locales byte by byte, as COLLATE "C" does. */
    private static final Set<String> BYTE_ORDER_LOCALES = Set.of("C", "POSIX");
    /** libc's own code-point locales: code-point order on glibc 2.35 on, checked on a probe before it is trusted. */
    private static final Set<String> CODE_POINT_LOCALES = Set.of("C.UTF-8", "C.utf8");
    /** Case, punctuation, digits, accents, CJK and characters at the ends of the BMP and past it. */
    private static final String PROBE = "('b'), ('B'), ('a-b'), ('a_b'), ('ab'), ('a b'), ('A'), ('10'), ('9'), ('é'),"
            + " ('e'), ('Z'), ('代理商'), ('云大使'), ('😀'), ('\uFFFD'), ('\uE000'), ('a'), ('-a'), ('_a')";

    /**
     * Whether the database's default collation already sorts text by code point (for UTF-8 the
     * byte order of COLLATE "C"). PostgreSQL 15 may take the default from ICU instead of libc
     * ({@code datlocprovider}); older servers always use libc. A libc {@code C.UTF-8} is trusted
     * only if it sorts the probe words as COLLATE "C" does.
     */
    private static boolean sortsByCodePoint(Connection connection) throws SQLException {
        String sql = connection.getMetaData().getDatabaseMajorVersion() >= 15
                ? "SELECT datcollate FROM pg_database WHERE datname = current_database() AND datlocprovider = 'c'"
                : "SELECT datcollate FROM pg_database WHERE datname = current_database()";
        String collation;
        try (var statement = connection.createStatement(); var rs = statement.executeQuery(sql)) {
            collation = rs.next() ? rs.getString(1) : null;
        }
        if (collation == null) {
            return false;
        }
        if (BYTE_ORDER_LOCALES.contains(collation)) {
            return true;
        }
        if (!CODE_POINT_LOCALES.contains(collation)) {
            return false;
        }
        try (var statement = connection.createStatement(); var rs = statement.executeQuery(
                "SELECT string_agg(w, '|' ORDER BY w) = string_agg(w, '|' ORDER BY w COLLATE \"C\") FROM (VALUES "
                        + PROBE + ") AS probe (w)")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    public boolean isPostgres() {
        return postgres;
    }

    /**
     * A text column to sort by in code-point order, the same on every database and locale (output
     * files must be byte-identical wherever they are produced). Where the database's own collation
     * is already code-point order the column is left bare, so that PostgreSQL can read an index in
     * order instead of sorting (COLLATE "C" does not match an index of the default collation).
     */
    public String ordered(String column) {
        return postgres && !codePointOrder ? column + " COLLATE \"C\"" : column;
    }

    /** Whether {@link #ordered} can leave columns bare on this PostgreSQL database (see there). */
    public boolean sortsByCodePoint() {
        return codePointOrder;
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

    /**
     * {@link #analyze} on a connection of its own, committed at once. Statistics gathered inside a
     * step's transaction stay invisible to other connections until that transaction commits, so the
     * queries reconcile runs on connections of their own planned the invoices as an empty table
     * (a nested loop: 665 s for 20,000 groups, docs/performance.md). For tables committed before.
     */
    public void analyzeCommitted(String... tables) {
        if (!postgres) {
            return;
        }
        try (Connection connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            for (String table : tables) {
                statement.execute("ANALYZE " + table);
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("ANALYZE " + String.join(", ", tables), e);
        }
    }

    /**
     * Whether a partitioned table's own statistics are out of date: more rows added since its last
     * ANALYZE than {@code autovacuum_analyze_threshold} + {@code autovacuum_analyze_scale_factor} × the
     * rows it had then (the server's settings, which autovacuum applies to every other table, though it
     * counts every row changed where this counts the rows added), the rows counted from its
     * partitions' statistics. Never analysed ({@code reltuples} -1) is out of date.
     */
    private static final String PARTITIONED_STATISTICS_STALE = """
            SELECT p.reltuples < 0 OR COALESCE(SUM(GREATEST(c.reltuples, 0)), 0) - p.reltuples
                   > current_setting('autovacuum_analyze_threshold')::float8
                     + current_setting('autovacuum_analyze_scale_factor')::float8 * p.reltuples
            FROM pg_class p LEFT JOIN pg_inherits i ON i.inhparent = p.oid LEFT JOIN pg_class c ON c.oid = i.inhrelid
            WHERE p.oid = ?::regclass GROUP BY p.reltuples""";

    /**
     * {@link #analyzeCommitted} of a partitioned table, only when its own statistics are out of date
     * (above). Autovacuum never analyses a partitioned table, and PostgreSQL before 18 cannot analyse
     * one without analysing every partition again, so doing it for every new partition would cost a
     * pass over each earlier one, more with every month of history.
     */
    public void analyzePartitionedCommittedIfStale(String table) {
        if (!postgres) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                var check = connection.prepareStatement(PARTITIONED_STATISTICS_STALE)) {
            connection.setAutoCommit(true);
            check.setString(1, table);
            boolean stale;
            try (var rs = check.executeQuery()) {
                stale = rs.next() && rs.getBoolean(1);
            }
            if (stale) {
                try (var statement = connection.createStatement()) {
                    statement.execute("ANALYZE " + table);
                }
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("ANALYZE " + table, e);
        }
    }

    public long nextValue(String sequence) {
        String sql = postgres ? "SELECT nextval('" + sequence + "')" : "SELECT NEXT VALUE FOR " + sequence;
        return jdbc.queryForObject(sql, Long.class);
    }

    /**
     * PostgreSQL: streams {@code COPY (query) TO STDOUT (FORMAT csv)} into {@code sink}, on the
     * transaction's own connection. COPY takes no parameters: the query's values are written into it
     * by the caller, from values it has checked. When the sink fails, the rest of the rows are still
     * read (and dropped) before its failure is thrown: a connection left inside a COPY would give
     * every later statement the reply of the one before it.
     */
    public void copyOut(String query, OutputStream sink) {
        if (!postgres) {
            throw new UnsupportedOperationException("COPY TO is PostgreSQL's");
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyOut("COPY (" + query + ") TO STDOUT (FORMAT csv)");
            Exception failure = null;
            byte[] row;
            while ((row = copy.readFromCopy()) != null) {
                if (failure == null) {
                    try {
                        sink.write(row);
                    } catch (IOException | RuntimeException e) {
                        failure = e;
                    }
                }
            }
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure != null) {
                throw new UncheckedIOException((IOException) failure);
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("COPY out failed: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /**
     * Sets {@code valueColumns} of the rows of {@code table} found by {@code keyColumns}; each row
     * gives the values, then the key. On PostgreSQL the rows are copied into a temporary table
     * (dropped at the transaction's end) and set by one UPDATE … FROM: a JDBC batch is an UPDATE a
     * row, 20,000 groups' statements a second of a settle (issue 20). On H2 (no UPDATE … FROM), a
     * JDBC batch. Rows whose key matches nothing are left out, as a batch's would be.
     */
    public void bulkUpdate(String table, List<String> keyColumns, List<String> valueColumns, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        if (!postgres) {
            jdbc.batchUpdate("UPDATE " + table + " SET " + String.join(", ", valueColumns.stream()
                    .map(column -> column + " = ?").toList()) + " WHERE " + String.join(" AND ", keyColumns.stream()
                    .map(column -> column + " = ?").toList()), rows);
            return;
        }
        List<String> columns = new java.util.ArrayList<>(valueColumns);
        columns.addAll(keyColumns);
        String staged = "staged_" + table;
        jdbc.execute("CREATE TEMPORARY TABLE " + staged + " ON COMMIT DROP AS SELECT " + String.join(", ", columns)
                + " FROM " + table + " WITH NO DATA");
        bulkInsert(staged, columns, rows);
        jdbc.update("UPDATE " + table + " t SET " + String.join(", ", valueColumns.stream()
                .map(column -> column + " = s." + column).toList()) + " FROM " + staged + " s WHERE "
                + String.join(" AND ", keyColumns.stream().map(column -> "t." + column + " = s." + column).toList()));
        jdbc.execute("DROP TABLE " + staged);
    }

    /**
     * Appends rows to a table in the current transaction: COPY on PostgreSQL (several times faster
     * than batched INSERTs, docs/performance.md), a JDBC batch of INSERTs elsewhere. Values are
     * Strings, numbers, BigDecimals, Booleans, LocalDateTimes or null, in the order of {@code columns}.
     */
    public void bulkInsert(String table, List<String> columns, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        String columnList = String.join(", ", columns);
        if (!postgres) {
            jdbc.batchUpdate("INSERT INTO " + table + " (" + columnList + ") VALUES ("
                    + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")", rows);
            return;
        }
        CopyText csv = new CopyText(rows.size() * 160);
        for (Object[] row : rows) {
            csv.row(row);
        }
        // The transaction's own connection, so the rows commit (or roll back) with the chunk.
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " (" + columnList
                    + ") FROM STDIN WITH (FORMAT csv)", csv.stream());
        } catch (SQLException | IOException e) {
            throw new DataAccessResourceFailureException("COPY into " + table + " failed: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }
}
