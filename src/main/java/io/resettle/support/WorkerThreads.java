package io.resettle.support;

import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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

    /**
     * Runs the tasks on as many threads as the pool can serve with one connection each, and returns
     * their results in the order given, whatever order they finish in. When one fails, the others
     * are interrupted and waited for before its exception is thrown, so none writes after the step
     * has reported the failure.
     */
    public static <T> List<T> callAll(DataSource dataSource, List<Callable<T>> tasks, String what) {
        ExecutorService threads = Executors.newFixedThreadPool(forConnections(dataSource, 1));
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(threads.submit(task));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            threads.shutdownNow();
            try {
                threads.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static int threads(int cores, int poolSize, int connectionsPerThread) {
        return Math.max(1, Math.min(cores, (poolSize - RESERVED_CONNECTIONS) / connectionsPerThread));
    }
}
