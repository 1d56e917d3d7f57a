package io.resettle.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Databases for job tests. PostgreSQL: a new, uniquely named database on the local server
 * ({@code RESETTLE_TEST_PG}, default {@code jdbc:postgresql://127.0.0.1:5432/}, user postgres),
 * dropped when the test JVM exits. H2: a file database in a test's temporary folder.
 */
public final class TestDatabases {

    private static final String SERVER = System.getenv().getOrDefault("RESETTLE_TEST_PG", "jdbc:postgresql://127.0.0.1:5432/");
    private static final String USER = System.getenv().getOrDefault("RESETTLE_TEST_PG_USER", "postgres");

    private TestDatabases() {
    }

    /** Creates a fresh PostgreSQL database and returns its JDBC URL (with the user). */
    public static String newPostgres() {
        return newPostgres("");
    }

    /** As {@link #newPostgres()}, with options for CREATE DATABASE (a locale, say). */
    public static String newPostgres(String createOptions) {
        String name = "resettle_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute("CREATE DATABASE " + name + (createOptions.isEmpty() ? "" : " " + createOptions));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (RuntimeException e) {
                System.err.println("could not drop test database " + name + ": " + e.getMessage());
            }
        }));
        return SERVER + name + "?user=" + USER;
    }

    public static String newH2(Path folder) {
        return "jdbc:h2:file:" + folder.resolve("resettle").toAbsolutePath();
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres?user=" + USER);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + SERVER + " is needed for this test (" + sql + "): "
                    + e.getMessage(), e);
        }
    }
}
