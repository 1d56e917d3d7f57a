package io.resettle.cli;

import io.resettle.ResettleApplication;
import io.resettle.remote.RemoteSettings;
import io.resettle.run.AuditTrail;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Option;

/**
 * A command that runs inside the Spring application on the chosen database. The log goes to a
 * file ({@link #logFile()}); the console shows only the command's own lines, unless {@code --debug}.
 */
abstract class SpringCommand extends PlainCommand {

    @Option(names = "--db", paramLabel = "URL", order = 90,
            description = "JDBC URL of the database (else $RESETTLE_DB_URL, else the embedded H2 file ./data/resettle)")
    String db;

    @Option(names = "--partitions", paramLabel = "local|remote", order = 91,
            description = "where partitioned steps run (else $RESETTLE_PARTITIONING, else local); remote: on resettle"
                    + " worker processes, needs PostgreSQL and RabbitMQ (docs/scaling.md)")
    String partitions;

    @Option(names = "--broker", paramLabel = "URI", order = 92,
            description = "RabbitMQ for remote partitions (else $RESETTLE_BROKER_URL, else amqp://guest:guest@127.0.0.1:5672)")
    String broker;

    @FunctionalInterface
    interface InContext {
        int run(ConfigurableApplicationContext context) throws Exception;
    }

    @Override
    public Integer call() throws Exception {
        try (ConfigurableApplicationContext context = start(WebApplicationType.NONE, Map.of())) {
            try {
                return run(context);
            } catch (Exception e) {
                // The console gets the short message (Failures); the log keeps the whole story.
                if (Failures.isRefusal(e)) {
                    LoggerFactory.getLogger(getClass()).info("refused: {}", e.getMessage());
                } else {
                    LoggerFactory.getLogger(getClass()).error("failed", e);
                }
                throw e;
            }
        }
    }

    abstract int run(ConfigurableApplicationContext context) throws Exception;

    ConfigurableApplicationContext start(WebApplicationType type, Map<String, Object> commandProperties) {
        Map<String, Object> properties = new HashMap<>(root.extraProperties);
        properties.putAll(commandProperties);
        properties.put("spring.datasource.url", databaseUrl());
        properties.putAll(RemoteSettings.managerProperties(partitions, broker, databaseUrl()));
        properties.putIfAbsent("logging.file.name", logFile().toString());
        if (!root.debug && type == WebApplicationType.NONE) {
            properties.putIfAbsent("logging.threshold.console", "OFF");
            properties.putIfAbsent("resettle.console-progress", "true");
        }
        return new SpringApplicationBuilder(ResettleApplication.class)
                .web(type)
                .properties(properties)
                .logStartupInfo(false)
                .run();
    }

    /**
     * {@code --db}, else {@code $RESETTLE_DB_URL}, else the H2 file ./data/resettle in AUTO_SERVER
     * mode: the first process to open it serves it to the others, so commands run beside {@code serve}.
     */
    String databaseUrl() {
        String url = db;
        if (url == null || url.isBlank()) {
            url = System.getenv("RESETTLE_DB_URL");
        }
        if (url == null || url.isBlank()) {
            url = "jdbc:h2:file:" + Path.of("data", "resettle").toAbsolutePath() + ";AUTO_SERVER=TRUE";
        }
        return url;
    }

    /** {@code $RESETTLE_LOG}, else ./logs/resettle.log. */
    static Path logFile() {
        String configured = System.getenv("RESETTLE_LOG");
        return (configured == null || configured.isBlank() ? Path.of("logs", "resettle.log") : Path.of(configured))
                .toAbsolutePath().normalize();
    }

    /**
     * Runs an action that changes the state of a period and appends what came of it to the audit
     * log, as the dashboard does for its own actions (issue 14.7).
     */
    int audited(ConfigurableApplicationContext context, String user, String action, String parameters, JobReport report,
            InContext body) throws Exception {
        AuditTrail trail = context.getBean(AuditTrail.class);
        String recorded = parameters + " (command line)";
        int exit;
        try {
            exit = body.run(context);
        } catch (Exception e) {
            boolean refused = Failures.isRefusal(e);
            trail.append(user, action, recorded, refused ? "REFUSED" : "FAILED", Failures.oneLine(e));
            throw e;
        }
        String outcome = switch (exit) {
            case ResettleCommandLine.OK, ResettleCommandLine.BREAKS -> "OK";
            case ResettleCommandLine.REFUSED -> "REFUSED";
            default -> "FAILED";
        };
        trail.append(user, action, recorded, outcome, report.lastResult() == null ? "done" : report.lastResult());
        return exit;
    }

    static String userOr(String user) {
        return user != null && !user.isBlank() ? user : System.getProperty("user.name", "unknown");
    }
}
