package io.resettle.run;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;

/**
 * How many threads a parallel step may run: one per core, but never more than the connection pool
 * can serve, or the threads would wait on each other for connections and time out (a partition
 * of priceLines holds its cursor's connection and its chunk's).
 */
public final class WorkerThreads {

    /**
     * Connections kept free: two for the job repository and the main thread, two for
     * computeRebates, which runs beside priceLines (its cursor's and its chunk's).
     */
    private static final int RESERVED_CONNECTIONS = 4;
    private static final int DEFAULT_POOL_SIZE = 10;

    private WorkerThreads() {
    }

    public static int forConnections(DataSource dataSource, int connectionsPerThread) {
        int pool = dataSource instanceof HikariDataSource hikari ? hikari.getMaximumPoolSize() : DEFAULT_POOL_SIZE;
        return threads(Runtime.getRuntime().availableProcessors(), pool, connectionsPerThread);
    }

    static int threads(int cores, int poolSize, int connectionsPerThread) {
        return Math.max(1, Math.min(cores, (poolSize - RESERVED_CONNECTIONS) / connectionsPerThread));
    }
}
