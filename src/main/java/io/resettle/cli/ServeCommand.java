package io.resettle.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code resettle serve}: the dashboard, its actions and the scheduler (docs/dashboard.md). */
@Command(name = "serve", sortOptions = false, description = "The dashboard, its actions and the scheduler (docs/dashboard.md).")
class ServeCommand extends SpringCommand {

    @Option(names = "--port", paramLabel = "N", description = "HTTP port (default 8080; 0: any free port)")
    Integer port;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "sample-data",
            description = "the data set folder (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out", description = "output folder (default: ${DEFAULT-VALUE})")
    Path outDir;

    /** Starts the dashboard and the scheduler and blocks until the JVM is asked to stop. */
    @Override
    public Integer call() throws Exception {
        Map<String, Object> properties = new HashMap<>();
        properties.put("resettle.serve", "true");
        properties.put("resettle.scheduler.enabled", root.extraProperties.getOrDefault("resettle.scheduler.enabled", "true"));
        properties.put("resettle.data", ResettleCommandLine.absolute(data).toString());
        properties.put("resettle.out", ResettleCommandLine.absolute(outDir).toString());
        if (port != null) {
            properties.put("server.port", String.valueOf(port));
        }
        ConfigurableApplicationContext context = start(WebApplicationType.SERVLET, properties);
        CountDownLatch closed = new CountDownLatch(1);
        context.addApplicationListener((ContextClosedEvent e) -> closed.countDown());
        out().printf("Resettle dashboard on http://localhost:%s/ (stop with Ctrl-C)%n",
                context.getEnvironment().getProperty("local.server.port"));
        closed.await();
        return ResettleCommandLine.OK;
    }

    @Override
    int run(ConfigurableApplicationContext context) {
        throw new UnsupportedOperationException("serve runs its own application");
    }
}
