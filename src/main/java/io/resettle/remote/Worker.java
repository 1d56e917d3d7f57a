package io.resettle.remote;

import io.resettle.ResettleApplication;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * {@code resettle worker}: runs partitions of the partitioned steps (ingest's files, priceLines'
 * ranges) that managers send over RabbitMQ, against the shared PostgreSQL job repository and
 * data, until the process is stopped (SIGTERM / Ctrl-C: running partitions are interrupted and
 * left for a restart, like a killed worker).
 */
public final class Worker {

    private Worker() {
    }

    /** The values the command line parsed; {@code brokerOption} null: $RESETTLE_BROKER_URL or the default. */
    public static int run(String databaseUrl, String brokerOption, int threads, Map<String, Object> extraProperties,
            PrintStream out) throws InterruptedException {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads " + threads + " must be at least 1");
        }
        String broker = RemoteSettings.brokerUrl(brokerOption);
        RemoteSettings.refuseUnlessShared(databaseUrl, "resettle worker");
        RemoteSettings.refuseUnlessReachable(broker);
        Map<String, Object> properties = new HashMap<>(extraProperties);
        properties.put("spring.datasource.url", databaseUrl);
        properties.put(RemoteSettings.MODE_PROPERTY, "worker");
        properties.put(RemoteSettings.BROKER_PROPERTY, broker);
        properties.put("resettle.worker.threads", String.valueOf(threads));
        // Per partition thread: its lock, a priceLines cursor and its chunk transaction; plus the repository's.
        properties.putIfAbsent("spring.datasource.hikari.maximum-pool-size", String.valueOf(Math.max(10, 3 * threads + 4)));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ResettleApplication.class)
                .web(WebApplicationType.NONE)
                .properties(properties)
                .logStartupInfo(false)
                .run();
        CountDownLatch closed = new CountDownLatch(1);
        context.addApplicationListener((ContextClosedEvent e) -> closed.countDown());
        List<String> queues = context.getBean(RemoteChannels.class).startConsuming();
        out.printf("Resettle worker %s ready: %d thread(s) per queue, queues %s on %s (stop with Ctrl-C)%n",
                PartitionClaims.WORKER, threads, String.join(", ", queues), RemoteSettings.redacted(broker));
        out.flush();
        closed.await();
        return 0;
    }
}
