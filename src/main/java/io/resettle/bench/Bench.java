package io.resettle.bench;

import io.resettle.ResettleApplication;
import io.resettle.generate.DataSetGenerator;
import io.resettle.generate.GeneratorOptions;
import io.resettle.policy.batch.PolicyStore;
import io.resettle.run.JobRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code resettle bench}: generates a data set, ingests and settles it on PostgreSQL, runs the
 * plain-SQL baseline on the same data and database, and prints per phase and step the wall time,
 * lines per second, peak heap and database size, then the same figures as JSON
 * (docs/performance.md).
 */
public final class Bench {

    /**
     * The options of one bench run; {@code db} null: a fresh database, dropped afterwards;
     * {@code policy} null: the generated policy, else this file in its place.
     */
    public record Settings(long lines, int groups, int subAccounts, long seed, String db, Path json, Path policy) {
    }

    /** One timed phase (or step) of the run; {@code cpu} null for a step (steps overlap). */
    record Phase(String name, double seconds, long lines, long peakHeapMb, long liveHeapMb, long databaseBytes,
            CpuMeter.Sample cpu) {
        Phase(String name, double seconds, long lines, long peakHeapMb, long liveHeapMb, long databaseBytes) {
            this(name, seconds, lines, peakHeapMb, liveHeapMb, databaseBytes, null);
        }

        double linesPerSecond() {
            return seconds > 0 ? lines / seconds : 0;
        }
    }

    private final PrintStream out;
    private final Settings settings;
    /** Extra Spring properties of the measured application (bench --workers: remote partitions). */
    private final Map<String, Object> properties;

    private Bench(PrintStream out, Settings settings, Map<String, Object> properties) {
        this.out = out;
        this.settings = settings;
        this.properties = properties;
    }

    /** What one run measured, for the sweep's table. */
    record Run(Settings settings, List<Phase> phases, List<Phase> steps, Phase baseline, double ratio, ObjectNode json) {
    }

    /** {@code resettle bench} with the arguments after the command name (options: {@link BenchOptions}). */
    public static int run(String[] args, PrintStream out) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        List<Settings> warmUps = options.warmUpRuns();
        for (int i = 0; i < warmUps.size(); i++) {
            out.printf("%nbench: warm-up run %d of %d (not measured: it loads and compiles the code)%n", i + 1, warmUps.size());
            new Bench(out, warmUps.get(i), Map.of()).run();
        }
        if (!warmUps.isEmpty()) {
            out.printf("%nbench: the measured run, in a JVM warmed by %d run(s)%n", warmUps.size());
        }
        if (!options.sweep()) {
            new Bench(out, options.runs().get(0), Map.of()).run();
            return 0;
        }
        List<Run> runs = new ArrayList<>();
        for (Settings settings : options.runs()) {
            out.printf("%nbench: sweep point %,d sub-accounts in %,d groups, %,d lines%n", settings.subAccounts(),
                    settings.groups(), settings.lines());
            runs.add(new Bench(out, settings, Map.of()).run());
        }
        new SweepTable(runs).print(out);
        if (options.json() != null) {
            Files.writeString(options.json(), BenchReport.sweepJson(runs) + "\n");
        }
        return 0;
    }

    public static int run(Settings settings, PrintStream out) throws Exception {
        return run(settings, out, Map.of());
    }

    /** One run with extra properties of the measured application (bench --workers: remote partitions). */
    public static int run(Settings settings, PrintStream out, Map<String, Object> properties) throws Exception {
        new Bench(out, settings, properties).run();
        return 0;
    }

    private Run run() throws Exception {
        Path work = Files.createTempDirectory("resettle-bench-");
        String database = null;
        String url = settings.db();
        try {
            YearMonth period = GeneratorOptions.DEFAULT_PERIOD;
            long start = System.nanoTime();
            DataSetGenerator.Summary data = DataSetGenerator.generate(new GeneratorOptions(settings.lines(),
                    settings.groups(), settings.subAccounts(), settings.seed(), period), work.resolve("data"));
            out.printf("bench: generated %,d lines in %d file(s) in %.1f s at %s%n", data.lines(), data.exportFiles(),
                    seconds(start), work);
            if (settings.policy() != null) {
                // The generated data set has one policy file: the given one takes its name (its month).
                try (Stream<Path> files = Files.list(work.resolve("data").resolve("policies"))) {
                    for (Path generated : files.toList()) {
                        Files.copy(settings.policy(), generated, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                out.printf("bench: policy %s instead of the generated one%n", settings.policy());
            }
            if (url == null) {
                database = "resettle_bench_" + DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").format(LocalDateTime.now());
                url = BenchDatabase.create(BenchDatabase.serverUrl(), database);
            }
            out.printf("bench: database %s%n", url);
            return measure(url, period, data, work);
        } finally {
            if (database != null) {
                BenchDatabase.drop(BenchDatabase.serverUrl(), database, out);
            }
            deleteRecursively(work);
        }
    }

    private Run measure(String url, YearMonth period, DataSetGenerator.Summary data, Path work) throws Exception {
        List<Phase> phases = new ArrayList<>();
        List<Phase> steps = new ArrayList<>();
        try (HeapMeter heap = new HeapMeter(); ConfigurableApplicationContext context = start(url)) {
            JobRunner runner = context.getBean(JobRunner.class);
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            CpuMeter cpu = CpuMeter.forServer(jdbc);
            String out = work.resolve("out").toString();
            long lines = data.lines();

            BenchDatabase.checkpoint(jdbc, this.out);
            heap.reset();
            CpuMeter.Sample cpuStart = cpu.sample();
            long start = System.nanoTime();
            JobExecution ingest = runner.ingest(period, work.resolve("data").toString(), out);
            double ingestSeconds = seconds(start);
            CpuMeter.Sample ingestCpu = cpu.sample().minus(cpuStart);
            phases.add(new Phase("ingest", ingestSeconds, lines, heap.peakMb(), heap.liveMb(), BenchDatabase.size(jdbc),
                    ingestCpu));
            steps.addAll(steps(ingest, lines));
            refuseUnlessCompleted(ingest);

            heap.reset();
            cpuStart = cpu.sample();
            start = System.nanoTime();
            JobExecution settle = runner.settle(period, false, false, out);
            double settleSeconds = seconds(start);
            CpuMeter.Sample settleCpu = cpu.sample().minus(cpuStart);
            phases.add(new Phase("settle", settleSeconds, lines, heap.peakMb(), heap.liveMb(), BenchDatabase.size(jdbc),
                    settleCpu));
            steps.addAll(steps(settle, lines));
            refuseUnlessCompleted(settle);
            Phase endToEnd = new Phase("end-to-end", phases.get(0).seconds() + phases.get(1).seconds(), lines,
                    Math.max(phases.get(0).peakHeapMb(), phases.get(1).peakHeapMb()),
                    Math.max(phases.get(0).liveHeapMb(), phases.get(1).liveHeapMb()), BenchDatabase.size(jdbc),
                    ingestCpu.plus(settleCpu));
            phases.add(endToEnd);
            BigDecimal discount = BenchDatabase.chargeDiscount(jdbc, period);

            BenchDatabase.checkpoint(jdbc, this.out);
            heap.reset();
            PlainSqlBaseline.Result baseline;
            cpuStart = cpu.sample();
            try (Connection connection = context.getBean(DataSource.class).getConnection()) {
                baseline = PlainSqlBaseline.run(connection, period, context.getBean(PolicyStore.class).inForce(period),
                        data.files().stream().filter(f -> f.startsWith("exports")).sorted()
                                .map(work.resolve("data")::resolve).toList(),
                        work.resolve("baseline-invoice-lines.csv"));
            }
            CpuMeter.Sample baselineCpu = cpu.sample().minus(cpuStart);
            Phase baselinePhase = new Phase("baseline", baseline.seconds(), baseline.lines(), heap.peakMb(),
                    heap.liveMb(), BenchDatabase.size(jdbc), baselineCpu);
            jdbc.execute("DROP TABLE IF EXISTS bench_export, bench_category, bench_tier, bench_invoice_line");

            double ratio = endToEnd.seconds() / baseline.seconds();
            BenchReport report = new BenchReport(settings, phases, steps, baselinePhase, baseline, ratio, discount);
            report.print(this.out);
            ObjectNode json = report.json();
            this.out.println("--- bench json ---");
            this.out.println(BenchReport.text(json));
            this.out.println("--- end bench json ---");
            if (settings.json() != null) {
                Files.writeString(settings.json(), BenchReport.text(json) + "\n");
            }
            return new Run(settings, phases, steps, baselinePhase, ratio, json);
        }
    }

    private ConfigurableApplicationContext start(String url) {
        return new SpringApplicationBuilder(ResettleApplication.class)
                .web(WebApplicationType.NONE)
                .properties(withUrl(url))
                .logStartupInfo(false)
                .run();
    }

    private Map<String, Object> withUrl(String url) {
        Map<String, Object> all = new java.util.HashMap<>(properties);
        all.put("spring.datasource.url", url);
        return all;
    }

    private static void refuseUnlessCompleted(JobExecution execution) {
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            throw new IllegalStateException(execution.getJobInstance().getJobName() + " ended " + execution.getStatus()
                    + ": " + execution.getAllFailureExceptions());
        }
    }

    /** The job's steps in start order; partitions of a partitioned step are left out (their manager counts). */
    private static List<Phase> steps(JobExecution execution, long lines) {
        String job = execution.getJobInstance().getJobName();
        return execution.getStepExecutions().stream()
                .filter(step -> step.getStartTime() != null && step.getEndTime() != null)
                .sorted(Comparator.comparing(StepExecution::getStartTime).thenComparing(StepExecution::getId))
                .map(step -> new Phase(job + "." + step.getStepName(),
                        Duration.between(step.getStartTime(), step.getEndTime()).toNanos() / 1e9, lines, -1, -1, -1))
                .toList();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
