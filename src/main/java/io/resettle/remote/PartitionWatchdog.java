package io.resettle.remote;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Beside a manager step that waits for its remote partitions: every poll interval it looks at the
 * partitions still running in the job repository. One STARTED whose lock nobody holds was left by a
 * worker that died (its PostgreSQL session ended): it is marked FAILED at once, with its last
 * committed chunk kept for a restart. Partitions still STARTING when no worker has held any of
 * them for the claim timeout are marked FAILED too (no worker is running). Either way the manager's
 * polling then sees no running partition, the step fails, and the reasons are the step's failures.
 */
final class PartitionWatchdog implements StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(PartitionWatchdog.class);

    private final String workerStepName;
    private final JobRepository jobRepository;
    private static final String RUNNING_PARTITIONS = """
            SELECT step_execution_id, step_name, status FROM batch_step_execution
             WHERE job_execution_id = :execution AND step_name LIKE :partitions
               AND status IN ('STARTING', 'STARTED', 'STOPPING')
            """;

    private final JdbcClient jdbc;
    private final PartitionLocks locks;
    private final Duration interval;
    private final Duration claimTimeout;
    private final String broker;
    private final List<String> reasons = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService timer;
    private long lastProgressNanos;
    private int lastRunning = -1;

    PartitionWatchdog(String workerStepName, JobRepository jobRepository, JdbcTemplate jdbc, PartitionLocks locks,
            Duration interval, Duration claimTimeout, String broker) {
        this.workerStepName = workerStepName;
        this.jobRepository = jobRepository;
        this.jdbc = JdbcClient.create(jdbc);
        this.locks = locks;
        this.interval = interval;
        this.claimTimeout = claimTimeout;
        this.broker = broker;
    }

    @Override
    public synchronized void beforeStep(StepExecution manager) {
        reasons.clear();
        lastProgressNanos = System.nanoTime();
        lastRunning = -1;
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "partition-watchdog-" + workerStepName);
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(100, interval.toMillis());
        timer.scheduleWithFixedDelay(() -> {
            try {
                check(manager.getJobExecutionId());
            } catch (RuntimeException e) {
                log.warn("partition watchdog of {}: {}", workerStepName, e.getMessage(), e);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public ExitStatus afterStep(StepExecution manager) {
        ScheduledExecutorService stopping;
        synchronized (this) {
            stopping = timer;
            timer = null;
        }
        if (stopping != null) {
            stopping.shutdownNow();
            try {
                stopping.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (reasons.isEmpty()) {
            return null;
        }
        for (String reason : reasons) {
            manager.addFailureException(new IllegalStateException(reason));
        }
        return ExitStatus.FAILED.addExitDescription(String.join("; ", reasons));
    }

    private record Running(long id, String name, String status) {
    }

    void check(long jobExecutionId) {
        List<Running> running = jdbc.sql(RUNNING_PARTITIONS).param("execution", jobExecutionId)
                .param("partitions", workerStepName + ":%")
                .query((rs, i) -> new Running(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
        boolean held = false;
        List<Running> waiting = new ArrayList<>();
        for (Running partition : running) {
            if (partition.status().equals("STARTING")) {
                // Not locked here: a worker may be claiming it right now.
                waiting.add(partition);
                continue;
            }
            Optional<PartitionLocks.Held> lock = locks.tryHold(partition.id());
            if (lock.isEmpty()) {
                held = true;
                continue;
            }
            try (PartitionLocks.Held ignored = lock.get()) {
                StepExecution execution = jobRepository.getStepExecution(partition.id());
                if (execution.getStatus() == BatchStatus.STARTED || execution.getStatus() == BatchStatus.STOPPING) {
                    fail(execution, "the worker running " + partition.name() + " stopped before finishing it (its"
                            + " database session ended); its committed chunks are kept for resettle restart");
                }
            }
        }
        long now = System.nanoTime();
        if (held || (lastRunning >= 0 && running.size() < lastRunning)) {
            lastProgressNanos = now;
        }
        lastRunning = running.size();
        if (waiting.isEmpty() || held || now - lastProgressNanos < claimTimeout.toNanos()) {
            return;
        }
        for (Running partition : waiting) {
            Optional<PartitionLocks.Held> lock = locks.tryHold(partition.id());
            if (lock.isEmpty()) {
                continue;
            }
            try (PartitionLocks.Held ignored = lock.get()) {
                StepExecution execution = jobRepository.getStepExecution(partition.id());
                if (execution.getStatus() == BatchStatus.STARTING) {
                    fail(execution, "no worker took " + partition.name() + " within " + claimTimeout.toSeconds()
                            + " s: start workers (resettle worker --db <this database> --broker " + broker + ")"
                            + " and resume with resettle restart; nothing of this partition was written");
                }
            }
        }
    }

    /** Marks a partition FAILED in the repository, under its lock, so no worker can start it meanwhile. */
    private void fail(StepExecution execution, String reason) {
        log.warn(reason);
        execution.setStatus(BatchStatus.FAILED);
        execution.setExitStatus(ExitStatus.FAILED.addExitDescription(reason));
        execution.setEndTime(LocalDateTime.now());
        jobRepository.update(execution);
        // One line per cause rather than per partition when none was taken.
        String summary = reason.startsWith("no worker took ") ? "no worker took the partitions of " + workerStepName
                + " within " + claimTimeout.toSeconds() + " s: start workers (resettle worker --db <this database> --broker "
                + broker + ") and resume with resettle restart; nothing of those partitions was written" : reason;
        if (!reasons.contains(summary)) {
            reasons.add(summary);
        }
    }
}
