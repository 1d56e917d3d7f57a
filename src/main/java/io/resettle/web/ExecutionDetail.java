package io.resettle.web;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.ListableStepLocator;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/** An execution and its steps as the Execution page shows them, read through the {@link JobRepository}. */
@Component
class ExecutionDetail {

    /** A step's counts and, when its volume is known, its progress in percent. */
    record StepView(long id, String name, String status, String exitCode, String exitMessage, long read, long written,
            long filtered, long skipped, long commits, long rollbacks, Long expected, Integer percent,
            LocalDateTime start, LocalDateTime end) {

        public String firstLine() {
            return ExecutionDetail.firstLine(exitMessage);
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

    record View(JobExecution execution, String job, String period, String revision, String status, String exitCode,
            String exitMessage, String failure, List<StepView> steps, int percent, boolean running, Duration duration,
            boolean restartable, boolean stoppable) {

        /** The job parameters as {@code name=value}, identifying ones first. */
        public String parameters() {
            return execution.getJobParameters().parameters().stream()
                    .sorted(Comparator.comparing((org.springframework.batch.core.job.parameters.JobParameter<?> p) -> !p.identifying())
                            .thenComparing(org.springframework.batch.core.job.parameters.JobParameter::name))
                    .map(p -> p.name() + "=" + p.value()).collect(Collectors.joining("  "));
        }
    }

    private final JobRepository jobRepository;
    private final List<ExpectedItems> expectedItems;
    private final Map<String, Job> jobs;

    ExecutionDetail(JobRepository jobRepository, List<ExpectedItems> expectedItems, List<Job> jobs) {
        this.jobRepository = jobRepository;
        this.expectedItems = expectedItems;
        this.jobs = jobs.stream().collect(Collectors.toMap(Job::getName, Function.identity(), (a, b) -> a));
    }

    View find(long executionId) {
        JobExecution execution;
        try {
            execution = jobRepository.getJobExecution(executionId);
        } catch (org.springframework.dao.EmptyResultDataAccessException e) {
            execution = null;
        }
        if (execution == null) {
            return null;
        }
        List<StepView> steps = execution.getStepExecutions().stream()
                .sorted(Comparator.comparingLong(StepExecution::getId))
                .map(this::stepView).toList();
        BatchStatus status = execution.getStatus();
        String job = execution.getJobInstance().getJobName();
        String failure = execution.getAllFailureExceptions().stream().map(ExecutionDetail::rootMessage).distinct()
                .collect(Collectors.joining("\n"));
        if (failure.isEmpty()) {
            failure = steps.stream().filter(s -> "FAILED".equals(s.status())).map(s -> withoutTrace(s.exitMessage()))
                    .filter(m -> m != null && !m.isBlank()).distinct().collect(Collectors.joining("\n"));
        }
        if (failure.isEmpty() && status == BatchStatus.FAILED) {
            failure = withoutTrace(execution.getExitStatus().getExitDescription());
        }
        LocalDateTime start = execution.getStartTime();
        Duration duration = start == null ? null
                : Duration.between(start, execution.getEndTime() != null ? execution.getEndTime() : LocalDateTime.now(ZoneOffset.UTC));
        return new View(execution, job, execution.getJobParameters().getString("period"),
                parameter(execution, "revision"), status.name(), execution.getExitStatus().getExitCode(),
                execution.getExitStatus().getExitDescription(), failure, steps, jobPercent(job, execution, steps),
                status.isRunning(), duration, status == BatchStatus.FAILED || status == BatchStatus.STOPPED,
                status == BatchStatus.STARTED || status == BatchStatus.STARTING);
    }

    /** A job parameter as text, whatever its type (settle's revision is a Long). */
    private static String parameter(JobExecution execution, String name) {
        var parameter = execution.getJobParameters().getParameter(name);
        return parameter == null || parameter.value() == null ? null : parameter.value().toString();
    }

    /** Share of the job's top-level steps completed; 100 once the job completed. */
    private int jobPercent(String job, JobExecution execution, List<StepView> steps) {
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            return 100;
        }
        // Any job that lists its steps: settle is a flow job since computeRebates runs beside pricing.
        Job bean = jobs.get(job);
        if (!(bean instanceof ListableStepLocator locator) || locator.getStepNames().isEmpty()) {
            return 0;
        }
        List<String> names = List.copyOf(locator.getStepNames());
        long done = steps.stream().filter(s -> names.contains(s.name()) && "COMPLETED".equals(s.status())).count();
        return (int) Math.min(99, done * 100 / names.size());
    }

    private StepView stepView(StepExecution step) {
        long read = step.getReadCount();
        Long expected = null;
        Integer percent = null;
        if (step.getStatus() == BatchStatus.COMPLETED) {
            percent = 100;
        } else {
            for (ExpectedItems items : expectedItems) {
                OptionalLong value = items.expected(step);
                if (value.isPresent()) {
                    expected = value.getAsLong();
                    percent = (int) Math.min(100, read * 100 / Math.max(1, expected));
                    break;
                }
            }
        }
        return new StepView(step.getId(), step.getStepName(), step.getStatus().name(), step.getExitStatus().getExitCode(),
                step.getExitStatus().getExitDescription(), read, step.getWriteCount(), step.getFilterCount(),
                step.getSkipCount(), step.getCommitCount(), step.getRollbackCount(), expected, percent,
                step.getStartTime(), step.getEndTime());
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    /** An exit description's message lines, without the stack frames that follow them. */
    static String withoutTrace(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        StringBuilder message = new StringBuilder();
        for (String line : text.split("\\R")) {
            if (line.stripLeading().startsWith("at ") || line.stripLeading().startsWith("... ")) {
                break;
            }
            message.append(message.isEmpty() ? "" : "\n").append(line.strip());
        }
        return message.toString();
    }

    /** The first line of an exit description: for a failure, the exception and its message without the trace. */
    static String firstLine(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).trim();
    }
}
