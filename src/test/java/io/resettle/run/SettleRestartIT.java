package io.resettle.run;

import io.resettle.cli.ResettleCommandLine;
import static org.assertj.core.api.Assertions.assertThat;

import io.resettle.generate.DataSetGenerator;
import io.resettle.generate.GeneratorOptions;
import io.resettle.support.Cli;
import io.resettle.support.Sql;
import io.resettle.support.TestDatabases;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * R11.4: {@code resettle settle} runs as a separate process on PostgreSQL and is killed with
 * SIGKILL after some chunks of {@code priceLines} committed; while it runs a second launch of the
 * period is refused; {@code resettle restart} resumes it, and every output file is byte for byte
 * the file of an uninterrupted run of the same data.
 */
class SettleRestartIT {

    static final Path JAR = Path.of("target", "resettle.jar");

    @TempDir
    Path work;

    @Test
    void aKilledSettleRestartsToByteIdenticalFiles() throws Exception {
        assertThat(JAR).as("the Boot jar is built by the package phase before integration tests").exists();
        Path data = work.resolve("data");
        DataSetGenerator.generate(new GeneratorOptions(60_000, 6, 30, 11), data);
        Cli killed = new Cli(TestDatabases.newPostgres());
        Cli uninterrupted = new Cli(TestDatabases.newPostgres());
        Path outKilled = work.resolve("out-killed");
        Path outUninterrupted = work.resolve("out-uninterrupted");
        for (Cli cli : List.of(killed, uninterrupted)) {
            assertThat(cli.run("ingest", "--period", "2026-10", "--data", data.toString(), "--out", work.resolve("ingest").toString()))
                    .isZero();
        }

        // 12 chunks of pricing, two at a time, 2 s each: after the fifth commit about 8 s are left for
        // the two refused launches below before the kill (at 200 ms they sometimes took longer).
        Process process = new ProcessBuilder(javaBinary(), "-Dresettle.fault.chunk-delay-ms=2000", "-jar", JAR.toString(),
                "settle", "--period", "2026-10", "--out", outKilled.toString(), "--db", killed.databaseUrl())
                .redirectErrorStream(true).redirectOutput(work.resolve("settle.log").toFile()).start();
        try {
            waitForCommittedChunks(killed.databaseUrl(), 5, process);
            assertThat(killed.run("settle", "--period", "2026-10", "--out", outKilled.toString()))
                    .as("a second launch while the first runs").isEqualTo(ResettleCommandLine.REFUSED);
            String running = Sql.value(killed.databaseUrl(), "SELECT MAX(job_execution_id) FROM batch_job_execution");
            assertThat(killed.run("restart", "--execution", running))
                    .as("restarting a run that is alive in another process").isEqualTo(ResettleCommandLine.REFUSED);
        } finally {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Sql.value(killed.databaseUrl(), "SELECT status FROM batch_job_execution e JOIN batch_job_instance i"
                + " ON i.job_instance_id = e.job_instance_id WHERE i.job_name = 'settle'")).isEqualTo("STARTED");
        String execution = Sql.value(killed.databaseUrl(), "SELECT MAX(job_execution_id) FROM batch_job_execution");
        long committed = Long.parseLong(Sql.value(killed.databaseUrl(),
                "SELECT COUNT(*) FROM invoice_line WHERE period = '2026-10' AND revision = 1"));
        assertThat(committed).isBetween(5_000L, 59_000L);

        int restarted = killed.run("restart", "--execution", execution);
        int straight = uninterrupted.run("settle", "--period", "2026-10", "--out", outUninterrupted.toString());
        assertThat(restarted).isEqualTo(straight).isIn(ResettleCommandLine.OK, ResettleCommandLine.BREAKS);

        List<String> names = fileNames(outUninterrupted.resolve("2026-10/r1"));
        assertThat(names).contains("invoice-lines.csv", "invoices.csv", "group-statements.csv", "prepaid-balances.csv",
                "reconciliation.csv", "rejects.csv", "manifest.json", "settlement-2026-10-r1.xlsx");
        assertThat(fileNames(outKilled.resolve("2026-10/r1"))).isEqualTo(names);
        for (String name : names) {
            assertThat(Files.readAllBytes(outKilled.resolve("2026-10/r1").resolve(name))).as(name)
                    .isEqualTo(Files.readAllBytes(outUninterrupted.resolve("2026-10/r1").resolve(name)));
        }
        assertThat(Files.readString(outKilled.resolve("2026-10/r1/invoice-lines.csv")).lines().count()).isEqualTo(60_001);
    }

    private static void waitForCommittedChunks(String url, int chunks, Process process) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive()).as("the settle process ended before it could be killed").isTrue();
            String commits = Sql.value(url, "SELECT SUM(commit_count) FROM batch_step_execution WHERE step_name LIKE 'priceLinesRange:%'");
            if (commits != null && !commits.equals("null") && Long.parseLong(commits) >= chunks) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("priceLines did not commit " + chunks + " chunks in time");
    }

    private static List<String> fileNames(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe" : "")).toString();
    }
}
