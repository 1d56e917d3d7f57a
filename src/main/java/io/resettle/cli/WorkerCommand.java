package io.resettle.cli;

import io.resettle.remote.Worker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code resettle worker}: runs the partitions that managers send over RabbitMQ, until stopped (docs/scaling.md). */
@Command(name = "worker", sortOptions = false,
        description = "Run partitions that managers send over RabbitMQ, until stopped (docs/scaling.md).")
class WorkerCommand extends SpringCommand {

    @Option(names = "--threads", paramLabel = "N", description = "partitions run at once per queue (default: the cores)")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        return Worker.run(databaseUrl(), broker, threads == null ? Runtime.getRuntime().availableProcessors() : threads,
                root.extraProperties, out());
    }

    @Override
    int run(org.springframework.context.ConfigurableApplicationContext context) {
        throw new UnsupportedOperationException("the worker starts its own application context");
    }
}
