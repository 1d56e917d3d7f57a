package io.resettle.run;

import io.resettle.generate.DataSetGenerator;
import io.resettle.generate.GeneratorOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.YearMonth;

/** {@code resettle generate}: a synthetic data set of any size, deterministic for a seed, streamed to disk. */
final class Generate {

    private Generate() {
    }

    static int run(ResettleCommandLine.Options options, PrintStream out) {
        long lines = options.longValue("lines");
        int groups = (int) options.longValue("groups", 10);
        int subAccounts = (int) options.longValue("sub-accounts", Math.max(groups, 40));
        long seed = options.longValue("seed", 1);
        YearMonth period = options.value("period") == null ? GeneratorOptions.DEFAULT_PERIOD : options.period();
        Path outDir = Path.of(options.required("out")).toAbsolutePath().normalize();
        long start = System.nanoTime();
        DataSetGenerator.Summary summary = DataSetGenerator.generate(
                new GeneratorOptions(lines, groups, subAccounts, seed, period), outDir);
        out.printf("Generated %,d lines in %d export file(s) for %s (%d groups, %d sub-accounts, seed %d) in %.1f s%n",
                summary.lines(), summary.exportFiles(), period, groups, subAccounts, seed,
                (System.nanoTime() - start) / 1e9);
        out.printf("  payable total %s, data set at %s%n", summary.totalPayable().toPlainString(), outDir);
        return ResettleCommandLine.OK;
    }
}
