package io.resettle.cli;

import io.resettle.generate.DataSetGenerator;
import io.resettle.generate.GeneratorOptions;
import java.nio.file.Path;
import java.time.YearMonth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code resettle generate}: a synthetic data set of any size, deterministic for a seed, streamed to disk. */
@Command(name = "generate", sortOptions = false, description = "Write a synthetic data set (deterministic for a seed, streamed).")
class GenerateCommand extends PlainCommand {

    @Option(names = "--lines", required = true, paramLabel = "N", description = "billing lines to generate")
    long lines;

    @Option(names = "--groups", paramLabel = "G", defaultValue = "10", description = "groups (default: ${DEFAULT-VALUE})")
    int groups;

    @Option(names = "--sub-accounts", paramLabel = "S", description = "sub-accounts (default: the larger of G and 40)")
    Integer subAccounts;

    @Option(names = "--seed", paramLabel = "K", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--period", paramLabel = "YYYY-MM", description = "the billing month (default 2026-10)")
    YearMonth period;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the data set folder to write")
    Path outDir;

    @Override
    public Integer call() {
        YearMonth month = period == null ? GeneratorOptions.DEFAULT_PERIOD : period;
        int subs = subAccounts == null ? Math.max(groups, 40) : subAccounts;
        Path target = ResettleCommandLine.absolute(outDir);
        long start = System.nanoTime();
        DataSetGenerator.Summary summary = DataSetGenerator.generate(
                new GeneratorOptions(lines, groups, subs, seed, month), target);
        out().printf("Generated %,d lines in %d export file(s) for %s (%d groups, %d sub-accounts, seed %d) in %.1f s%n",
                summary.lines(), summary.exportFiles(), month, groups, subs, seed, (System.nanoTime() - start) / 1e9);
        out().printf("  payable total %s, data set at %s%n", summary.totalPayable().toPlainString(), target);
        return ResettleCommandLine.OK;
    }
}
