package io.resettle.ingest.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.resettle.cli.ResettleCommandLine;
import io.resettle.support.Cli;
import io.resettle.support.DataSets;
import io.resettle.support.Sql;
import io.resettle.support.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: the corpus of bad inputs under {@code src/test/resources/corpus}, each ingested over the
 * {@code basic} data set. Every case: exit 0, no stack trace printed, the other files ingest, the
 * bad file gets its status and reasons, and each file's accepted + rejected rows equal its data rows.
 */
class BadInputCorpusIT {

    /** What a case must give for its file: status, reasons in rejects.csv, accepted rows. */
    record Expected(String file, String status, Set<String> reasons, long accepted) {
    }

    private static final Map<String, Expected> CASES = Map.ofEntries(
            Map.entry("truncated-last-row", new Expected("k-cut.csv", "ACCEPTED", Set.of("MALFORMED_ROW"), 2)),
            Map.entry("fewer-cells", new Expected("k-fewer.csv", "ACCEPTED", Set.of("MALFORMED_ROW"), 2)),
            Map.entry("more-cells", new Expected("k-more.csv", "ACCEPTED", Set.of("MALFORMED_ROW"), 2)),
            Map.entry("duplicate-column", new Expected("k-dup.csv", "REJECTED", Set.of("DUPLICATE_COLUMN"), 0)),
            Map.entry("long-product-code", new Expected("k-long.csv", "ACCEPTED", Set.of("VALUE_TOO_LONG"), 4)),
            Map.entry("long-record-id", new Expected("k-long-id.csv", "ACCEPTED", Set.of("VALUE_TOO_LONG"), 4)),
            Map.entry("huge-amount", new Expected("k-huge.csv", "ACCEPTED", Set.of("BAD_NUMBER"), 4)),
            Map.entry("absurd-exponent", new Expected("k-exp.csv", "ACCEPTED", Set.of("BAD_NUMBER"), 5)),
            Map.entry("nul-byte", new Expected("k-nul.csv", "REJECTED", Set.of("UNREADABLE_ENCODING"), 0)),
            Map.entry("unbalanced-quote", new Expected("k-quote.csv", "REJECTED", Set.of("MALFORMED_ROW"), 0)),
            Map.entry("unbalanced-quote-at-end", new Expected("k-quote-end.csv", "REJECTED", Set.of("MALFORMED_ROW"), 0)),
            Map.entry("text-after-quote", new Expected("k-after-quote.csv", "REJECTED", Set.of("MALFORMED_ROW"), 0)),
            Map.entry("far-date", new Expected("k-date.csv", "ACCEPTED", Set.of("BAD_DATE"), 4)),
            Map.entry("lower-case-currency", new Expected("k-cny.csv", "ACCEPTED", Set.of(), 2)),
            Map.entry("missing-column", new Expected("k-missing.csv", "REJECTED", Set.of("MISSING_COLUMN"), 0)));

    /** Cases whose values the database itself would refuse: run on PostgreSQL too. */
    private static final List<String> DATABASE_CASES = List.of("long-product-code", "long-record-id", "huge-amount",
            "absurd-exponent", "nul-byte", "far-date", "lower-case-currency");

    @TempDir
    Path work;

    @Test
    void everyCaseOnH2() throws Exception {
        for (String name : new TreeSet<>(CASES.keySet())) {
            run(name, TestDatabases.newH2(work.resolve("h2-" + name)));
        }
    }

    @Test
    void theDatabaseCasesOnPostgres() throws Exception {
        for (String name : DATABASE_CASES) {
            run(name, TestDatabases.newPostgres());
        }
    }

    private void run(String name, String databaseUrl) throws IOException {
        Path data = corpusCase(name, work.resolve(name + "-" + Math.abs(databaseUrl.hashCode())));
        Path out = data.resolveSibling(data.getFileName() + "-out");
        Cli cli = new Cli(databaseUrl);
        Console console = Console.capture(() -> cli.run("ingest", "--period", "2026-10", "--data", data.toString(),
                "--out", out.toString()));
        assertThat(console.exitCode()).as(name + ": " + console.text()).isEqualTo(ResettleCommandLine.OK);
        assertThat(console.text()).as(name).doesNotContain("\tat ").doesNotContain("Exception:");

        Expected expected = CASES.get(name);
        String file = "exports/2026-10/" + expected.file();
        List<CSVRecord> files = csv(out.resolve("2026-10/ingest/files.csv"));
        CSVRecord bad = files.stream().filter(r -> r.get("file").equals(file)).findFirst().orElseThrow();
        assertThat(bad.get("status")).as(name).isEqualTo(expected.status());
        assertThat(Long.parseLong(bad.get("accepted"))).as(name).isEqualTo(expected.accepted());
        assertThat(Long.parseLong(bad.get("rows"))).as(name + " rows").isEqualTo(dataRows(data.resolve(file)));
        for (CSVRecord f : files) {
            assertThat(Long.parseLong(f.get("accepted")) + Long.parseLong(f.get("rejected"))).as(name + " " + f.get("file"))
                    .isEqualTo(Long.parseLong(f.get("rows")));
            if (!f.get("file").equals(file)) {
                assertThat(f.get("status")).as(name + ": the other files ingest").isEqualTo("ACCEPTED");
            }
        }
        Set<String> reasons = new TreeSet<>();
        csv(out.resolve("2026-10/ingest/rejects.csv")).stream().filter(r -> r.get("file").equals(file))
                .forEach(r -> reasons.add(r.get("reason")));
        assertThat(reasons).as(name).isEqualTo(expected.reasons());
        assertThat(Sql.value(databaseUrl, "SELECT COUNT(*) FROM billing_line WHERE file = '" + file + "'"))
                .as(name).isEqualTo(bad.get("status").equals("ACCEPTED") ? String.valueOf(expected.accepted()) : "0");
    }

    /** The reader's line mode after broken quoting is restartable: a failed chunk, then restart, gives the same rows (R11.4). */
    @Test
    void aFileWithBrokenQuotingRestartsToTheSameRows_R11_4() throws IOException {
        Path data = corpusCase("unbalanced-quote", work.resolve("restart"));
        Cli interrupted = new Cli(TestDatabases.newPostgres());
        Cli uninterrupted = new Cli(TestDatabases.newPostgres());
        String[] args = {"ingest", "--period", "2026-10", "--data", data.toString(), "--out"};
        assertThat(interrupted.run(Map.of("resettle.fault.fail-at-row", "3", "resettle.fault.file", "k-quote.csv",
                "resettle.ingest.chunk-size", "2"), concat(args, work.resolve("out-a").toString())))
                .isEqualTo(ResettleCommandLine.FAILED);
        String execution = Sql.value(interrupted.databaseUrl(),
                "SELECT job_execution_id FROM batch_job_execution WHERE status = 'FAILED'");
        assertThat(interrupted.run(Map.of("resettle.ingest.chunk-size", "2"), "restart", "--execution", execution)).isZero();
        assertThat(uninterrupted.run(concat(args, work.resolve("out-b").toString()))).isZero();
        for (String table : List.of("SELECT file, row_no, reason, detail, raw FROM ingest_reject ORDER BY file, row_no",
                "SELECT file, row_count, accepted, rejected, status FROM ingest_file ORDER BY file",
                "SELECT line_id, file FROM billing_line ORDER BY line_id")) {
            assertThat(Sql.rows(interrupted.databaseUrl(), table)).as(table)
                    .isEqualTo(Sql.rows(uninterrupted.databaseUrl(), table));
        }
        assertThat(Files.readAllBytes(work.resolve("out-a/2026-10/ingest/rejects.csv")))
                .isEqualTo(Files.readAllBytes(work.resolve("out-b/2026-10/ingest/rejects.csv")));
    }

    private static String[] concat(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    /** Data rows as a reader of the file counts them: its non-empty lines after the header. */
    static long dataRows(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        return Math.max(0, text.lines().filter(l -> !l.isEmpty()).count() - 1);
    }

    static Path corpusCase(String name, Path target) {
        Path data = DataSets.copy("basic", target);
        DataSets.copyTree(Path.of("src/test/resources/corpus", name), data);
        return data;
    }

    static List<CSVRecord> csv(Path file) throws IOException {
        try (var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(Files.newBufferedReader(file))) {
            return parser.getRecords();
        }
    }

    /** What a command printed on stdout and stderr (logging included), and its exit code. */
    record Console(int exitCode, String text) {

        static Console capture(java.util.function.IntSupplier command) {
            PrintStream out = System.out;
            PrintStream err = System.err;
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            PrintStream both = new PrintStream(bytes, true, StandardCharsets.UTF_8);
            System.setOut(both);
            System.setErr(both);
            int code;
            try {
                code = command.getAsInt();
            } finally {
                System.setOut(out);
                System.setErr(err);
            }
            String text = bytes.toString(StandardCharsets.UTF_8);
            out.print(text);
            return new Console(code, text);
        }
    }
}
