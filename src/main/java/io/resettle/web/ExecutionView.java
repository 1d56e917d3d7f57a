package io.resettle.web;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.batch.core.job.JobExecution;

/**
 * An execution as the Execution page shows it ({@link ExecutionDetail} builds it). {@code alive}:
 * whether a process still runs it (false for a run a dead process left STARTED);
 * {@code restartedAs} / {@code restartOf}: the next and the previous execution of the same job
 * instance; {@code stepsDone} of {@code stepsTotal}: the job's steps completed, by this execution
 * or, for a restart, by the ones before it.
 */
record ExecutionView(JobExecution execution, String job, String period, String revision, String status, String exitCode,
        String exitMessage, String failure, List<StepView> steps, int percent, int stepsDone, int stepsTotal,
        boolean running, boolean alive, Duration duration, LocalDateTime lastUpdated, Long restartedAs,
        Long restartOf) {

    public String displayStatus() {
        return ExitMessages.displayStatus(status, exitCode);
    }

    /** Marked running, but no process runs it any more. */
    public boolean dead() {
        return running && !alive;
    }

    public Duration sinceUpdate() {
        return lastUpdated == null ? null : Duration.between(lastUpdated, LocalDateTime.now());
    }

    /** Failed or stopped and not restarted yet: a restart (or abandoning it) is possible. */
    public boolean restartable() {
        return ("FAILED".equals(status) || "STOPPED".equals(status)) && restartedAs == null;
    }

    public boolean stoppable() {
        return ("STARTED".equals(status) || "STARTING".equals(status)) && alive;
    }

    /** Only a run no process runs any more is marked failed by hand. */
    public boolean recoverable() {
        return dead();
    }

    /** The job parameters as {@code name=value}, identifying ones first. */
    public String parameters() {
        return execution.getJobParameters().parameters().stream()
                .sorted(Comparator.comparing((org.springframework.batch.core.job.parameters.JobParameter<?> p) -> !p.identifying())
                        .thenComparing(org.springframework.batch.core.job.parameters.JobParameter::name))
                .map(p -> p.name() + "=" + p.value()).collect(Collectors.joining("  "));
    }

    /** A step's counts and, when its volume is known, its progress in percent. */
    record StepView(long id, String name, String status, String exitCode, String exitMessage, long read, long written,
            long filtered, long skipped, long commits, long rollbacks, Long expected, Integer percent,
            LocalDateTime start, LocalDateTime end) {

        public String firstLine() {
            return ExitMessages.firstLine(exitMessage);
        }

        public boolean running() {
            return "STARTING".equals(status) || "STARTED".equals(status) || "STOPPING".equals(status);
        }

        /** True when the exit message holds more than its first line, e.g. a stack trace. */
        public boolean hasDetails() {
            String first = firstLine();
            return first != null && exitMessage.strip().length() > first.length();
        }
    }
}
