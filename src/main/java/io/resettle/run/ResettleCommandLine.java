package io.resettle.run;

import io.resettle.ResettleApplication;
import io.resettle.forecast.ForecastReport;
import io.resettle.forecast.batch.ForecastStore;
import io.resettle.ingest.batch.IngestStore;
import io.resettle.masterdata.DataSetException;
import io.resettle.money.Money;
import io.resettle.output.OutputFolders;
import io.resettle.policy.PolicyException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.stream.Stream;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The {@code resettle} command line. Parses the command and its options, starts the Spring
 * application on the chosen database, runs the command and maps the outcome to the exit codes of
 * io-contract §4: 0 completed, 3 completed with breaks, 1 failed, 2 refused.
 */
public final class ResettleCommandLine {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int REFUSED = 2;
    public static final int BREAKS = 3;

    static final String USAGE = """
            Usage: resettle <command> [options]

            Commands:
              ingest   --period YYYY-MM [--data DIR] [--out DIR]   read the period's billing exports and master data
              settle   --period YYYY-MM [--rerun] [--force] [--out DIR]
                                                                    price, invoice and reconcile a period (--rerun: revision n+1;
                                                                    --force: settle despite quarantined files, without their rows)
              forecast --period YYYY-MM [--out DIR]                month-to-date volumes against the next tier edges (forecast.csv)
              demo     [--data DIR] [--out DIR]                    ingest and settle every period of the data set (sample-data)
              restart  --execution ID                              resume a failed or killed run from its last chunk
              close    --period YYYY-MM [--user NAME]              close a settled period: no re-run until reopened
              reopen   --period YYYY-MM --reason TEXT [--user NAME]
              serve    [--port N] [--data DIR] [--out DIR]        the dashboard and the scheduler (docs/dashboard.md)
              generate --lines N [--groups G] [--sub-accounts S] [--seed K] [--period YYYY-MM] --out DIR
                                                                    write a synthetic data set (deterministic, streamed)
              bench    --lines N [--groups G] [--sub-accounts S] [--seed K] [--db URL] [--json FILE] [--workers N]
                                                                    ingest + settle a generated data set on PostgreSQL, timed
                                                                    against a plain-SQL baseline (docs/performance.md);
                                                                    --workers N: on N local worker JVMs (docs/scaling.md)

              worker   [--db URL] [--broker URI] [--threads N]    run partitions that managers send over RabbitMQ, until stopped
                                                                    (docs/scaling.md)

            Common options:
              --db URL   JDBC URL of the database (else $RESETTLE_DB_URL, else the embedded H2 file ./data/resettle)
              --partitions local|remote   where partitioned steps run (else $RESETTLE_PARTITIONING, else local);
                         remote: on resettle worker processes, needs PostgreSQL and RabbitMQ
              --broker URI   RabbitMQ (else $RESETTLE_BROKER_URL, else amqp://guest:guest@127.0.0.1:5672)
              --help     this text

            Exit codes: 0 completed, 3 completed with breaks, 1 failed, 2 refused.
            """;

    private final PrintStream out;
    private final Map<String, Object> extraProperties;

    ResettleCommandLine(PrintStream out, Map<String, Object> extraProperties) {
        this.out = out;
        this.extraProperties = extraProperties;
    }

    public static void main(String[] args) {
        System.exit(run(args, Map.of()));
    }

    /** Runs one command; {@code extraProperties} are Spring properties (tests use them for fault injection). */
    public static int run(String[] args, Map<String, Object> extraProperties) {
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        return new ResettleCommandLine(System.out, extraProperties).execute(args);
    }

    int execute(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("resettle: " + e.getMessage());
            System.err.println(USAGE);
            return REFUSED;
        }
        if (options.command == null || options.flag("help") || options.command.equals("help")) {
            out.print(USAGE);
            return options.command == null && !options.flag("help") ? REFUSED : OK;
        }
        try {
            return switch (options.command) {
                case "ingest" -> withContext(options, context -> ingest(context, options.period(),
                        options.path("data", "sample-data"), options.path("out", "out")));
                case "demo" -> withContext(options, context -> demo(context, options.path("data", "sample-data"),
                        options.path("out", "out")));
                case "settle" -> withContext(options, context -> settle(context, options.period(), options.flag("rerun"),
                        options.flag("force"), options.path("out", "out")));
                case "forecast" -> withContext(options, context -> forecast(context, options.period(),
                        options.path("out", "out")));
                case "restart" -> withContext(options, context -> restart(context, options.longValue("execution")));
                case "close" -> withContext(options, context -> {
                    context.getBean(JobRunner.class).close(options.period(), user(options));
                    out.printf("%s closed%n", options.period());
                    return OK;
                });
                case "reopen" -> withContext(options, context -> {
                    context.getBean(JobRunner.class).reopen(options.period(), options.value("reason"), user(options));
                    out.printf("%s reopened%n", options.period());
                    return OK;
                });
                case "generate" -> Generate.run(options, out);
                case "bench" -> io.resettle.bench.Bench.run(java.util.Arrays.copyOfRange(args, 1, args.length), out);
                case "serve" -> serve(options);
                case "worker" -> io.resettle.remote.WorkerCommand.run(databaseUrl(options), options.value("broker"),
                        (int) options.longValue("threads", Runtime.getRuntime().availableProcessors()), extraProperties, out);
                default -> throw new IllegalArgumentException("unknown command '" + options.command + "'");
            };
        } catch (IllegalArgumentException | RefusedException e) {
            System.err.println("resettle: refused: " + e.getMessage());
            return REFUSED;
        } catch (Exception e) {
            System.err.println("resettle: failed: " + e);
            return FAILED;
        }
    }

    @FunctionalInterface
    interface Command {
        int run(ConfigurableApplicationContext context) throws Exception;
    }

    private int withContext(Options options, Command command) throws Exception {
        try (ConfigurableApplicationContext context = startApplication(options)) {
            return command.run(context);
        }
    }

    private ConfigurableApplicationContext startApplication(Options options) {
        Map<String, Object> properties = new HashMap<>(extraProperties);
        properties.put("spring.datasource.url", databaseUrl(options));
        properties.putAll(io.resettle.remote.RemoteSettings.managerProperties(options.value("partitions"),
                options.value("broker"), databaseUrl(options)));
        return new SpringApplicationBuilder(ResettleApplication.class)
                .web(WebApplicationType.NONE)
                .properties(properties)
                .logStartupInfo(false)
                .run();
    }

    /** Starts the dashboard and the scheduler on the same database and blocks until the JVM is asked to stop. */
    private int serve(Options options) throws InterruptedException {
        Map<String, Object> properties = new HashMap<>(extraProperties);
        properties.put("spring.datasource.url", databaseUrl(options));
        properties.putAll(io.resettle.remote.RemoteSettings.managerProperties(options.value("partitions"),
                options.value("broker"), databaseUrl(options)));
        properties.put("resettle.serve", "true");
        properties.putIfAbsent("resettle.scheduler.enabled", "true");
        properties.put("resettle.data", options.path("data", "sample-data").toString());
        properties.put("resettle.out", options.path("out", "out").toString());
        if (options.value("port") != null) {
            properties.put("server.port", String.valueOf(options.longValue("port")));
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ResettleApplication.class)
                .web(WebApplicationType.SERVLET)
                .properties(properties)
                .logStartupInfo(false)
                .run();
        java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        context.addApplicationListener((org.springframework.context.event.ContextClosedEvent e) -> closed.countDown());
        out.printf("Resettle dashboard on http://localhost:%s/ (stop with Ctrl-C)%n",
                context.getEnvironment().getProperty("local.server.port"));
        closed.await();
        return OK;
    }

    static String databaseUrl(Options options) {
        String url = options.value("db");
        if (url == null) {
            url = System.getenv("RESETTLE_DB_URL");
        }
        if (url == null || url.isBlank()) {
            url = "jdbc:h2:file:" + Path.of("data", "resettle").toAbsolutePath();
        }
        return url;
    }

    private int ingest(ConfigurableApplicationContext context, YearMonth period, Path data, Path outDir) throws Exception {
        JobRunner runner = context.getBean(JobRunner.class);
        out.printf("Ingesting %s from %s%n", period, data);
        JobExecution execution = runner.ingest(period, data.toString(), outDir.toString());
        return report(context, execution);
    }

    private int settle(ConfigurableApplicationContext context, YearMonth period, boolean rerun, boolean force,
            Path outDir) throws Exception {
        out.printf("Settling %s%s%n", period, rerun ? " (re-run)" : "");
        JobExecution execution = context.getBean(JobRunner.class).settle(period, rerun, force, outDir.toString());
        return report(context, execution);
    }

    /** Runs the forecast job and prints the rows closest to a tier edge. */
    private int forecast(ConfigurableApplicationContext context, YearMonth period, Path outDir) throws Exception {
        out.printf("Forecasting %s%n", period);
        int exit = report(context, context.getBean(JobRunner.class).forecast(period, outDir.toString()));
        if (exit == OK) {
            ForecastReport.print(out, context.getBean(ForecastStore.class).closest(period, 10));
            out.printf("  files: %s%n", outDir.resolve(period.toString()).resolve("forecast.csv"));
        }
        return exit;
    }

    /** Ingests every period of the data set, then settles each one not settled yet, and prints a summary. */
    private int demo(ConfigurableApplicationContext context, Path data, Path outDir) throws Exception {
        List<YearMonth> periods = periodsOf(data);
        if (periods.isEmpty()) {
            throw new RefusedException("no periods under " + data.resolve("exports"));
        }
        int worst = OK;
        for (YearMonth period : periods) {
            worst = worse(worst, ingest(context, period, data, outDir));
            if (worst == FAILED || worst == REFUSED) {
                return worst;
            }
        }
        PeriodRuns runs = context.getBean(PeriodRuns.class);
        for (YearMonth period : periods) {
            if (runs.latest(period).filter(PeriodRuns.PeriodRun::completed).isPresent()) {
                out.printf("%s is already settled; not settling it again%n", period);
                continue;
            }
            worst = worse(worst, settle(context, period, false, false, outDir));
            if (worst == FAILED || worst == REFUSED) {
                return worst;
            }
        }
        printSettlementSummary(context, periods, outDir);
        // The demo shows breaks rather than failing on them: the sample data holds one on purpose.
        return worst == BREAKS ? OK : worst;
    }

    private void printSettlementSummary(ConfigurableApplicationContext context, List<YearMonth> periods, Path outDir) {
        var jdbc = context.getBean(org.springframework.jdbc.core.JdbcTemplate.class);
        PeriodRuns runs = context.getBean(PeriodRuns.class);
        out.println();
        out.printf("%-8s %-4s %-22s %9s %18s %7s  %s%n", "period", "rev", "status", "invoices", "net total", "breaks", "files");
        for (YearMonth period : periods) {
            var latest = runs.latest(period);
            if (latest.isEmpty()) {
                continue;
            }
            int revision = latest.get().revision();
            var totals = jdbc.queryForMap("SELECT COUNT(*) AS n, COALESCE(SUM(net), 0) AS net FROM invoice"
                    + " WHERE period = ? AND revision = ?", period.toString(), revision);
            Long breaks = jdbc.queryForObject("SELECT COUNT(*) FROM reconciliation WHERE period = ? AND revision = ?"
                    + " AND status = 'BREAK'", Long.class, period.toString(), revision);
            out.printf("%-8s r%-3d %-22s %9d %18s %7d  %s%n", period, revision, latest.get().status(),
                    ((Number) totals.get("n")).longValue(), Money.round2((java.math.BigDecimal) totals.get("net")).toPlainString(),
                    breaks, OutputFolders.revision(outDir, period.toString(), revision));
        }
    }

    private static String user(Options options) {
        String user = options.value("user");
        return user != null ? user : System.getProperty("user.name", "unknown");
    }

    private int restart(ConfigurableApplicationContext context, long executionId) throws Exception {
        out.printf("Restarting execution %d%n", executionId);
        JobExecution execution = context.getBean(JobRunner.class).restart(executionId);
        return report(context, execution);
    }

    static List<YearMonth> periodsOf(Path data) throws IOException {
        Path exports = data.resolve("exports");
        if (!Files.isDirectory(exports)) {
            return List.of();
        }
        List<YearMonth> periods = new ArrayList<>();
        try (Stream<Path> folders = Files.list(exports)) {
            for (Path folder : folders.filter(Files::isDirectory).toList()) {
                try {
                    periods.add(YearMonth.parse(folder.getFileName().toString()));
                } catch (DateTimeParseException e) {
                    // not a period folder
                }
            }
        }
        periods.sort(null);
        return periods;
    }

    /** Prints what a job execution did and returns its exit code. */
    private int report(ConfigurableApplicationContext context, JobExecution execution) {
        String job = execution.getJobInstance().getJobName();
        String periodText = execution.getJobParameters().getString("period");
        out.printf("%s %s: execution %d %s (%s)%n", job, periodText, execution.getId(), execution.getStatus(),
                execution.getExitStatus().getExitCode());
        if (job.equals("ingest") && periodText != null) {
            printIngestSummary(context.getBean(IngestStore.class), YearMonth.parse(periodText),
                    execution.getJobParameters().getString("out"));
        }
        if (job.equals("settle") && periodText != null && execution.getStatus() == BatchStatus.COMPLETED) {
            printSettleSummary(context, YearMonth.parse(periodText), execution);
        }
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            return "COMPLETED_WITH_BREAKS".equals(execution.getExitStatus().getExitCode()) ? BREAKS : OK;
        }
        boolean refused = false;
        for (Throwable failure : execution.getAllFailureExceptions()) {
            Throwable cause = failure;
            while (cause.getCause() != null && !(cause instanceof DataSetException || cause instanceof PolicyException)) {
                cause = cause.getCause();
            }
            refused |= cause instanceof DataSetException || cause instanceof PolicyException;
            System.err.println("resettle: " + (refused ? "refused: " : "failed: ") + cause.getMessage());
        }
        if (!refused) {
            System.err.printf("After fixing the cause, resume with: resettle restart --execution %d%n", execution.getId());
        }
        return refused ? REFUSED : FAILED;
    }

    private void printSettleSummary(ConfigurableApplicationContext context, YearMonth period, JobExecution execution) {
        var jdbc = context.getBean(org.springframework.jdbc.core.JdbcTemplate.class);
        long revision = execution.getJobParameters().getLong("revision");
        var totals = jdbc.queryForMap("SELECT COUNT(*) AS n, COALESCE(SUM(payable), 0) AS payable,"
                + " COALESCE(SUM(discount), 0) AS discount, COALESCE(SUM(net), 0) AS net FROM invoice"
                + " WHERE period = ? AND revision = ?", period.toString(), revision);
        out.printf("  revision %d: %d invoices, payable %s, discount %s, net %s%n", revision,
                ((Number) totals.get("n")).longValue(), Money.round2((java.math.BigDecimal) totals.get("payable")),
                Money.round2((java.math.BigDecimal) totals.get("discount")), Money.round2((java.math.BigDecimal) totals.get("net")));
        jdbc.query("SELECT check_name, check_key, expected, actual, difference, status FROM reconciliation"
                + " WHERE period = ? AND revision = ? ORDER BY check_name, check_key", rs -> {
                    out.printf("  %s %s %s: expected %s, actual %s, difference %s%n", rs.getString(6), rs.getString(1),
                            rs.getString(2), orNone(rs.getBigDecimal(3)), orNone(rs.getBigDecimal(4)),
                            orNone(rs.getBigDecimal(5)));
                }, period.toString(), revision);
        out.printf("  files: %s%n", OutputFolders.revision(Path.of(execution.getJobParameters().getString("out")),
                period.toString(), (int) revision));
    }

    /** A finding's side may be missing (a payout return matching no payout, R12.4): shown as "none". */
    private static String orNone(java.math.BigDecimal amount) {
        return amount == null ? "none" : Money.round2(amount).toPlainString();
    }

    private void printIngestSummary(IngestStore store, YearMonth period, String outDir) {
        List<IngestStore.FileRecord> files = store.files(period);
        if (files.isEmpty()) {
            out.println("  no export files for " + period);
            return;
        }
        out.printf("  %-44s %-15s %-9s %8s %8s %8s %-11s %16s%n", "file", "format", "encoding", "rows", "accepted",
                "rejected", "status", "payable");
        for (IngestStore.FileRecord f : files) {
            out.printf("  %-44s %-15s %-9s %8d %8d %8d %-11s %16s%n", f.file(), f.format() == null ? "-" : f.format(),
                    f.encoding() == null ? "-" : f.encoding(), f.rows(), f.accepted(), f.rejected(), f.status(),
                    Money.round2(f.payableTotal()).toPlainString());
        }
        List<IngestStore.RejectRecord> shown = new ArrayList<>();
        List<IngestStore.RejectRecord> wholeFiles = new ArrayList<>();
        long[] total = {0};
        store.forEachReject(period, r -> {
            total[0]++;
            if (r.rowNo() == 0) {
                wholeFiles.add(r);
            } else if (shown.size() < 20) {
                shown.add(r);
            }
        });
        // Which definition read each file is its format above; a file no definition reads names the closest one.
        for (IngestStore.RejectRecord r : wholeFiles) {
            out.printf("  REJECTED %s: %s (%s)%n", r.file(), r.reason(), r.detail());
        }
        files.stream().filter(f -> f.status() == io.resettle.ingest.FileStatus.IGNORED).forEach(f -> out.printf(
                "  IGNORED %s: recognised as %s, not billing lines; counted nowhere%n", f.file(), f.format()));
        for (IngestStore.RejectRecord r : shown) {
            out.printf("  reject %s row %d: %s (%s)%n", r.file(), r.rowNo(), r.reason(), r.detail());
        }
        if (total[0] > shown.size() + wholeFiles.size()) {
            out.printf("  … and %d more rejects%n", total[0] - shown.size() - wholeFiles.size());
        }
        files.stream().filter(f -> f.status() == io.resettle.ingest.FileStatus.QUARANTINED).forEach(f -> out.printf(
                "  QUARANTINED %s: %d of %d rows rejected; settlement of %s is refused until the file is replaced%n",
                f.file(), f.rejected(), f.rows(), period));
        if (outDir != null) {
            out.printf("  files: %s%n", Path.of(outDir).resolve(period.toString()).resolve("ingest"));
        }
    }

    private static int worse(int a, int b) {
        int[] order = {OK, BREAKS, FAILED, REFUSED};
        int rankA = 0;
        int rankB = 0;
        for (int i = 0; i < order.length; i++) {
            if (order[i] == a) {
                rankA = i;
            }
            if (order[i] == b) {
                rankB = i;
            }
        }
        return rankA >= rankB ? a : b;
    }

    /** {@code command --key value --flag}: a deliberately small parser with clear refusals. */
    static final class Options {
        final String command;
        private final Map<String, String> values = new LinkedHashMap<>();

        private Options(String command) {
            this.command = command;
        }

        static Options parse(String[] args) {
            Options options = new Options(args.length > 0 && !args[0].startsWith("--") ? args[0] : null);
            for (int i = options.command == null ? 0 : 1; i < args.length; i++) {
                String arg = args[i];
                if (!arg.startsWith("--")) {
                    throw new IllegalArgumentException("unexpected argument '" + arg + "'");
                }
                String key = arg.substring(2);
                if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                    options.values.put(key, args[++i]);
                } else {
                    options.values.put(key, "");
                }
            }
            return options;
        }

        boolean flag(String key) {
            return values.containsKey(key);
        }

        String value(String key) {
            String value = values.get(key);
            return value == null || value.isEmpty() ? null : value;
        }

        String required(String key) {
            String value = value(key);
            if (value == null) {
                throw new IllegalArgumentException(command + " needs --" + key);
            }
            return value;
        }

        YearMonth period() {
            String value = required("period");
            try {
                return YearMonth.parse(value);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--period " + value + " is not a month YYYY-MM");
            }
        }

        long longValue(String key) {
            String value = required(key);
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + key + " " + value + " is not a whole number");
            }
        }

        long longValue(String key, long defaultValue) {
            return value(key) == null ? defaultValue : longValue(key);
        }

        Path path(String key, String defaultValue) {
            String value = value(key);
            return Path.of(value == null ? defaultValue : value).toAbsolutePath().normalize();
        }
    }
}
