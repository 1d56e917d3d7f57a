package io.resettle.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.resettle.generate.DataSetGenerator;
import io.resettle.generate.GeneratorOptions;
import io.resettle.cli.ResettleCommandLine;
import io.resettle.support.Cli;
import io.resettle.support.Sql;
import io.resettle.support.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Issue 17 on real RabbitMQ (127.0.0.1:5672, started by .ci/run) and PostgreSQL: partitions of
 * ingest and priceLines run on {@code resettle worker} processes (the Boot jar) and give the files
 * of a local run byte for byte; a worker killed mid-partition fails the job and {@code resettle
 * restart} reruns only the unfinished partitions, again to identical files; no worker, no broker
 * and H2 are each refused or failed with a clear message. Every queue is this test's own (a unique
 * prefix) and is deleted afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemotePartitioningIT {

    static final Path JAR = Path.of("target", "resettle.jar");
    static final String PERIOD = "2026-10";

    private final String prefix = "resettle-test-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private final List<Process> workers = new ArrayList<>();
    private final List<String> databases = new java.util.concurrent.CopyOnWriteArrayList<>();
    private Path work;
    private Path data;
    private Path localOut;

    @BeforeAll
    void generateAndSettleLocally() throws Exception {
        assertThat(JAR).as("the Boot jar is built by the package phase before integration tests").exists();
        work = Files.createTempDirectory("resettle-remote-it-");
        data = work.resolve("data");
        // 60,000 lines: eight ranges of 7,500 on two cores, two chunks of pricing each.
        DataSetGenerator.generate(new GeneratorOptions(60_000, 6, 30, 11), data);
        Cli local = new Cli(TestDatabases.newPostgres());
        localOut = work.resolve("out-local");
        assertThat(local.run("ingest", "--period", PERIOD, "--data", data.toString(), "--out", localOut.toString())).isZero();
        assertThat(local.run("settle", "--period", PERIOD, "--out", localOut.toString()))
                .isIn(ResettleCommandLine.OK, ResettleCommandLine.BREAKS);
    }

    @AfterAll
    void stopWorkersAndDeleteQueues() {
        workers.forEach(Process::destroyForcibly);
        CachingConnectionFactory factory = new CachingConnectionFactory(java.net.URI.create(RemoteSettings.DEFAULT_BROKER));
        try {
            RabbitAdmin admin = new RabbitAdmin(factory);
            for (String database : databases) {
                for (String step : List.of("ingestExportFile", "priceLinesRange")) {
                    admin.deleteQueue(queue(database, step));
                }
            }
        } finally {
            factory.destroy();
        }
    }

    @Test
    void twoWorkersGiveTheFilesOfALocalRun() throws Exception {
        Cli remote = newRemoteDatabase();
        CompletableFuture<Process> first = CompletableFuture.supplyAsync(() -> startWorker(remote, "a"));
        Process second = startWorker(remote, "b");
        first.join();
        Path out = work.resolve("out-remote");
        assertThat(remote.run(properties(), "ingest", "--period", PERIOD, "--data", data.toString(), "--out",
                out.toString(), "--partitions", "remote")).isZero();
        assertThat(remote.run(properties(), "settle", "--period", PERIOD, "--out", out.toString(), "--partitions", "remote"))
                .isIn(ResettleCommandLine.OK, ResettleCommandLine.BREAKS);

        assertSameFiles(localOut.resolve(PERIOD + "/r1"), out.resolve(PERIOD + "/r1"));
        assertSameFiles(localOut.resolve(PERIOD + "/ingest"), out.resolve(PERIOD + "/ingest"));
        // Every partition was claimed exactly once, and both workers took part in pricing.
        assertThat(Sql.value(remote.databaseUrl(), "SELECT COUNT(*) FROM batch_step_execution"
                + " WHERE step_name LIKE 'priceLinesRange:%' OR step_name LIKE 'ingestExportFile:%'"))
                .isEqualTo(Sql.value(remote.databaseUrl(), "SELECT COUNT(*) FROM partition_claim"));
        assertThat(Sql.value(remote.databaseUrl(), "SELECT COUNT(DISTINCT worker) FROM partition_claim"
                + " WHERE step_name LIKE 'priceLinesRange:%'")).isEqualTo("2");

        // A second delivery of a finished partition's request is dropped: the partition never runs twice.
        String done = Sql.value(remote.databaseUrl(), "SELECT MIN(step_execution_id) FROM batch_step_execution"
                + " WHERE step_name LIKE 'priceLinesRange:%'");
        String before = Sql.rows(remote.databaseUrl(), "SELECT status, read_count, write_count, commit_count, version"
                + " FROM batch_step_execution WHERE step_execution_id = " + done).toString();
        String database = Sql.value(remote.databaseUrl(), "SELECT current_database()");
        send(queue(database, "priceLinesRange"), database + "|priceLinesRange:" + done);
        waitFor(() -> logOf(second).contains("request for step execution " + done + " dropped")
                || logOf(first.join()).contains("request for step execution " + done + " dropped"),
                "a worker dropping the second delivery");
        assertThat(Sql.rows(remote.databaseUrl(), "SELECT status, read_count, write_count, commit_count, version"
                + " FROM batch_step_execution WHERE step_execution_id = " + done).toString()).isEqualTo(before);
    }

    @Test
    void aWorkerKilledMidPartitionFailsTheJobAndTheRestartFinishesIt() throws Exception {
        Cli remote = newRemoteDatabase();
        Path out = work.resolve("out-killed");
        assertThat(remote.run("ingest", "--period", PERIOD, "--data", data.toString(), "--out", out.toString())).isZero();
        // The slow one (3 s after each chunk) is killed after its first chunk; the other one does the rest.
        CompletableFuture<Process> slow = CompletableFuture.supplyAsync(() -> startWorker(remote, "slow",
                "-Dresettle.fault.chunk-delay-ms=3000"));
        Process healthy = startWorker(remote, "healthy");
        Process killed = slow.join();
        String killedName = killed.pid() + "@";

        CompletableFuture<Integer> settle = CompletableFuture.supplyAsync(() -> remote.run(properties(),
                "settle", "--period", PERIOD, "--out", out.toString(), "--partitions", "remote"));
        waitFor(() -> !Sql.rows(remote.databaseUrl(), "SELECT s.step_execution_id FROM batch_step_execution s"
                + " JOIN partition_claim c ON c.step_execution_id = s.step_execution_id WHERE c.worker LIKE '"
                + killedName + "%' AND s.status = 'STARTED' AND s.commit_count >= 1").isEmpty(),
                "the slow worker committing a chunk");
        killed.destroyForcibly();
        Instant killedAt = Instant.now();
        assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();

        int exit = settle.get(5, TimeUnit.MINUTES);
        Duration failedAfter = Duration.between(killedAt, Instant.now());
        assertThat(exit).isEqualTo(ResettleCommandLine.FAILED);
        // docs/scaling.md: a dead worker is seen within a poll interval; the others' partitions finish first.
        assertThat(failedAfter).isLessThan(Duration.ofSeconds(60));
        String execution = Sql.value(remote.databaseUrl(), "SELECT MAX(job_execution_id) FROM batch_job_execution");
        List<String> unfinished = Sql.rows(remote.databaseUrl(), "SELECT step_name FROM batch_step_execution"
                + " WHERE job_execution_id = " + execution + " AND step_name LIKE 'priceLinesRange:%' AND status <> 'COMPLETED'"
                + " ORDER BY step_name").stream().map(row -> row.get(0)).toList();
        assertThat(unfinished).isNotEmpty();
        assertThat(Sql.value(remote.databaseUrl(), "SELECT exit_message FROM batch_step_execution WHERE job_execution_id = "
                + execution + " AND step_name = '" + unfinished.get(0) + "'")).contains("stopped before finishing");

        assertThat(remote.run(properties(), "restart", "--execution", execution, "--partitions", "remote"))
                .isIn(ResettleCommandLine.OK, ResettleCommandLine.BREAKS);
        String restart = Sql.value(remote.databaseUrl(), "SELECT MAX(job_execution_id) FROM batch_job_execution");
        List<String> rerun = Sql.rows(remote.databaseUrl(), "SELECT step_name FROM batch_step_execution"
                + " WHERE job_execution_id = " + restart + " AND step_name LIKE 'priceLinesRange:%' ORDER BY step_name")
                .stream().map(row -> row.get(0)).toList();
        assertThat(rerun).as("only the unfinished partitions run again").isEqualTo(unfinished);
        assertSameFiles(localOut.resolve(PERIOD + "/r1"), out.resolve(PERIOD + "/r1"));

        // With no worker left, a run fails after the claim timeout, says why and writes no partition's rows.
        healthy.destroyForcibly();
        assertThat(healthy.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Map<String, Object> shortTimeout = new java.util.HashMap<>(properties());
        shortTimeout.put("resettle.remote.claim-timeout-seconds", "5");
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        int noWorker;
        System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
        try {
            noWorker = remote.run(shortTimeout, "settle", "--period", PERIOD, "--rerun", "--out", out.toString(),
                    "--partitions", "remote");
        } finally {
            System.setErr(originalErr);
        }
        String message = errors.toString(StandardCharsets.UTF_8);
        originalErr.print(message);
        assertThat(noWorker).isEqualTo(ResettleCommandLine.FAILED);
        assertThat(message).contains("no worker took the partitions of priceLinesRange within 5 s")
                .contains("resettle worker").doesNotContain("\tat ");
        assertThat(Sql.value(remote.databaseUrl(), "SELECT COUNT(*) FROM invoice_line WHERE period = '" + PERIOD
                + "' AND revision = 2 AND kind = 'CHARGE'")).isEqualTo("0");
        assertThat(out.resolve(PERIOD + "/r2/invoice-lines.csv")).doesNotExist();
    }

    @Test
    void refusesWithoutBrokerOrOnH2() throws IOException {
        Path h2 = Files.createTempDirectory(work, "h2");
        Cli embedded = new Cli(TestDatabases.newH2(h2));
        assertThat(embedded.run("settle", "--period", PERIOD, "--partitions", "remote")).isEqualTo(ResettleCommandLine.REFUSED);
        assertThat(embedded.run("worker")).isEqualTo(ResettleCommandLine.REFUSED);
        Cli postgres = new Cli(TestDatabases.newPostgres());
        assertThat(postgres.run("ingest", "--period", PERIOD, "--data", data.toString(), "--partitions", "remote",
                "--broker", "amqp://guest:guest@127.0.0.1:1")).isEqualTo(ResettleCommandLine.REFUSED);
        assertThat(postgres.run("worker", "--broker", "amqp://guest:guest@127.0.0.1:1")).isEqualTo(ResettleCommandLine.REFUSED);
        assertThat(Sql.value(postgres.databaseUrl(), "SELECT COUNT(*) FROM information_schema.tables"
                + " WHERE table_name = 'batch_job_execution'")).as("refused before anything started").isEqualTo("0");
    }

    private String queue(String database, String step) {
        return prefix + "partitions." + database + "." + step;
    }

    /** A new PostgreSQL database whose queues this test deletes afterwards. */
    private Cli newRemoteDatabase() {
        Cli cli = new Cli(TestDatabases.newPostgres());
        databases.add(Sql.value(cli.databaseUrl(), "SELECT current_database()"));
        return cli;
    }

    private Map<String, Object> properties() {
        return Map.of("resettle.broker.queue-prefix", prefix);
    }

    private Process startWorker(Cli cli, String name, String... jvmOptions) {
        try {
            List<String> command = new ArrayList<>(List.of(javaBinary()));
            command.addAll(List.of(jvmOptions));
            command.addAll(List.of("-Dresettle.broker.queue-prefix=" + prefix, "-jar", JAR.toString(), "worker",
                    "--db", cli.databaseUrl(), "--threads", "1"));
            Path log = work.resolve("worker-" + name + "-" + UUID.randomUUID().toString().substring(0, 4) + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            synchronized (workers) {
                workers.add(process);
            }
            logs.put(process, log);
            waitFor(() -> logOf(process).contains(" ready: "), "worker " + name + " to start");
            return process;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private final Map<Process, Path> logs = new java.util.concurrent.ConcurrentHashMap<>();

    private String logOf(Process process) {
        try {
            return Files.readString(logs.get(process));
        } catch (IOException e) {
            return "";
        }
    }

    private static void send(String queue, String text) {
        CachingConnectionFactory factory = new CachingConnectionFactory(java.net.URI.create(RemoteSettings.DEFAULT_BROKER));
        try {
            new RabbitTemplate(factory).convertAndSend("", queue, text);
        } finally {
            factory.destroy();
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    private static void assertSameFiles(Path expected, Path actual) throws IOException {
        List<String> names = fileNames(expected);
        assertThat(names).isNotEmpty();
        assertThat(fileNames(actual)).isEqualTo(names);
        for (String name : names) {
            assertThat(Files.readAllBytes(actual.resolve(name))).as(name).isEqualTo(Files.readAllBytes(expected.resolve(name)));
        }
    }

    private static List<String> fileNames(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe" : "")).toString();
    }
}
