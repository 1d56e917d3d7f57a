package io.resettle.cli;

import io.resettle.bench.Bench;
import io.resettle.bench.BenchOptions;
import io.resettle.bench.RemoteBench;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code resettle bench}: ingest + settle a generated data set on PostgreSQL, timed (docs/performance.md). */
@Command(name = "bench", sortOptions = false,
        description = "Ingest + settle a generated data set on PostgreSQL, timed against plain SQL (docs/performance.md).")
class BenchCommand extends PlainCommand {

    @Option(names = "--lines", required = true, paramLabel = "N", description = "billing lines to generate")
    long lines;

    @Option(names = "--groups", paramLabel = "G", description = "groups (default: 2,000 per million lines, at least 10)")
    Integer groups;

    @Option(names = "--sub-accounts", paramLabel = "S",
            description = "sub-accounts (default: 20,000 per million lines, at least 40)")
    Integer subAccounts;

    @Option(names = "--seed", paramLabel = "K", description = "random seed (default: 1)")
    Long seed;

    @Option(names = "--db", paramLabel = "URL", description = "PostgreSQL JDBC URL (default: a fresh database, dropped after)")
    String db;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the figures as JSON to FILE")
    Path json;

    @Option(names = "--sweep", paramLabel = "sub-accounts",
            description = "run at 40, 2,000, 20,000 and 200,000 sub-accounts and print how each step grows")
    String sweep;

    @Option(names = "--policy", paramLabel = "FILE", description = "a policy file instead of the generated one")
    Path policy;

    @Option(names = "--warm-up", paramLabel = "R",
            description = "first run the same bench R times unmeasured in this JVM (a warm JVM, as resettle serve's scheduler)")
    Integer warmUp;

    @Option(names = "--workers", paramLabel = "N", description = "run the partitions on N local worker JVMs (docs/scaling.md)")
    Integer workers;

    @Option(names = "--broker", paramLabel = "URI", description = "RabbitMQ for --workers (else $RESETTLE_BROKER_URL)")
    String broker;

    @Override
    public Integer call() throws Exception {
        // BenchOptions owns the defaults and the checks between options; picocli only refuses what is unknown.
        List<String> args = new ArrayList<>(List.of("--lines", String.valueOf(lines)));
        add(args, "--groups", groups);
        add(args, "--sub-accounts", subAccounts);
        add(args, "--seed", seed);
        add(args, "--db", db);
        add(args, "--json", json == null ? null : ResettleCommandLine.absolute(json));
        add(args, "--sweep", sweep);
        add(args, "--policy", policy == null ? null : ResettleCommandLine.absolute(policy));
        add(args, "--warm-up", warmUp);
        if (workers == null) {
            return Bench.run(args.toArray(String[]::new), out());
        }
        BenchOptions options = BenchOptions.parse(args.toArray(String[]::new));
        if (options.sweep()) {
            throw new IllegalArgumentException("bench: --workers and --sweep cannot be combined; run each sweep point with --workers");
        }
        if (options.warmUps() > 0) {
            throw new IllegalArgumentException("bench: --workers and --warm-up cannot be combined (the workers are JVMs of their own)");
        }
        return RemoteBench.run(options.runs().get(0), workers, broker, out());
    }

    private static void add(List<String> args, String name, Object value) {
        if (value != null) {
            args.add(name);
            args.add(value.toString());
        }
    }
}
