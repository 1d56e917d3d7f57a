package io.resettle.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Databases for job tests. PostgreSQL: a new, uniquely named database on the local server
 * ({@code RESETTLE_TEST_PG}, default {@code jdbc:postgresql://127.0.0.1:5432/}, user postgres),
 * dropped when the test JVM exits. H2: a file database in a test's temporary folder.
 *
 * <p>The databases are dropped one after another over one connection, by one shutdown hook. With a
 * hook per database, about ninety ran at once at the end of a full run, each opening a connection of
 * its own beside the cached test contexts' pools (the server allows 100), and seven databases of
 * one run stayed behind (eighth round).
 */
public final class TestDatabases {

    private static final String SERVER = System.getenv().getOrDefault("RESETTLE_TEST_PG", "jdbc:postgresql://127.0.0.1:5432/");
    private static final String USER = System.getenv().getOrDefault("RESETTLE_TEST_PG_USER", "postgres");
    /** The server's own database, where databases are created and dropped. */
    private static final String ADMIN = SERVER + "postgres?user=" + USER;
    private static final int CONNECT_ATTEMPTS = 5;

    /** The databases this JVM created: the shutdown hook drops them. */
    private static final List<String> CREATED = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::dropAll, "drop-test-databases"));
    }

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
        synchronized (CREATED) {
            CREATED.add(name);
        }
        return SERVER + name + "?user=" + USER;
    }

    /**
     * Drops every database this JVM created, over one connection (retried while the server has no
     * slot free: the test contexts' pools close beside this hook); says on stderr which it could not.
     */
    private static void dropAll() {
        List<String> names;
        synchronized (CREATED) {
            names = new ArrayList<>(CREATED);
        }
        for (int attempt = 1; !names.isEmpty(); attempt++) {
            try (Connection connection = DriverManager.getConnection(ADMIN);
                    Statement statement = connection.createStatement()) {
                for (String name : names) {
                    try {
                        statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                    } catch (SQLException e) {
                        System.err.println("could not drop test database " + name + ": " + e.getMessage());
                    }
                }
                return;
            } catch (SQLException e) {
                if (attempt == CONNECT_ATTEMPTS) {
                    System.err.println("could not drop " + names.size() + " test databases " + names + ": " + e.getMessage());
                    return;
                }
                try {
                    Thread.sleep(500L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    public static String newH2(Path folder) {
        return "jdbc:h2:file:" + folder.resolve("resettle").toAbsolutePath();
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(ADMIN);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + SERVER + " is needed for this test (" + sql + "): "
                    + e.getMessage(), e);
        }
    }
}
