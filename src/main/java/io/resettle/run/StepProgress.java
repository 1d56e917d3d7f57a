package io.resettle.run;

import java.io.PrintStream;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Each step of a job and its progress on the console while the job runs (issue 14.6): a line when a
 * step starts, its counts every few seconds while it reads, and its end with time and counts. It
 * watches the job repository (what every step commits there), so no step needs a listener of its
 * own, and parallel flows are shown as they go. On only for the command line
 * ({@code resettle.console-progress}).
 */
public class StepProgress implements JobExecutionListener {

    private record Step(String name, String status, long read, long written, Timestamp start, Timestamp end) {
    }

    private static final String STEPS = """
            SELECT step_name, status, read_count, write_count, start_time, end_time
              FROM batch_step_execution WHERE job_execution_id = :execution ORDER BY step_execution_id
            """;

    private final JdbcClient jdbc;
    private final boolean enabled;
    private final int totalSteps;
    private final Duration every;
    private final PrintStream out = System.out;
    private final Map<Long, Thread> watchers = new HashMap<>();

    public StepProgress(JdbcTemplate jdbc, boolean enabled, int totalSteps, Duration every) {
        this.jdbc = JdbcClient.create(jdbc);
        this.enabled = enabled;
        this.totalSteps = totalSteps;
        this.every = every;
    }

    @Override
    public synchronized void beforeJob(JobExecution execution) {
        if (!enabled) {
            return;
        }
        Watcher watcher = new Watcher(execution.getId());
        Thread thread = new Thread(watcher, "step-progress-" + execution.getId());
        thread.setDaemon(true);
        watchers.put(execution.getId(), thread);
        thread.start();
    }

    @Override
    public void afterJob(JobExecution execution) {
        Thread thread;
        synchronized (this) {
            thread = watchers.remove(execution.getId());
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private final class Watcher implements Runnable {
        private final long executionId;
        private final Map<String, Step> seen = new HashMap<>();
        private final Map<String, Long> shownRead = new HashMap<>();
        private final Map<String, Long> lastShown = new HashMap<>();
        private int done;

        Watcher(long executionId) {
            this.executionId = executionId;
        }

        @Override
        public void run() {
            boolean running = true;
            while (running) {
                try {
                    Thread.sleep(every.toMillis());
                } catch (InterruptedException e) {
                    running = false;
                }
                try {
                    poll();
                } catch (RuntimeException e) {
                    // The console progress is a courtesy: a failed look never disturbs the job.
                }
            }
        }

        private void poll() {
            List<Step> steps = jdbc.sql(STEPS).param("execution", executionId)
                    .query((rs, i) -> new Step(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                            rs.getTimestamp(5), rs.getTimestamp(6))).list();
            Map<String, long[]> partitions = new HashMap<>();
            for (Step step : steps) {
                int colon = step.name().indexOf(':');
                if (colon > 0) {
                    // A partition of a step: shown as "k of n partitions done" of its worker step.
                    long[] counts = partitions.computeIfAbsent(step.name().substring(0, colon), k -> new long[3]);
                    counts[0] += step.end() != null ? 1 : 0;
                    counts[1]++;
                    counts[2] += step.read();
                    continue;
                }
                Step before = seen.put(step.name(), step);
                if (before == null) {
                    out.printf("  step %s started%n", step.name());
                }
                if (step.end() != null && (before == null || before.end() == null)) {
                    done++;
                    double seconds = step.start() == null ? 0
                            : (step.end().getTime() - step.start().getTime()) / 1000.0;
                    out.printf("  step %s %s in %.1f s (%,d read, %,d written) [%s]%n", step.name(), step.status(),
                            seconds, step.read(), step.written(), totalSteps > 0 ? done + "/" + totalSteps : done + " done");
                } else if (step.end() == null && step.read() > shownRead.getOrDefault(step.name(), 0L) && due(step.name())) {
                    shownRead.put(step.name(), step.read());
                    out.printf("  step %s: %,d read, %,d written so far%n", step.name(), step.read(), step.written());
                }
            }
            partitions.forEach((worker, counts) -> {
                String key = worker + ":*";
                long shown = shownRead.getOrDefault(key, -1L);
                long state = counts[0] * 1_000_000_000_000L + counts[2];
                if (state != shown && (counts[0] == counts[1] || due(key))) {
                    shownRead.put(key, state);
                    out.printf("  step %s: %d of %d partitions done, %,d read%n", worker, counts[0], counts[1], counts[2]);
                }
            });
        }

        /** At most one progress line per step every ten seconds. */
        private boolean due(String key) {
            long now = System.nanoTime();
            Long last = lastShown.get(key);
            if (last != null && now - last < 10_000_000_000L) {
                return false;
            }
            lastShown.put(key, now);
            return true;
        }
    }
}
