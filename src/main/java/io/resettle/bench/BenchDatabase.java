package io.resettle.bench;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The PostgreSQL side of a bench: the server, a fresh database per run, checkpoints, sizes and Resettle's discount total. */
final class BenchDatabase {

    private static final String CHARGE_DISCOUNT = """
            SELECT COALESCE(SUM(discount), 0) FROM invoice_line
             WHERE period = :period AND revision = 1 AND kind = 'CHARGE'
            """;

    private BenchDatabase() {
    }

    /**
     * The server to create the bench database on: $RESETTLE_DB_URL if it is a PostgreSQL URL, else
     * the local server as user postgres.
     */
    static String serverUrl() {
        String url = System.getenv("RESETTLE_DB_URL");
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            url = "jdbc:postgresql://127.0.0.1:5432/postgres";
        }
        if (!url.contains("user=")) {
            url += (url.contains("?") ? "&" : "?") + "user=postgres";
        }
        return url;
    }

    /** {@code jdbc:postgresql://host:port/any?params} with the database replaced. */
    static String withDatabase(String serverUrl, String database) {
        int slash = serverUrl.indexOf('/', "jdbc:postgresql://".length());
        int query = serverUrl.indexOf('?');
        String prefix = slash < 0 ? (query < 0 ? serverUrl : serverUrl.substring(0, query)) : serverUrl.substring(0, slash);
        return prefix + "/" + database + (query < 0 ? "" : serverUrl.substring(query));
    }

    static String create(String serverUrl, String database) throws SQLException {
        try (Connection connection = DriverManager.getConnection(serverUrl);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        return withDatabase(serverUrl, database);
    }

    /** Drops the database; a failure is only reported. */
    static void drop(String serverUrl, String database, PrintStream out) {
        try (Connection connection = DriverManager.getConnection(serverUrl);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            out.printf("bench: could not drop database %s: %s%n", database, e.getMessage());
        }
    }

    /**
     * Starts each measured part (Resettle, then the baseline) from a checkpoint, so that the dirty
     * pages of what ran before (an earlier bench, the other part) are not written during it. Needs
     * a superuser or pg_checkpoint; without the right, the part starts as it is.
     */
    static void checkpoint(JdbcTemplate jdbc, PrintStream out) {
        try {
            jdbc.execute("CHECKPOINT");
        } catch (org.springframework.dao.DataAccessException e) {
            out.println("bench: no CHECKPOINT before the measured part (" + e.getMostSpecificCause().getMessage() + ")");
        }
    }

    /** Resettle's side of the baseline's figure: the CHARGE discount of revision 1. */
    static BigDecimal chargeDiscount(JdbcTemplate jdbc, YearMonth period) {
        return JdbcClient.create(jdbc).sql(CHARGE_DISCOUNT).param("period", period.toString())
                .query(BigDecimal.class).single();
    }

    static long size(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT pg_database_size(current_database())", Long.class);
    }
}
