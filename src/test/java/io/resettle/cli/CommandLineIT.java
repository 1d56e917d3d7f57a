package io.resettle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.resettle.support.DataSets;
import io.resettle.support.Sql;
import io.resettle.support.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as a user meets it (issue 14 items 3–6, 8 and the audit of 7; issue 15.6), on
 * PostgreSQL and, beside a running {@code serve}, on the embedded H2 default.
 */
class CommandLineIT {

    @TempDir
    Path work;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private String db;

    private int run(String... args) {
        out.reset();
        err.reset();
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--db");
        all.add(db);
        return ResettleCommandLine.run(all.toArray(String[]::new), Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private List<List<String>> audit() {
        return Sql.rows(db, "SELECT username, action, parameters, outcome FROM audit_log ORDER BY id");
    }

    private Path sampleData() {
        Path data = work.resolve("data");
        DataSets.copyTree(Path.of("sample-data"), data);
        return data;
    }

    @Test
    void settleShowsItsSteps_closedPeriodsRefuseIngest_cliActionsAreAudited_emptyMonthsSettle() throws Exception {
        db = TestDatabases.newPostgres();
        Path data = sampleData();
        String outDir = work.resolve("out").toString();

        // 14.6: settle shows each step and its progress (the steps print on the process's console).
        PrintStream console = System.out;
        ByteArrayOutputStream steps = new ByteArrayOutputStream();
        System.setOut(new PrintStream(steps, true, StandardCharsets.UTF_8));
        try {
            assertThat(run("demo", "--data", data.toString(), "--out", outDir)).isZero();
        } finally {
            System.setOut(console);
        }
        String progress = steps.toString(StandardCharsets.UTF_8);
        for (String step : List.of("computeGroupVolumes", "priceLines", "settleCommitments", "creditRebates",
                "buildInvoices", "buildStatements", "computeRebates", "accrueRebates", "settlePayouts", "reconcile",
                "writeInvoiceLines", "writeSettlementFiles", "publishSettlementFiles")) {
            assertThat(progress).contains("step " + step + " started").contains("step " + step + " COMPLETED in");
        }
        assertThat(progress).contains("[13/13]").doesNotContain("[14/13]");

        // 14.5: an execution that does not exist is a refusal of one line, not a raw exception.
        assertThat(run("restart", "--execution", "999")).isEqualTo(2);
        assertThat(err()).contains("there is no job execution 999").doesNotContain("Exception");
        assertThat(err().lines().count()).isEqualTo(1);

        // 14.7: close, reopen and settle from the command line are in the audit log, refusals too.
        assertThat(run("close", "--period", "2026-10", "--user", "ann")).isZero();
        assertThat(run("close", "--period", "2026-10", "--user", "ann")).isEqualTo(2);

        // 14.8: an ingest of a closed period is refused and leaves its ingest files as they were.
        Path filesCsv = Path.of(outDir, "2026-10", "ingest", "files.csv");
        String before = Files.readString(filesCsv);
        String ingests = Sql.value(db, "SELECT COUNT(*) FROM batch_job_instance WHERE job_name = 'ingest'");
        assertThat(run("ingest", "--period", "2026-10", "--data", data.toString(), "--out", outDir)).isEqualTo(2);
        assertThat(err()).contains("2026-10 is closed").contains("resettle reopen --period 2026-10");
        assertThat(Sql.value(db, "SELECT COUNT(*) FROM batch_job_instance WHERE job_name = 'ingest'")).isEqualTo(ingests);
        assertThat(Files.readString(filesCsv)).isEqualTo(before);

        assertThat(run("reopen", "--period", "2026-10", "--reason", "late correction", "--user", "ann")).isZero();
        assertThat(run("ingest", "--period", "2026-10", "--data", data.toString(), "--out", outDir)).isZero();
        assertThat(run("settle", "--period", "2026-10", "--rerun", "--out", outDir, "--user", "bob")).isIn(0, 3);

        List<List<String>> audit = audit();
        assertThat(audit).contains(
                List.of("ann", "close", "period=2026-10 (command line)", "OK"),
                List.of("ann", "close", "period=2026-10 (command line)", "REFUSED"),
                List.of("ann", "reopen", "period=2026-10 reason=late correction (command line)", "OK"),
                List.of("bob", "rerun", "period=2026-10 rerun (command line)", "OK"));
        assertThat(audit.stream().filter(row -> row.get(1).equals("ingest") && row.get(3).equals("REFUSED"))).hasSize(1);
        assertThat(audit.stream().filter(row -> row.get(1).equals("settle") && row.get(3).equals("OK"))).hasSize(3);

        // 14.3: a month whose ingest completed without any export file is settled, with zero lines.
        assertThat(run("ingest", "--period", "2026-11", "--data", data.toString(), "--out", outDir)).isZero();
        assertThat(out()).contains("no export files for 2026-11");
        assertThat(run("settle", "--period", "2026-11", "--out", outDir)).as(err()).isIn(0, 3);
        assertThat(out()).contains("2026-11 has no billing lines").contains("settled with zero lines");
        assertThat(Path.of(outDir, "2026-11", "r1", "manifest.json")).exists();
        // ... and a month never ingested is refused, saying so.
        assertThat(run("settle", "--period", "2026-12", "--out", outDir)).isEqualTo(2);
        assertThat(err()).contains("no ingest of 2026-12 has completed").contains("resettle ingest --period 2026-12");
    }

    @Test
    void aPostgresDatabaseThatDoesNotExistIsOneRefusal() {
        db = "jdbc:postgresql://127.0.0.1:5432/resettle_no_such_database?user=postgres";
        assertThat(run("ingest", "--period", "2026-10", "--data", "sample-data")).isEqualTo(2);
        assertThat(err()).contains("resettle_no_such_database").contains("does not exist").contains("createdb");
        assertThat(err().lines().count()).isEqualTo(2);
        assertThat(out()).isEmpty();
    }

    @Test
    void aDataSetProblemIsItsRefusalWithoutAStackTrace() throws Exception {
        Path data = sampleData();
        Path accounts = data.resolve("accounts.csv");
        Files.writeString(accounts, Files.readString(accounts).replaceFirst(",G-LX,PRIMARY,", ",G-NOPE,PRIMARY,"));
        CliProcess.Result result = CliProcess.run(work, Map.of(), "ingest", "--period", "2026-08", "--data",
                data.toString(), "--out", work.resolve("out").toString(), "--db", TestDatabases.newPostgres());
        assertThat(result.exit()).as(result.output()).isEqualTo(2);
        assertThat(result.output()).contains("resettle: refused:").contains("G-NOPE")
                .doesNotContain("\tat ").doesNotContain("Exception");
    }

    /** 14.5: the embedded default (H2, AUTO_SERVER) can be used while serve has it open. */
    @Test
    void theEmbeddedDefaultWorksBesideARunningServe() throws Exception {
        Path data = sampleData();
        Path folder = Files.createDirectories(work.resolve("here"));
        CliProcess serve = CliProcess.start(folder, Map.of("resettle.scheduler.enabled", "false"), "serve", "--port", "0",
                "--data", data.toString());
        try {
            long deadline = System.nanoTime() + 180_000_000_000L;
            while (!serve.output().contains("Resettle dashboard on") && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            assertThat(serve.output()).contains("Resettle dashboard on");
            CliProcess.Result ingest = CliProcess.run(folder, Map.of(), "ingest", "--period", "2026-08", "--data",
                    data.toString());
            assertThat(ingest.exit()).as(ingest.output()).isZero();
            assertThat(ingest.output()).contains("ingest 2026-08: execution").doesNotContain("in use");
        } finally {
            serve.stop();
        }
    }

    /** 15.6: two launches at once, in two processes: one runs, the other is refused as already running. */
    @Test
    void twoLaunchesAtOnceRunOneAndRefuseTheOther() throws Exception {
        db = TestDatabases.newPostgres();
        Path data = sampleData();
        String outDir = work.resolve("out").toString();
        assertThat(run("close", "--period", "2026-01")).isEqualTo(2); // creates the schema before the race
        // Each launch waits 4 s between its checks and the job's start: without one lock around both,
        // the second passes the check while the first waits, and both run.
        Map<String, String> slowLaunch = Map.of("resettle.fault.launch-delay-ms", "4000");
        for (String[] command : List.of(
                new String[] {"ingest", "--period", "2026-08", "--data", data.toString(), "--out", outDir, "--db", db},
                new String[] {"settle", "--period", "2026-08", "--out", outDir, "--db", db})) {
            CliProcess first = CliProcess.start(work, slowLaunch, command);
            CliProcess second = CliProcess.start(work, slowLaunch, command);
            CliProcess.Result a = first.await();
            CliProcess.Result b = second.await();
            String both = a.output() + "\n----\n" + b.output();
            assertThat(List.of(a.exit(), b.exit())).as(both).containsExactlyInAnyOrder(0, 2);
            assertThat(a.exit() == 2 ? a.output() : b.output()).as(both).contains("already running");
        }
        assertThat(Sql.value(db, "SELECT COUNT(*) FROM batch_job_execution e JOIN batch_job_instance i"
                + " ON i.job_instance_id = e.job_instance_id WHERE i.job_name = 'ingest'")).isEqualTo("1");
        assertThat(Sql.value(db, "SELECT COUNT(*) FROM period_run WHERE period = '2026-08'")).isEqualTo("1");
        assertThat(Sql.value(db, "SELECT status FROM period_run WHERE period = '2026-08'")).isEqualTo("COMPLETED");
    }
}
