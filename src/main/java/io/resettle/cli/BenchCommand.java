package io.resettle.cli;

import io.resettle.bench.Bench;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code resettle bench}: ingest + settle a generated data set on PostgreSQL, timed (docs/performance.md). */
@Command(name = "bench", sortOptions = false,
        description = "Ingest + settle a generated data set on PostgreSQL, timed against plain SQL (docs/performance.md).")
class BenchCommand extends PlainCommand {

    @Option(names = "--lines", required = true, paramLabel = "N", description = "billing lines to generate")
    long lines;

    @Option(names = "--groups", paramLabel = "G", defaultValue = "10", description = "groups (default: ${DEFAULT-VALUE})")
    int groups;

    @Option(names = "--sub-accounts", paramLabel = "S", description = "sub-accounts (default: the larger of G and 40)")
    Integer subAccounts;

    @Option(names = "--seed", paramLabel = "K", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--db", paramLabel = "URL", description = "PostgreSQL JDBC URL (default: a fresh database, dropped after)")
    String db;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the figures as JSON to FILE")
    Path json;

    @Override
    public Integer call() throws Exception {
        return Bench.run(new Bench.Settings(lines, groups, subAccounts == null ? Math.max(groups, 40) : subAccounts, seed,
                db, json == null ? null : ResettleCommandLine.absolute(json)), out());
    }
}
