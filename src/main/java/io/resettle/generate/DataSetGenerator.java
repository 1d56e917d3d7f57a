package io.resettle.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVPrinter;

/**
 * Generates a complete, valid data set (io-contract §1) of any size for benchmarks and property
 * tests: groups, sub-accounts, agreements, allocations, ambassadors, referrals, the policy example,
 * the billing exports of one period in the {@code alibaba-bill} format (io-contract §2) and the
 * vendor statement, whose totals are the exact sums of the exports so that reconciliation (R12.1)
 * ties out.
 *
 * <p>Deterministic: the same options give byte-identical files (one {@link SplittableRandom} of the
 * seed, no clock, no hash order). Streaming: lines are written as they are drawn; memory is
 * O(groups + sub-accounts) whatever the number of lines.
 *
 * <p>Every sub-account is associated from 2026-01 with no end (R3), managed by the agent, in CNY;
 * every group has one PRIMARY sub-account and one agreement on the {@code standard} table for
 * 2026-01..2026-12, PRORATED clawback and penalty rate 0.05 (R5). Group volumes aim at every
 * tier of the table (R4), see {@link Roster}.
 */
public final class DataSetGenerator {

    /** Data rows per export file; a larger data set is split into bill-001.csv, bill-002.csv, … */
    public static final int MAX_LINES_PER_FILE = BillExport.MAX_LINES_PER_FILE;

    private static final Pattern BILL_FILE = Pattern.compile("bill-\\d+\\.csv");

    private DataSetGenerator() {
    }

    /**
     * What a run wrote.
     *
     * @param files        every file written, relative to the output folder, in writing order
     * @param exportFiles  how many of them are billing exports
     * @param lines        billing lines written (header rows excluded)
     * @param totalPayable exact sum of PretaxAmount over all lines, equal to the vendor statement's total
     */
    public record Summary(List<Path> files, int exportFiles, long lines, BigDecimal totalPayable) {

        public Summary {
            files = List.copyOf(files);
        }
    }

    /**
     * Writes the data set of {@code options} into {@code outDir} (created if missing). Files of the
     * same names are overwritten, and stale {@code bill-NNN.csv} files of the period's export folder
     * are removed, so the folder holds exactly this data set's exports.
     *
     * @throws UncheckedIOException when a file cannot be written
     */
    public static Summary generate(GeneratorOptions options, Path outDir) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(outDir, "outDir");
        try {
            return new Run(options, outDir).write();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the data set into " + outDir + ": " + e.getMessage(), e);
        }
    }

    /** One generation: the roster and one independent random stream per file. */
    private static final class Run {

        private final GeneratorOptions options;
        private final Path root;
        private final YearMonth period;
        private final SplittableRandom seedRandom;
        private final Roster roster;
        private final List<Path> written = new ArrayList<>();

        Run(GeneratorOptions options, Path root) {
            this.options = options;
            this.root = root;
            this.period = options.period();
            this.seedRandom = new SplittableRandom(options.seed());
            this.roster = new Roster(options, seedRandom.split());
        }

        Summary write() throws IOException {
            Files.createDirectories(root);
            writePolicy();
            MasterDataFiles masterData = new MasterDataFiles(root, roster, period, this::record);
            masterData.writeGroups(seedRandom.split());
            masterData.writeAccounts(seedRandom.split());
            masterData.writeAgreements(seedRandom.split());
            masterData.writeAllocations(seedRandom.split());
            int ambassadors = masterData.writeAmbassadors(seedRandom.split());
            masterData.writeReferrals(seedRandom.split(), ambassadors);
            SplittableRandom lineRandom = seedRandom.split();

            Path exportFolder = root.resolve("exports").resolve(period.toString());
            removeStaleExports(exportFolder);
            long[] payable;
            List<Path> exports;
            try (BillExport export = new BillExport(exportFolder)) {
                payable = new ExportLines(roster, options, lineRandom).writeTo(export);
                exports = export.files();
            }
            exports.forEach(this::record);
            BigDecimal total = writeStatement(payable);
            return new Summary(written, exports.size(), options.lines(), total);
        }

        private void writePolicy() throws IOException {
            Path file = root.resolve("policies").resolve(PolicyExample.FILE_NAME);
            Files.createDirectories(file.getParent());
            Files.writeString(file, PolicyExample.YAML, StandardCharsets.UTF_8);
            record(file);
        }

        private BigDecimal writeStatement(long[] payableMicros) throws IOException {
            Path file = root.resolve("statements").resolve(period.toString()).resolve("vendor-statement.csv");
            BigDecimal total = BigDecimal.ZERO.setScale(6);
            try (CSVPrinter out = CsvFiles.open(file, "sub_account_id", "payable")) {
                for (int a = 0; a < roster.accountCount; a++) {
                    // Only sub-accounts with lines: a statement row without an export would be a break (R12.1).
                    if (roster.accountLines[a] == 0) {
                        continue;
                    }
                    BigDecimal payable = BigDecimal.valueOf(payableMicros[a], 6);
                    total = total.add(payable);
                    out.printRecord(roster.accountIds[a], trimmed(payable));
                }
            }
            record(file);
            return total;
        }

        private void removeStaleExports(Path folder) throws IOException {
            if (!Files.isDirectory(folder)) {
                return;
            }
            List<Path> stale;
            try (Stream<Path> files = Files.list(folder)) {
                stale = files.filter(f -> BILL_FILE.matcher(f.getFileName().toString()).matches()).sorted().toList();
            }
            for (Path file : stale) {
                Files.delete(file);
            }
        }

        private void record(Path file) {
            written.add(root.relativize(file));
        }
    }

    /** Exact amount with trailing zeros dropped down to two decimals. */
    private static String trimmed(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return (stripped.scale() < 2 ? amount.setScale(2) : stripped).toPlainString();
    }
}
