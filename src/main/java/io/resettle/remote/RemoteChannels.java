package io.resettle.remote;

import io.resettle.run.RunLiveness;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.integration.partition.RemotePartitioningManagerStepBuilder;
import org.springframework.batch.integration.partition.RemotePartitioningManagerStepBuilderFactory;
import org.springframework.batch.integration.partition.RemotePartitioningWorkerStepBuilder;
import org.springframework.batch.integration.partition.RemotePartitioningWorkerStepBuilderFactory;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The RabbitMQ side of remote partitioning: one durable queue per partition step
 * of a database ({@code <prefix>partitions.<database>.<step>}, prefix {@code resettle.} unless set), the manager's outbound flow to it and the worker's inbound
 * flow from it. A request travels as the text {@code <database>|<step>:<step execution id>} (no Java
 * serialisation on the wire); everything else a partition needs is in the job repository.
 */
public class RemoteChannels {

    private final String brokerUrl;
    private final String queuePrefix;
    private final int workerThreads;
    private final Duration pollInterval;
    private final Duration claimTimeout;
    private final CachingConnectionFactory connectionFactory;
    private final RabbitAdmin admin;
    private final RabbitTemplate template;
    private final IntegrationFlowContext flows;
    private final JobRepository jobRepository;
    private final BeanFactory beanFactory;
    private final PartitionLocks locks;
    private final JdbcTemplate jdbc;
    private final RunLiveness runLiveness;
    /** The shared database's name, carried by every request: a worker runs only requests of its own database. */
    private final String database;
    private final Map<String, DirectChannel> outbound = new ConcurrentHashMap<>();
    private final List<IntegrationFlowContext.IntegrationFlowRegistration> inbound = new ArrayList<>();

    RemoteChannels(String brokerUrl, String queuePrefix, int workerThreads, Duration pollInterval, Duration claimTimeout,
            IntegrationFlowContext flows, JobRepository jobRepository, BeanFactory beanFactory, DataSource dataSource,
            RunLiveness runLiveness) {
        this.brokerUrl = brokerUrl;
        this.queuePrefix = queuePrefix;
        this.workerThreads = workerThreads;
        this.pollInterval = pollInterval;
        this.claimTimeout = claimTimeout;
        this.flows = flows;
        this.jobRepository = jobRepository;
        this.beanFactory = beanFactory;
        this.locks = new PartitionLocks(dataSource);
        this.jdbc = new JdbcTemplate(dataSource);
        this.runLiveness = runLiveness;
        this.connectionFactory = new CachingConnectionFactory(URI.create(brokerUrl));
        connectionFactory.setConnectionNameStrategy(factory -> "resettle");
        this.admin = new RabbitAdmin(connectionFactory);
        this.template = new RabbitTemplate(connectionFactory);
        this.database = jdbc.queryForObject("SELECT current_database()", String.class);
    }

    /** Per database and step, so that managers and workers of different databases never see each other's requests. */
    String queueName(String workerStepName) {
        return queuePrefix + "partitions." + database + "." + workerStepName;
    }

    String brokerUrl() {
        return brokerUrl;
    }

    /** Declares the step's durable queue (idempotent: manager and workers both do). */
    private String declare(String workerStepName) {
        String name = queueName(workerStepName);
        admin.declareQueue(new Queue(name, true, false, false));
        return name;
    }

    Step managerStep(String name, String workerStepName, Partitioner partitioner, int gridSize) {
        RemotePartitioningManagerStepBuilderFactory factory = new RemotePartitioningManagerStepBuilderFactory(jobRepository);
        factory.setBeanFactory(beanFactory);
        RemotePartitioningManagerStepBuilder builder = factory.get(name)
                .partitioner(workerStepName, partitioner)
                .outputChannel(requestsTo(workerStepName))
                // No input channel: the manager polls the job repository, so a lost reply loses nothing.
                .pollInterval(pollInterval.toMillis())
                .listener(new PartitionWatchdog(workerStepName, jobRepository, jdbc, locks, pollInterval, claimTimeout,
                        RemoteSettings.redacted(brokerUrl)));
        if (gridSize > 0) {
            builder.gridSize(gridSize);
        }
        return builder.build();
    }

    private DirectChannel requestsTo(String workerStepName) {
        return outbound.computeIfAbsent(workerStepName, step -> {
            String queue = declare(step);
            DirectChannel channel = new DirectChannel();
            IntegrationFlow flow = IntegrationFlow.from(channel)
                    .transform(StepExecutionRequest.class, request -> toText(database, request))
                    .handle(Amqp.outboundAdapter(template).exchangeName("").routingKey(queue))
                    .get();
            flows.registration(flow).id("resettle.requests." + step).register();
            return channel;
        });
    }

    RemotePartitioningWorkerStepBuilder workerStepBuilder(String workerStepName) {
        String queue = declare(workerStepName);
        DirectChannel claimed = new DirectChannel();
        IntegrationFlow fromQueue = IntegrationFlow
                .from(Amqp.inboundAdapter(connectionFactory, queue).configureContainer(container -> container
                        .concurrentConsumers(workerThreads)
                        // One request at a time per thread; acknowledged once claimed (PartitionClaims).
                        .prefetchCount(1)
                        .acknowledgeMode(AcknowledgeMode.MANUAL)))
                .handle(new PartitionClaims(workerStepName, database, jobRepository, jdbc, locks, runLiveness, claimed))
                .get();
        synchronized (inbound) {
            inbound.add(flows.registration(fromQueue).id("resettle.partitions." + workerStepName).autoStartup(false)
                    .register());
        }
        RemotePartitioningWorkerStepBuilderFactory factory = new RemotePartitioningWorkerStepBuilderFactory(jobRepository);
        factory.setBeanFactory(beanFactory);
        return factory.get(workerStepName).inputChannel(claimed);
    }

    /** Starts taking requests (a worker, once its application has started); returns the queues. */
    List<String> startConsuming() {
        synchronized (inbound) {
            inbound.forEach(IntegrationFlowContext.IntegrationFlowRegistration::start);
            return inbound.stream().map(r -> r.getId().substring("resettle.partitions.".length()))
                    .map(this::queueName).toList();
        }
    }

    void stopConsuming() {
        synchronized (inbound) {
            inbound.forEach(IntegrationFlowContext.IntegrationFlowRegistration::stop);
        }
    }

    void close() {
        stopConsuming();
        connectionFactory.destroy();
    }

    /** {@code <database>|<step>:<step execution id>}. */
    static String toText(String database, StepExecutionRequest request) {
        return database + "|" + request.getStepName() + ":" + request.getStepExecutionId();
    }

    /** A request read back, with the database it belongs to. */
    record Request(String database, StepExecutionRequest request) {
    }

    static Request fromText(String text) {
        int bar = text.indexOf('|');
        int colon = text.lastIndexOf(':');
        if (bar <= 0 || colon <= bar + 1) {
            throw new IllegalArgumentException("not a partition request: " + text);
        }
        return new Request(text.substring(0, bar), new StepExecutionRequest(text.substring(bar + 1, colon),
                Long.parseLong(text.substring(colon + 1).strip())));
    }
}
