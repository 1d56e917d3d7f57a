package io.resettle.run;

import io.resettle.support.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Tells a run that is alive from one a killed JVM left STARTED (R11.4), so that a restart never
 * runs beside the original. On PostgreSQL a running job holds a session advisory lock on its job
 * instance; the server releases it the moment the process's connection dies. On the embedded H2
 * file database only one process can open the database at all, so a STARTED run seen from another
 * process is always dead.
 */
@Component
public class RunLiveness implements JobExecutionListener {

    /** Namespace of Resettle's advisory lock keys, so they never collide with another application's. */
    private static final long KEY_SPACE = 0x5253_544CL << 32;

    private final DataSource dataSource;
    private final SqlDialect dialect;
    private final Map<Long, Connection> held = new ConcurrentHashMap<>();
    /** Executions this JVM is running now: alive on any database (the dashboard asks about its own runs too). */
    private final java.util.Set<Long> runningHere = ConcurrentHashMap.newKeySet();
    private final LaunchLock launchLock;

    public RunLiveness(DataSource dataSource, SqlDialect dialect, LaunchLock launchLock) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.launchLock = launchLock;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        runningHere.add(execution.getId());
        // The execution is in the job repository now, so a second launch sees it running: the
        // launch lock this thread took (if the job runs in the launching thread) can go.
        launchLock.release();
        if (!dialect.isPostgres()) {
            return;
        }
        try {
            Connection connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
                lock.setLong(1, key(execution));
                lock.execute();
            }
            held.put(execution.getId(), connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the run lock of execution " + execution.getId(), e);
        }
    }

    @Override
    public void afterJob(JobExecution execution) {
        runningHere.remove(execution.getId());
        Connection connection = held.remove(execution.getId());
        if (connection == null) {
            return;
        }
        try (connection; PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            unlock.setLong(1, key(execution));
            unlock.execute();
        } catch (SQLException e) {
            // Closing the connection releases the lock anyway.
        }
    }

    /**
     * A run this JVM has just launched: alive from the moment the launch returns, before its job
     * thread reaches {@link #beforeJob} (a page shown right after the launch must keep refreshing).
     */
    public JobExecution launchedHere(JobExecution execution) {
        // A run that ended before the launch returned (a synchronous launch) is not added again.
        if (execution.getStatus().isRunning()) {
            runningHere.add(execution.getId());
        }
        return execution;
    }

    /** Whether a process is still running this execution's job instance. */
    public boolean isAlive(JobExecution execution) {
        if (runningHere.contains(execution.getId())) {
            return true;
        }
        if (!dialect.isPostgres()) {
            return false;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (PreparedStatement probe = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                probe.setLong(1, key(execution));
                try (ResultSet rs = probe.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        return true;
                    }
                }
            }
            try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                unlock.setLong(1, key(execution));
                unlock.execute();
            }
            return false;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot check whether execution " + execution.getId() + " is alive", e);
        }
    }

    private static long key(JobExecution execution) {
        return KEY_SPACE | execution.getJobInstance().getInstanceId();
    }
}
