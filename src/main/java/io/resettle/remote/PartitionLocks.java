package io.resettle.remote;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * One PostgreSQL session advisory lock per partition (step execution): the worker running a
 * partition holds it on a connection of its own for the whole partition. So a second worker can
 * never take the same partition, and the manager sees the moment a worker dies: the server
 * releases the lock when the dead process's connection closes.
 */
final class PartitionLocks {

    /** "RSTP": apart from RunLiveness's job-instance keys ("RSTL"). */
    private static final long KEY_SPACE = 0x5253_5450L << 32;

    private final DataSource dataSource;

    PartitionLocks(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The lock of this partition if nobody holds it; close the result to release it. */
    Optional<Held> tryHold(long stepExecutionId) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                lock.setLong(1, KEY_SPACE | stepExecutionId);
                try (ResultSet rs = lock.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        Held held = new Held(connection, stepExecutionId);
                        connection = null;
                        return Optional.of(held);
                    }
                    return Optional.empty();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the lock of partition " + stepExecutionId + ": " + e.getMessage(), e);
        } finally {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    // nothing held on it
                }
            }
        }
    }

    static final class Held implements AutoCloseable {
        private final Connection connection;
        private final long stepExecutionId;

        private Held(Connection connection, long stepExecutionId) {
            this.connection = connection;
            this.stepExecutionId = stepExecutionId;
        }

        @Override
        public void close() {
            try (connection; PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                unlock.setLong(1, KEY_SPACE | stepExecutionId);
                unlock.execute();
            } catch (SQLException e) {
                // Closing the connection releases the lock anyway.
            }
        }
    }
}
