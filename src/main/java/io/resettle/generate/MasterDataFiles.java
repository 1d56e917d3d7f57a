package io.resettle.generate;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVPrinter;

/**
 * The master data files of a generated data set (io-contract §1): groups, sub-accounts, agreements,
 * allocations, ambassadors and referrals of the {@link Roster}, each drawn from the random stream
 * {@link DataSetGenerator} hands it.
 */
final class MasterDataFiles {

    private static final String CURRENCY = "CNY";
    private static final String TERM_START = "2026-01";
    private static final String TERM_END = "2026-12";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private final Path root;
    private final Roster roster;
    private final YearMonth period;
    private final Consumer<Path> written;

    /** {@code written} is told of each file written. */
    MasterDataFiles(Path root, Roster roster, YearMonth period, Consumer<Path> written) {
        this.root = root;
        this.roster = roster;
        this.period = period;
        this.written = written;
    }

    void writeGroups(SplittableRandom random) throws IOException {
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
        written.accept(file);
    }

    void writeAccounts(SplittableRandom random) throws IOException {
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
        written.accept(file);
    }

    void writeAgreements(SplittableRandom random) throws IOException {
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
        written.accept(file);
    }

    void writeAllocations(SplittableRandom random) throws IOException {
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
        written.accept(file);
    }

    int writeAmbassadors(SplittableRandom random) throws IOException {
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
        written.accept(file);
        return count;
    }

    void writeReferrals(SplittableRandom random, int ambassadors) throws IOException {
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
        written.accept(file);
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
}
