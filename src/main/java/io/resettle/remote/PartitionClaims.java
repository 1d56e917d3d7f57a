package io.resettle.remote;

import com.rabbitmq.client.Channel;
import io.resettle.run.RunLiveness;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;

/**
 * A worker takes a partition request only after claiming it: the partition's advisory lock (held
 * until the partition ends), the step execution still STARTING in the job repository, its job still
 * running with its manager alive, and a row in {@code partition_claim} (primary key: the step
 * execution). Anything else (a second delivery, a request of a failed or finished run) is
 * acknowledged and dropped, so no partition ever runs twice. The message is acknowledged as soon as
 * the partition is claimed: from then on the job repository, not the broker, holds the work.
 */
final class PartitionClaims implements MessageHandler {

    private static final Logger log = LoggerFactory.getLogger(PartitionClaims.class);
    static final String WORKER = ManagementFactory.getRuntimeMXBean().getName();
    private static final String STILL_RUNNING = "an earlier run of this partition is still running";

    private final String workerStepName;
    private final String database;
    private final JobRepository jobRepository;
    private static final String EARLIER_EXECUTIONS = """
            SELECT s.step_execution_id FROM batch_step_execution s
              JOIN batch_job_execution e ON e.job_execution_id = s.job_execution_id
             WHERE e.job_instance_id = :instance AND s.step_name = :step AND s.step_execution_id <> :execution
            """;
    private static final String CLAIM = """
            INSERT INTO partition_claim (step_execution_id, step_name, worker, claimed_at)
            VALUES (:execution, :step, :worker, :claimedAt)
            """;

    private final JdbcClient jdbc;
    private final PartitionLocks locks;
    private final RunLiveness runLiveness;
    private final MessageChannel claimed;

    PartitionClaims(String workerStepName, String database, JobRepository jobRepository, JdbcTemplate jdbc, PartitionLocks locks,
            RunLiveness runLiveness, MessageChannel claimed) {
        this.workerStepName = workerStepName;
        this.database = database;
        this.jobRepository = jobRepository;
        this.jdbc = JdbcClient.create(jdbc);
        this.locks = locks;
        this.runLiveness = runLiveness;
        this.claimed = claimed;
    }

    @Override
    public void handleMessage(Message<?> message) {
        Object payload = message.getPayload();
        String text = payload instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                : String.valueOf(payload);
        StepExecutionRequest request;
        try {
            RemoteChannels.Request read = RemoteChannels.fromText(text);
            if (!read.database().equals(database)) {
                // Queues are per database, so only a hand-made message gets here; never run it.
                log.error("dropped a request of database {} on the queue of database {}", read.database(), database);
                acknowledge(message);
                return;
            }
            request = read.request();
        } catch (RuntimeException e) {
            log.warn("dropped a message that is not a partition request: {}", text);
            acknowledge(message);
            return;
        }
        long id = request.getStepExecutionId();
        Optional<PartitionLocks.Held> lock = locks.tryHold(id);
        if (lock.isEmpty()) {
            StepExecution execution = jobRepository.getStepExecution(id);
            if (execution != null && execution.getStatus() == BatchStatus.STARTING) {
                // Locked for a moment (another worker claiming it, or the manager's watchdog): ask again.
                requeue(message);
            } else {
                log.info("partition {} (step execution {}) is run by another worker; request dropped", workerStepName, id);
                acknowledge(message);
            }
            return;
        }
        try (PartitionLocks.Held held = lock.get()) {
            String refusal = refusal(id);
            if (STILL_RUNNING.equals(refusal)) {
                // A restart while a worker is still finishing this partition of the earlier run: wait for it.
                log.info("step execution {}: an earlier run of the same partition is still running on a worker;"
                        + " returned to the queue", id);
                requeue(message);
                return;
            }
            if (refusal != null) {
                log.info("request for step execution {} dropped: {}", id, refusal);
                acknowledge(message);
                return;
            }
            acknowledge(message);
            long started = System.nanoTime();
            try {
                claimed.send(MessageBuilder.withPayload(new StepExecutionRequest(workerStepName, id)).build());
            } catch (RuntimeException e) {
                log.error("step execution {} failed on this worker", id, e);
            }
            StepExecution done = jobRepository.getStepExecution(id);
            String line = String.format("worker %s: %s %s in %.1f s (%d read, %d written)", WORKER,
                    done.getStepName(), done.getStatus(), (System.nanoTime() - started) / 1e9, done.getReadCount(),
                    done.getWriteCount());
            log.info(line);
        }
    }

    /** Why this worker must not run the step execution, or null when it has claimed it. */
    private String refusal(long id) {
        StepExecution execution = jobRepository.getStepExecution(id);
        if (execution == null) {
            return "no such step execution (a request for another database?)";
        }
        if (execution.getStatus() != BatchStatus.STARTING) {
            return execution.getStepName() + " is " + execution.getStatus() + ", not waiting for a worker";
        }
        var job = execution.getJobExecution();
        if (job == null || !job.getStatus().isRunning()) {
            return "its job execution is not running";
        }
        if (!runLiveness.isAlive(job)) {
            return "the manager of job execution " + job.getId() + " is gone";
        }
        for (Long earlier : jdbc.sql(EARLIER_EXECUTIONS).param("instance", job.getJobInstance().getInstanceId())
                .param("step", execution.getStepName()).param("execution", id).query(Long.class).list()) {
            Optional<PartitionLocks.Held> lock = locks.tryHold(earlier);
            if (lock.isEmpty()) {
                return STILL_RUNNING;
            }
            lock.get().close();
        }
        try {
            jdbc.sql(CLAIM).param("execution", id).param("step", execution.getStepName()).param("worker", WORKER)
                    .param("claimedAt", Timestamp.valueOf(LocalDateTime.now())).update();
        } catch (DuplicateKeyException e) {
            return "already claimed by another worker";
        }
        return null;
    }

    private static void requeue(Message<?> message) {
        Channel channel = message.getHeaders().get(AmqpHeaders.CHANNEL, Channel.class);
        Long tag = message.getHeaders().get(AmqpHeaders.DELIVERY_TAG, Long.class);
        try {
            Thread.sleep(200);
            if (channel != null && tag != null) {
                channel.basicNack(tag, false, true);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new IllegalStateException("cannot return partition request " + tag + ": " + e.getMessage(), e);
        }
    }

    private static void acknowledge(Message<?> message) {
        Channel channel = message.getHeaders().get(AmqpHeaders.CHANNEL, Channel.class);
        Long tag = message.getHeaders().get(AmqpHeaders.DELIVERY_TAG, Long.class);
        if (channel == null || tag == null) {
            return;
        }
        try {
            channel.basicAck(tag, false);
        } catch (IOException e) {
            throw new IllegalStateException("cannot acknowledge partition request " + tag + ": " + e.getMessage(), e);
        }
    }
}
