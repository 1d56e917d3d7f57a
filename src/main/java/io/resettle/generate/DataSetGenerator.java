package io.resettle.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
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

    private static final String CURRENCY = "CNY";
    private static final String TERM_START = "2026-01";
    private static final String TERM_END = "2026-12";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
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
            writeGroups(seedRandom.split());
            writeAccounts(seedRandom.split());
            writeAgreements(seedRandom.split());
            writeAllocations(seedRandom.split());
            int ambassadors = writeAmbassadors(seedRandom.split());
            writeReferrals(seedRandom.split(), ambassadors);
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

        private void writeGroups(SplittableRandom random) throws IOException {
            Path file = root.resolve("groups.csv");
            try (CSVPrinter out = CsvFiles.open(file, "group_id", "group_name", "currency", "credit_limit",
                    "rebate_payout", "payee_name", "payout_account")) {
                for (int g = 0; g < roster.groupCount; g++) {
                    // Limits from 0.8 to 2.0 × the monthly target: some CREDIT groups go OVER_LIMIT (R6.1).
                    long limit = roundTo(roster.targetVolume[g] * (80 + random.nextInt(121)) / 100, 1000);
                    out.printRecord(roster.groupIds[g], roster.groupNames[g], CURRENCY, money(limit),
                            random.nextInt(3) == 0 ? "CASH" : "CREDIT_NOTE", roster.groupNames[g],
                            "6222" + Catalog.digits(random, 15));
                }
            }
            record(file);
        }

        private void writeAccounts(SplittableRandom random) throws IOException {
            Path file = root.resolve("accounts.csv");
            try (CSVPrinter out = CsvFiles.open(file, "sub_account_id", "sub_account_name", "group_id", "role",
                    "invoice_title", "tax_id", "settlement_mode", "currency", "associated_from", "associated_to",
                    "managed_by", "first_paid_before", "id_hash", "phone_hash", "pay_account_hash", "device_hash",
                    "address_hash")) {
                for (int a = 0; a < roster.accountCount; a++) {
                    int g = roster.groupOf[a];
                    boolean primary = a == roster.primaryOf(g);
                    String name = roster.groupSlugs[g] + "-" + (primary ? "main"
                            : Catalog.ENVIRONMENTS[random.nextInt(Catalog.ENVIRONMENTS.length)]
                                    + (a - roster.primaryOf(g)));
                    // Some customers bought before the agent had them: not new for referrals (R9.2).
                    String firstPaidBefore = random.nextInt(100) < 15
                            ? LocalDate.of(2025, 1, 1).plusDays(random.nextInt(365)).toString() : null;
                    out.printRecord(roster.accountIds[a], name, roster.groupIds[g], primary ? "PRIMARY" : "MEMBER",
                            roster.groupNames[g], roster.groupTaxIds[g], roster.prepaid[a] ? "PREPAID" : "CREDIT",
                            CURRENCY, TERM_START, null, "AGENT", firstPaidBefore, null, null, null, null, null);
                }
            }
            record(file);
        }

        private void writeAgreements(SplittableRandom random) throws IOException {
            Path file = root.resolve("agreements.csv");
            try (CSVPrinter out = CsvFiles.open(file, "agreement_id", "group_id", "discount_table", "term_start",
                    "term_end", "min_commitment", "clawback_mode", "penalty_rate", "terminated_on")) {
                for (int g = 0; g < roster.groupCount; g++) {
                    // 0.7 to 1.1 × a year of the target: some groups fall short at term end (R5.2).
                    long commitment = roundTo(roster.targetVolume[g] * 12 * (70 + random.nextInt(41)) / 100, 1000);
                    out.printRecord("AGR-" + roster.groupNumbers[g], roster.groupIds[g], "standard", TERM_START,
                            TERM_END, money(commitment), "PRORATED", "0.05", null);
                }
            }
            record(file);
        }

        private void writeAllocations(SplittableRandom random) throws IOException {
            Path file = root.resolve("allocations.csv");
            String reference = "ALLOC-" + period.toString().replace("-", "") + "-";
            int count = 0;
            try (CSVPrinter out = CsvFiles.open(file, "sub_account_id", "date", "amount", "reference")) {
                for (int a = 0; a < roster.accountCount; a++) {
                    if (!roster.prepaid[a]) {
                        continue;
                    }
                    long expectedCny = roster.accountLines[a] * roster.meanMicros[roster.groupOf[a]]
                            / Roster.MICROS_PER_CNY;
                    // 0.7 to 1.3 × the expected spend: some PREPAID balances need a top-up (R6.2).
                    long quota = Math.max(100, roundTo(expectedCny * (70 + random.nextInt(61)) / 100, 100));
                    long first = quota;
                    if (quota >= 200 && random.nextBoolean()) {
                        first = Math.max(100, roundTo(quota * 6 / 10, 100));
                    }
                    out.printRecord(roster.accountIds[a], period.atDay(1).toString(), money(first),
                            reference + Roster.pad(++count, 5));
                    if (first < quota) {
                        out.printRecord(roster.accountIds[a], period.atDay(5 + random.nextInt(20)).toString(),
                                money(quota - first), reference + Roster.pad(++count, 5));
                    }
                }
            }
            record(file);
        }

        private int writeAmbassadors(SplittableRandom random) throws IOException {
            Path file = root.resolve("ambassadors.csv");
            int count = Math.max(2, Math.min(10, roster.accountCount / 50));
            try (CSVPrinter out = CsvFiles.open(file, "ambassador_id", "name", "payee_type", "payout_account",
                    "id_hash", "phone_hash", "pay_account_hash", "device_hash", "address_hash")) {
                for (int i = 0; i < count; i++) {
                    boolean company = i % 3 == 2;
                    String name = company
                            ? Catalog.CITIES[random.nextInt(Catalog.CITIES.length)]
                                    + Catalog.BRANDS[random.nextInt(Catalog.BRANDS.length)] + "咨询有限公司"
                            : Catalog.PERSON_NAMES[random.nextInt(Catalog.PERSON_NAMES.length)];
                    out.printRecord(ambassadorId(i), name, company ? "COMPANY" : "INDIVIDUAL",
                            "6217" + Catalog.digits(random, 15), Catalog.hash(random), Catalog.hash(random),
                            null, null, null);
                }
            }
            record(file);
            return count;
        }

        private void writeReferrals(SplittableRandom random, int ambassadors) throws IOException {
            Path file = root.resolve("referrals.csv");
            LocalDateTime periodStart = period.atDay(1).atStartOfDay();
            long window = 30 * 86_400L;
            int visits = 0;
            try (CSVPrinter out = CsvFiles.open(file, "ambassador_id", "sub_account_id", "visited_at")) {
                for (int a = 0; a < roster.accountCount; a++) {
                    boolean forced = visits == 0 && a == roster.accountCount - 1;
                    if (random.nextInt(10) != 0 && !forced) {
                        continue;
                    }
                    // From ten days before the period: the 30-day window (R9.1) covers part of the month.
                    LocalDateTime visit = periodStart.minusDays(10).plusSeconds(random.nextLong(window));
                    int ambassador = random.nextInt(ambassadors);
                    out.printRecord(ambassadorId(ambassador), roster.accountIds[a], TIME.format(visit));
                    visits++;
                    if (random.nextInt(5) == 0) {
                        // A later visit to another ambassador takes over (last touch, R9.1).
                        LocalDateTime later = visit.plusSeconds(86_400L + random.nextLong(4 * 86_400L));
                        int other = (ambassador + 1 + random.nextInt(ambassadors - 1)) % ambassadors;
                        out.printRecord(ambassadorId(other), roster.accountIds[a], TIME.format(later));
                        visits++;
                    }
                }
            }
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

    private static String ambassadorId(int index) {
        return "AMB-" + Roster.pad(index + 1, 3);
    }

    private static long roundTo(long value, long unit) {
        return (value + unit / 2) / unit * unit;
    }

    /** Whole CNY as money with two decimals. */
    private static String money(long cny) {
        return BigDecimal.valueOf(cny).setScale(2).toPlainString();
    }

    /** Exact amount with trailing zeros dropped down to two decimals. */
    private static String trimmed(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return (stripped.scale() < 2 ? amount.setScale(2) : stripped).toPlainString();
    }
}
