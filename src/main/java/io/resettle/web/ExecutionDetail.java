package io.resettle.web;

import io.resettle.run.RunLiveness;
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

    private final JobRepository jobRepository;
    private final List<ExpectedItems> expectedItems;
    private final Map<String, Job> jobs;
    private final RunLiveness liveness;

    ExecutionDetail(JobRepository jobRepository, List<ExpectedItems> expectedItems, List<Job> jobs, RunLiveness liveness) {
        this.jobRepository = jobRepository;
        this.liveness = liveness;
        this.expectedItems = expectedItems;
        this.jobs = jobs.stream().collect(Collectors.toMap(Job::getName, Function.identity(), (a, b) -> a));
    }

    ExecutionView find(long executionId) {
        JobExecution execution;
        try {
            execution = jobRepository.getJobExecution(executionId);
        } catch (org.springframework.dao.EmptyResultDataAccessException e) {
            execution = null;
        }
        if (execution == null) {
            return null;
        }
        List<ExecutionView.StepView> steps = execution.getStepExecutions().stream()
                .sorted(Comparator.comparingLong(StepExecution::getId))
                .map(this::stepView).toList();
        BatchStatus status = execution.getStatus();
        String job = execution.getJobInstance().getJobName();
        String failure = execution.getAllFailureExceptions().stream().map(ExecutionDetail::rootMessage).distinct()
                .collect(Collectors.joining("\n"));
        if (failure.isEmpty()) {
            failure = steps.stream().filter(s -> "FAILED".equals(s.status())).map(s -> ExitMessages.withoutTrace(s.exitMessage()))
                    .filter(m -> m != null && !m.isBlank()).distinct().collect(Collectors.joining("\n"));
        }
        if (failure.isEmpty() && status == BatchStatus.FAILED) {
            failure = ExitMessages.withoutTrace(execution.getExitStatus().getExitDescription());
        }
        LocalDateTime start = execution.getStartTime();
        Duration duration = start == null ? null
                : Duration.between(start, execution.getEndTime() != null ? execution.getEndTime() : LocalDateTime.now(ZoneOffset.UTC));
        List<JobExecution> sameInstance = jobRepository.getJobExecutions(execution.getJobInstance()).stream()
                .sorted(Comparator.comparingLong(JobExecution::getId)).toList();
        Long restartedAs = sameInstance.stream().map(JobExecution::getId).filter(i -> i > executionId).findFirst().orElse(null);
        Long restartOf = sameInstance.stream().map(JobExecution::getId).filter(i -> i < executionId)
                .reduce((a, b) -> b).orElse(null);
        LocalDateTime lastUpdated = execution.getLastUpdated();
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getLastUpdated() != null && (lastUpdated == null || step.getLastUpdated().isAfter(lastUpdated))) {
                lastUpdated = step.getLastUpdated();
            }
        }
        List<String> names = stepNames(job);
        int done = stepsDone(names, execution, sameInstance);
        int percent = status == BatchStatus.COMPLETED ? 100
                : names.isEmpty() ? 0 : (int) Math.min(99, done * 100L / names.size());
        boolean alive = status.isRunning() && liveness.isAlive(execution);
        return new ExecutionView(execution, job, execution.getJobParameters().getString("period"),
                parameter(execution, "revision"), status.name(), execution.getExitStatus().getExitCode(),
                execution.getExitStatus().getExitDescription(), failure, steps, percent, done, names.size(),
                status.isRunning(), alive, duration, lastUpdated, restartedAs, restartOf);
    }

    /** A job parameter as text, whatever its type (settle's revision is a Long). */
    private static String parameter(JobExecution execution, String name) {
        var parameter = execution.getJobParameters().getParameter(name);
        return parameter == null || parameter.value() == null ? null : parameter.value().toString();
    }

    /**
     * The job's own steps (a partitioned step once, not its partitions): as the job bean lists them,
     * else (a job bean that does not list its steps, or one not in this build) as the newest
     * completed run of the job had them. Empty when neither is known.
     */
    private List<String> stepNames(String job) {
        // settle is a flow job since computeRebates runs beside pricing: FlowJob lists the steps of its splits too.
        Job bean = jobs.get(job);
        if (bean instanceof ListableStepLocator locator && !locator.getStepNames().isEmpty()) {
            return locator.getStepNames().stream().filter(n -> !n.contains(":")).distinct().toList();
        }
        for (var instance : jobRepository.getJobInstances(job, 0, 20)) {
            for (JobExecution e : jobRepository.getJobExecutions(instance)) {
                if (e.getStatus() == BatchStatus.COMPLETED) {
                    return e.getStepExecutions().stream().map(StepExecution::getStepName).filter(n -> !n.contains(":"))
                            .distinct().toList();
                }
            }
        }
        return List.of();
    }

    /**
     * The job's steps completed: by this execution, or, since a restart does not run again what
     * was completed, by an earlier execution of the same instance.
     */
    private static int stepsDone(List<String> names, JobExecution execution, List<JobExecution> sameInstance) {
        java.util.Set<String> done = new java.util.HashSet<>();
        for (JobExecution e : sameInstance) {
            if (e.getId() > execution.getId()) {
                continue;
            }
            for (StepExecution step : e.getStepExecutions()) {
                if (step.getStatus() == BatchStatus.COMPLETED && names.contains(step.getStepName())) {
                    done.add(step.getStepName());
                }
            }
        }
        return done.size();
    }

    private ExecutionView.StepView stepView(StepExecution step) {
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
        return new ExecutionView.StepView(step.getId(), step.getStepName(), step.getStatus().name(), step.getExitStatus().getExitCode(),
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
}
