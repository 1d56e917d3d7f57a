package io.resettle.bench;

import io.resettle.remote.RemoteSettings;
import io.resettle.remote.Worker;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * {@code resettle bench --workers N}: starts N {@code resettle worker} JVMs on this machine, runs
 * the bench with remote partitions, then prints the per-partition overhead (request to start,
 * claim to start, the manager's completion lag, worker start) and per worker the partitions,
 * lines, busy time and CPU time, so the JVM's and PostgreSQL's shares can be read
 * (docs/scaling.md).
 */
public final class RemoteBench {

    private record Worker(Process process, Path log, double startSeconds, Duration cpuAtReady) {
    }

    private RemoteBench() {
    }

    public static int run(Bench.Settings settings, int workerCount, String brokerOption, PrintStream out) throws Exception {
        if (workerCount < 1) {
            throw new IllegalArgumentException("--workers " + workerCount + " must be at least 1");
        }
        String broker = RemoteSettings.brokerUrl(brokerOption);
        RemoteSettings.refuseUnlessReachable(broker);
        String server = BenchDatabase.serverUrl();
        String database = null;
        String url = settings.db();
        if (url == null) {
            database = "resettle_bench_" + DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").format(LocalDateTime.now());
            execute(server, "CREATE DATABASE " + database);
            url = BenchDatabase.withDatabase(server, database);
        }
        RemoteSettings.refuseUnlessShared(url, "bench --workers");
        List<Worker> workers = new ArrayList<>();
        Path logs = Files.createTempDirectory("resettle-bench-workers-");
        try {
            // One at a time: the first applies the migrations, the others find them applied.
            for (int i = 1; i <= workerCount; i++) {
                workers.add(startWorker(url, broker, logs.resolve("worker-" + i + ".log")));
                out.printf("bench: worker %d (pid %d) ready in %.1f s%n", i, workers.get(i - 1).process().pid(),
                        workers.get(i - 1).startSeconds());
            }
            Map<String, Object> remote = Map.of(RemoteSettings.MODE_PROPERTY, "remote", RemoteSettings.BROKER_PROPERTY, broker);
            int exit = Bench.run(new Bench.Settings(settings.lines(), settings.groups(), settings.subAccounts(),
                    settings.seed(), url, settings.json(), settings.policy()), out, remote);
            Thread.sleep(500);
            printOverhead(url, workers, out);
            return exit;
        } finally {
            for (Worker worker : workers) {
                worker.process().destroy();
            }
            for (Worker worker : workers) {
                if (!worker.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    worker.process().destroyForcibly();
                }
            }
            deleteQueues(broker, url);
            if (database != null) {
                execute(server, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    private static Worker startWorker(String url, String broker, Path log) throws IOException, InterruptedException {
        String javaBinary = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("java.class.path");
        List<String> command = new ArrayList<>(List.of(javaBinary));
        if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)) {
            command.addAll(List.of("-jar", classPath));
        } else {
            command.addAll(List.of("-cp", classPath, "io.resettle.cli.ResettleCommandLine"));
        }
        command.addAll(List.of("worker", "--db", url, "--broker", broker, "--threads", "1"));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (!Files.readString(log).contains(" ready: ")) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                process.destroyForcibly();
                throw new IllegalStateException("worker did not start; its output: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
        return new Worker(process, log, (System.nanoTime() - start) / 1e9, cpu(process));
    }

    private static Duration cpu(Process process) {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private static void printOverhead(String url, List<Worker> workers, PrintStream out) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            out.printf("%nremote partitions (%d worker JVMs, 1 thread each)%n", workers.size());
            out.printf("  %-18s %10s %14s %14s %14s %14s%n", "step", "partitions", "first start s", "median wait s",
                    "claim→start ms", "completion lag s");
            for (String step : List.of("ingestExportFile", "priceLinesRange")) {
                String manager = step.equals("ingestExportFile") ? "ingestExportFiles" : "priceLines";
                // completion lag: from the last partition's end to the manager step's end (its polling)
                try (ResultSet rs = statement.executeQuery("SELECT COUNT(*),"
                        + " MIN(EXTRACT(EPOCH FROM (s.start_time - s.create_time))),"
                        + " PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM (s.start_time - s.create_time))),"
                        + " AVG(EXTRACT(EPOCH FROM (s.start_time - c.claimed_at))) * 1000,"
                        + " (SELECT EXTRACT(EPOCH FROM (MAX(m.end_time) - MAX(x.end_time))) FROM batch_step_execution m,"
                        + " batch_step_execution x WHERE m.step_name = '" + manager + "' AND x.step_name LIKE '" + step + ":%')"
                        + " FROM batch_step_execution s JOIN partition_claim c ON c.step_execution_id = s.step_execution_id"
                        + " WHERE s.step_name LIKE '" + step + ":%'")) {
                    rs.next();
                    out.printf(Locale.ROOT, "  %-18s %10d %14.3f %14.3f %14.1f %14.3f%n", step, rs.getLong(1), rs.getDouble(2),
                            rs.getDouble(3), rs.getDouble(4), rs.getDouble(5));
                }
            }
            out.printf("%n  %-28s %10s %10s %10s %10s %10s %12s %10s%n", "worker", "start s", "partitions", "lines",
                    "busy s", "lines/s", "CPU s (run)", "CPU/busy");
            Map<String, Worker> byName = new LinkedHashMap<>();
            workers.forEach(w -> byName.put(String.valueOf(w.process().pid()), w));
            try (ResultSet rs = statement.executeQuery("SELECT c.worker, COUNT(*), SUM(s.read_count),"
                    + " SUM(EXTRACT(EPOCH FROM (s.end_time - s.start_time))) FROM partition_claim c"
                    + " JOIN batch_step_execution s ON s.step_execution_id = c.step_execution_id GROUP BY c.worker ORDER BY c.worker")) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    Worker worker = byName.get(name.split("@", 2)[0]);
                    double busy = rs.getDouble(4);
                    double cpu = worker == null ? Double.NaN
                            : (cpu(worker.process()).minus(worker.cpuAtReady()).toMillis()) / 1000.0;
                    out.printf(Locale.ROOT, "  %-28s %10.1f %10d %,10d %10.2f %,10.0f %12.2f %10.2f%n", name,
                            worker == null ? Double.NaN : worker.startSeconds(), rs.getLong(2), rs.getLong(3), busy,
                            busy > 0 ? rs.getLong(3) / busy : 0, cpu, busy > 0 ? cpu / busy : 0);
                }
            }
            // The workers' PostgreSQL sessions are still open: their server processes' CPU is the
            // partitions' database share (PostgreSQL on this machine only: read from /proc).
            double workerBackendCpu = 0;
            int backends = 0;
            try (ResultSet rs = statement.executeQuery("SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND pid <> pg_backend_pid()")) {
                while (rs.next()) {
                    double cpu = CpuMeter.processSeconds(rs.getInt(1));
                    if (!Double.isNaN(cpu)) {
                        workerBackendCpu += cpu;
                        backends++;
                    }
                }
            }
            double workerCpu = 0;
            for (Worker worker : workers) {
                workerCpu += cpu(worker.process()).minus(worker.cpuAtReady()).toMillis() / 1000.0;
            }
            if (backends > 0) {
                out.printf(Locale.ROOT, "%n  partitions' CPU: worker JVMs %.2f s, their %d PostgreSQL sessions %.2f s"
                        + " (JVM share %.0f %%, PostgreSQL share %.0f %%)%n", workerCpu, backends, workerBackendCpu,
                        100 * workerCpu / (workerCpu + workerBackendCpu), 100 * workerBackendCpu / (workerCpu + workerBackendCpu));
            } else {
                out.printf("%n  partitions' CPU: worker JVMs %.2f s (PostgreSQL's side not measured: its server is not on this machine)%n",
                        workerCpu);
            }
            try (ResultSet rs = statement.executeQuery("SELECT active_time / 1000 FROM pg_stat_database"
                    + " WHERE datname = current_database()")) {
                rs.next();
                out.printf(Locale.ROOT, "%n  PostgreSQL active time in this database (all sessions, the whole bench"
                        + " with its baseline): %.2f s%n", rs.getDouble(1));
            }
            out.printf(Locale.ROOT, "  manager JVM CPU (generate, non-partitioned steps, baseline client): %.2f s%n",
                    ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO).toMillis() / 1000.0);
        }
    }

    private static void deleteQueues(String broker, String url) {
        String database;
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT current_database()")) {
            rs.next();
            database = rs.getString(1);
        } catch (SQLException e) {
            return;
        }
        CachingConnectionFactory factory = new CachingConnectionFactory(URI.create(broker));
        try {
            RabbitAdmin admin = new RabbitAdmin(factory);
            for (String step : List.of("ingestExportFile", "priceLinesRange")) {
                admin.deleteQueue("resettle.partitions." + database + "." + step);
            }
        } finally {
            factory.destroy();
        }
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
