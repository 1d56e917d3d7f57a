package io.resettle.remote;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.PartitionStepBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Builds the partitioned steps for where their partitions run ({@code resettle.partitioning}):
 * {@code local} on threads of this JVM; {@code remote}: the manager step of Spring Batch remote
 * partitioning, which sends one request per partition over RabbitMQ and reads completion from the
 * job repository; {@code worker}: the partition (worker) steps take those requests
 * ({@code resettle worker}). The partitioner and the worker step are the same in every mode, so
 * the same partitions run whatever the mode, and restart the same way.
 */
@Component
public class Partitioning {

    private final String mode;
    private final JobRepository jobRepository;
    private final ObjectProvider<RemoteChannels> remote;

    public Partitioning(@Value("${" + RemoteSettings.MODE_PROPERTY + ":local}") String mode, JobRepository jobRepository,
            ObjectProvider<RemoteChannels> remote) {
        this.mode = mode;
        this.jobRepository = jobRepository;
        this.remote = remote;
        if (!mode.equals("local") && !mode.equals("remote") && !mode.equals("worker")) {
            throw new IllegalArgumentException(RemoteSettings.MODE_PROPERTY + "=" + mode + " is not local, remote or worker");
        }
    }

    /** A partitioned step whose partitioner decides the number of partitions itself. */
    public Step partitionStep(String name, String workerStepName, Partitioner partitioner, Step workerStep,
            TaskExecutor localThreads) {
        return partitionStep(name, workerStepName, partitioner, workerStep, 0, localThreads);
    }

    /**
     * {@code gridSize} 0: the builder's default. Locally the partitions run on {@code localThreads};
     * remotely each is a message on the step's queue and the watchdog fails the step when a worker
     * dies or none takes the partitions ({@link PartitionWatchdog}).
     */
    public Step partitionStep(String name, String workerStepName, Partitioner partitioner, Step workerStep, int gridSize,
            TaskExecutor localThreads) {
        if (mode.equals("remote")) {
            return remote.getObject().managerStep(name, workerStepName, partitioner, gridSize);
        }
        PartitionStepBuilder builder = new StepBuilder(name, jobRepository).partitioner(workerStepName, partitioner)
                .step(workerStep).taskExecutor(localThreads);
        if (gridSize > 0) {
            builder.gridSize(gridSize);
        }
        return builder.build();
    }

    /**
     * The builder of a partition's step: on a worker, Spring Batch's worker step builder, which
     * also wires the step to the requests taken from its queue; elsewhere a plain step builder.
     */
    public StepBuilder workerStep(String name) {
        return mode.equals("worker") ? remote.getObject().workerStepBuilder(name) : new StepBuilder(name, jobRepository);
    }
}
