package io.resettle.remote;

import io.resettle.support.RefusedException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where partitions run, decided before the application starts: {@code local} (threads of this JVM,
 * the default, no broker) or {@code remote} (sent over RabbitMQ to {@code resettle worker}
 * processes). Remote partitioning is refused on the embedded H2 file database (workers cannot share
 * it) and when the broker cannot be reached, each with a message that says what to do.
 */
public final class RemoteSettings {

    public static final String DEFAULT_BROKER = "amqp://guest:guest@127.0.0.1:5672";
    public static final String MODE_PROPERTY = "resettle.partitioning";
    public static final String BROKER_PROPERTY = "resettle.broker.url";

    private RemoteSettings() {
    }

    /** {@code --partitions}, else the property or $RESETTLE_PARTITIONING, else {@code local}. */
    public static String mode(String option) {
        String mode = option;
        if (mode == null) {
            mode = System.getProperty(MODE_PROPERTY, System.getenv("RESETTLE_PARTITIONING"));
        }
        mode = mode == null || mode.isBlank() ? "local" : mode.strip().toLowerCase(Locale.ROOT);
        if (!mode.equals("local") && !mode.equals("remote")) {
            throw new IllegalArgumentException("--partitions " + mode + " is neither local nor remote");
        }
        return mode;
    }

    /** {@code --broker}, else $RESETTLE_BROKER_URL, else {@value #DEFAULT_BROKER}. */
    public static String brokerUrl(String option) {
        String url = option;
        if (url == null || url.isBlank()) {
            url = System.getProperty(BROKER_PROPERTY, System.getenv("RESETTLE_BROKER_URL"));
        }
        return url == null || url.isBlank() ? DEFAULT_BROKER : url.strip();
    }

    /**
     * The Spring properties of a manager (ingest, settle, serve, the scheduler) for the chosen
     * mode; for {@code remote}, after refusing H2 and an unreachable broker.
     */
    public static Map<String, Object> managerProperties(String partitionsOption, String brokerOption, String databaseUrl) {
        Map<String, Object> properties = new LinkedHashMap<>();
        String mode = mode(partitionsOption);
        if (mode.equals("remote")) {
            properties.put(MODE_PROPERTY, mode);
            String broker = brokerUrl(brokerOption);
            refuseUnlessShared(databaseUrl, "--partitions remote");
            refuseUnlessReachable(broker);
            properties.put(BROKER_PROPERTY, broker);
        }
        return properties;
    }

    public static void refuseUnlessShared(String databaseUrl, String what) {
        if (databaseUrl == null || !databaseUrl.startsWith("jdbc:postgresql:")) {
            throw new RefusedException(what + " needs the shared PostgreSQL database (--db jdbc:postgresql://host/db):"
                    + " workers on other machines cannot open the embedded H2 file database " + databaseUrl
                    + "; run with --partitions local instead");
        }
    }

    /** Opens and closes one connection to the broker, so a run never starts without one. */
    public static void refuseUnlessReachable(String brokerUrl) {
        com.rabbitmq.client.ConnectionFactory factory = new com.rabbitmq.client.ConnectionFactory();
        try {
            factory.setUri(brokerUrl);
        } catch (Exception e) {
            throw new RefusedException("--broker " + redacted(brokerUrl) + " is not an amqp:// URI: " + e.getMessage());
        }
        factory.setConnectionTimeout(5_000);
        factory.setAutomaticRecoveryEnabled(false);
        try (com.rabbitmq.client.Connection connection = factory.newConnection("resettle-probe")) {
            connection.getServerProperties();
        } catch (Exception e) {
            String reason = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            throw new RefusedException("RabbitMQ at " + redacted(brokerUrl) + " is not reachable (" + reason
                    + "); start it, point --broker / RESETTLE_BROKER_URL at it, or run with --partitions local");
        }
    }

    /** The URI without its password, for messages and logs. */
    static String redacted(String brokerUrl) {
        try {
            URI uri = URI.create(brokerUrl);
            if (uri.getUserInfo() == null) {
                return brokerUrl;
            }
            String user = uri.getUserInfo().split(":", 2)[0];
            return uri.getScheme() + "://" + user + "@" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                    + (uri.getRawPath() == null ? "" : uri.getRawPath());
        } catch (IllegalArgumentException e) {
            return "(unparseable URI)";
        }
    }
}
