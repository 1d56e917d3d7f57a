package io.resettle.run;

import io.resettle.support.RefusedException;
import io.resettle.support.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Makes "is the period already running?" and "start the job" one atomic step across processes
 * (issue 15.6). A launch locks the single row of {@code launch_lock} in a transaction of its own
 * connection, checks, and starts the job; the lock is released as soon as the job execution is in
 * the job repository (the job's first listener, {@link RunLiveness#beforeJob}, or when the start
 * returns or fails). A second launch waits for the lock and then finds the first one running.
 * A row lock rather than an advisory lock, so that H2 (AUTO_SERVER, several processes) behaves the
 * same as PostgreSQL.
 */
@Component
public class LaunchLock {

    private static final int WAIT_SECONDS = 60;

    private final DataSource dataSource;
    private final SqlDialect dialect;
    private final ThreadLocal<Connection> held = new ThreadLocal<>();

    public LaunchLock(DataSource dataSource, SqlDialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    /** Waits for the launch lock and holds it for this thread until {@link #release()}. */
    public void acquire() {
        if (held.get() != null) {
            return;
        }
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            try (Statement timeout = connection.createStatement()) {
                timeout.execute(dialect.isPostgres() ? "SET LOCAL lock_timeout = '" + WAIT_SECONDS + "s'"
                        : "SET LOCK_TIMEOUT " + WAIT_SECONDS * 1000);
            }
            try (PreparedStatement lock = connection.prepareStatement(
                    "SELECT name FROM launch_lock WHERE name = 'period-jobs' FOR UPDATE")) {
                lock.executeQuery().close();
            }
            held.set(connection);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new RefusedException("another launch of a period job did not finish registering within "
                    + WAIT_SECONDS + " s; try again (" + e.getMessage() + ")");
        }
    }

    /** Releases the lock this thread holds, if any (idempotent). */
    public void release() {
        Connection connection = held.get();
        if (connection == null) {
            return;
        }
        held.remove();
        try {
            connection.rollback();
        } catch (SQLException e) {
            // Closing the connection ends the transaction and its lock anyway.
        }
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // nothing more to release
            }
        }
    }
}
