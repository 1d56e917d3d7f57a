package io.resettle.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSetGeneratorTest {

    private static final CSVFormat READ = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();

    private static final BigDecimal TIER_50K = new BigDecimal("50000");
    private static final BigDecimal TIER_200K = new BigDecimal("200000");

    @TempDir
    Path temp;

    @Test
    void sameSeedGivesByteIdenticalFiles() throws IOException {
        GeneratorOptions options = new GeneratorOptions(30_000, 7, 40, 42L);
        DataSetGenerator.Summary first = DataSetGenerator.generate(options, temp.resolve("a"));
        DataSetGenerator.Summary second = DataSetGenerator.generate(options, temp.resolve("b"));

        assertThat(second).isEqualTo(first);
        assertThat(sha256OfEveryFile(temp.resolve("b"))).isEqualTo(sha256OfEveryFile(temp.resolve("a")));
        assertThat(first.files()).hasSize(9);
    }

    @Test
    void regeneratingIntoTheSameFolderGivesTheSameBytes() throws IOException {
        GeneratorOptions options = new GeneratorOptions(5_000, 3, 9, 7L, YearMonth.of(2026, 3));
        Path out = temp.resolve("same");
        DataSetGenerator.generate(options, out);
        Map<Path, String> before = sha256OfEveryFile(out);
        DataSetGenerator.generate(options, out);

        assertThat(sha256OfEveryFile(out)).isEqualTo(before);
    }

    @Test
    void differentSeedGivesDifferentExports() throws IOException {
        DataSetGenerator.generate(new GeneratorOptions(2_000, 3, 10, 1L), temp.resolve("one"));
        DataSetGenerator.generate(new GeneratorOptions(2_000, 3, 10, 2L), temp.resolve("two"));
        Path export = Path.of("exports", "2026-10", "bill-001.csv");

        assertThat(sha256(temp.resolve("two").resolve(export))).isNotEqualTo(sha256(temp.resolve("one").resolve(export)));
        assertThat(linesOf(temp.resolve("two"))).extracting(r -> r.get("RecordID")).allMatch(id -> id.startsWith("G2-"));
    }

    @Test
    void summaryAndVendorStatementAreTheExactSumsOfTheExports() throws IOException {
        Path out = temp.resolve("sums");
        DataSetGenerator.Summary summary = DataSetGenerator.generate(new GeneratorOptions(25_000, 6, 33, 99L), out);

        Map<String, BigDecimal> exported = new TreeMap<>();
        long lines = 0;
        for (CSVRecord line : linesOf(out)) {
            exported.merge(line.get("OwnerID"), new BigDecimal(line.get("PretaxAmount")), BigDecimal::add);
            lines++;
        }
        Map<String, BigDecimal> statement = new TreeMap<>();
        for (CSVRecord row : read(out.resolve("statements/2026-10/vendor-statement.csv"))) {
            assertThat(statement.put(row.get("sub_account_id"), new BigDecimal(row.get("payable")))).isNull();
        }

        assertThat(lines).isEqualTo(summary.lines()).isEqualTo(25_000);
        assertThat(statement.keySet()).isEqualTo(exported.keySet());
        exported.forEach((account, sum) ->
                assertThat(statement.get(account)).as(account).isEqualByComparingTo(sum));
        BigDecimal total = exported.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(summary.totalPayable()).isEqualByComparingTo(total);
        assertThat(summary.exportFiles()).isEqualTo(1);
    }

    @Test
    void recordIdsAreUniqueAndOwnersAreKnownSubAccounts() throws IOException {
        Path out = temp.resolve("ids");
        DataSetGenerator.generate(new GeneratorOptions(20_000, 5, 25, 5L), out);
        Set<String> accounts = new HashSet<>();
        for (CSVRecord row : read(out.resolve("accounts.csv"))) {
            accounts.add(row.get("sub_account_id"));
        }

        Set<String> recordIds = new HashSet<>();
        for (CSVRecord line : linesOf(out)) {
            assertThat(recordIds.add(line.get("RecordID"))).as(line.get("RecordID")).isTrue();
            assertThat(accounts).contains(line.get("OwnerID"));
            assertThat(line.get("AccountID")).isEqualTo(line.get("OwnerID"));
        }
        assertThat(recordIds).hasSize(20_000);
    }

    @Test
    void exportRowsFollowTheAlibabaBillFormat() throws IOException {
        Path out = temp.resolve("format");
        DataSetGenerator.generate(new GeneratorOptions(20_000, 4, 12, 11L), out);
        Path export = out.resolve("exports/2026-10/bill-001.csv");
        byte[] head = Files.readAllBytes(export);

        assertThat(new String(head, 0, 300, StandardCharsets.UTF_8)).startsWith(
                "RecordID,InstanceID,RelatedRecordID,BillingCycle,OwnerID,AccountID,SubOrderId,OrderId,ProductCode,"
                        + "SubscriptionType,Item,OrderType,PretaxGrossAmount,PretaxAmount,PaymentAmount,Currency,"
                        + "PaymentTime,UsageStartTime,UsageEndTime,Status\n");
        Map<String, CSVRecord> earlier = new HashMap<>();
        Map<String, Integer> items = new TreeMap<>();
        Set<String> refunded = new HashSet<>();
        LocalDateTime previousPayment = LocalDateTime.MIN;
        int unpaid = 0;
        for (CSVRecord line : linesOf(out)) {
            String item = line.get("Item");
            items.merge(item + "/" + line.get("OrderType"), 1, Integer::sum);
            assertThat(line.get("BillingCycle")).isEqualTo("2026-10");
            assertThat(line.get("Currency")).isEqualTo("CNY");
            BigDecimal payable = new BigDecimal(line.get("PretaxAmount"));
            BigDecimal gross = new BigDecimal(line.get("PretaxGrossAmount"));
            assertThat(payable.scale()).isLessThanOrEqualTo(6);
            assertThat(gross.abs()).isGreaterThanOrEqualTo(payable.abs());
            if (!line.get("PaymentTime").isEmpty()) {
                LocalDateTime paid = LocalDateTime.parse(line.get("PaymentTime"));
                assertThat(line.get("PaymentTime")).matches("2026-10-\\d\\dT\\d\\d:\\d\\d:\\d\\d");
                assertThat(paid).isAfterOrEqualTo(previousPayment);
                previousPayment = paid;
            }
            switch (item) {
                case "SubscriptionOrder" -> {
                    assertThat(line.get("SubscriptionType")).isEqualTo("Subscription");
                    assertThat(line.get("OrderType")).isIn("New", "Renew", "Upgrade");
                    assertThat(payable).isPositive();
                    assertThat(line.get("SubOrderId")).isNotEmpty();
                }
                case "PayAsYouGoBill" -> {
                    assertThat(line.get("SubscriptionType")).isEqualTo("PayAsYouGo");
                    assertThat(payable).isPositive();
                    assertThat(line.get("UsageStartTime")).isNotEmpty();
                    if (line.get("Status").equals("Unpaid")) {
                        unpaid++;
                        assertThat(line.get("PaymentTime")).isEmpty();
                    } else {
                        assertThat(line.get("Status")).isEqualTo("PayFinish");
                    }
                }
                case "Refund" -> {
                    assertThat(payable).isNegative();
                    CSVRecord original = earlier.get(line.get("RelatedRecordID"));
                    assertThat(original).as("refunded line of %s", line.get("RecordID")).isNotNull();
                    assertThat(original.get("OwnerID")).isEqualTo(line.get("OwnerID"));
                    assertThat(original.get("Item")).isEqualTo("SubscriptionOrder");
                    assertThat(payable.negate()).isLessThanOrEqualTo(new BigDecimal(original.get("PretaxAmount")));
                    assertThat(refunded.add(line.get("RelatedRecordID"))).isTrue();
                    assertThat(line.get("InstanceID")).as("the refund names the refunded instance")
                            .isEqualTo(original.get("InstanceID"));
                }
                default -> throw new AssertionError("unexpected Item " + item);
            }
            earlier.put(line.get("RecordID"), line);
        }

        assertThat(items.keySet()).containsExactlyInAnyOrder("SubscriptionOrder/New", "SubscriptionOrder/Renew",
                "SubscriptionOrder/Upgrade", "PayAsYouGoBill/", "Refund/Refund");
        assertThat(items.get("Refund/Refund")).isBetween(100, 1_000);
        assertThat(items.get("PayAsYouGoBill/")).isGreaterThan(items.get("SubscriptionOrder/New"));
        assertThat(unpaid).isPositive();
    }

    @Test
    void groupVolumesSpreadOverTheDiscountTiers() throws IOException {
        Path out = temp.resolve("tiers");
        DataSetGenerator.generate(new GeneratorOptions(40_000, 8, 24, 3L), out);
        Map<String, String> groupOf = new HashMap<>();
        for (CSVRecord row : read(out.resolve("accounts.csv"))) {
            groupOf.put(row.get("sub_account_id"), row.get("group_id"));
        }
        Map<String, BigDecimal> volume = new TreeMap<>();
        for (CSVRecord line : linesOf(out)) {
            volume.merge(groupOf.get(line.get("OwnerID")), new BigDecimal(line.get("PretaxAmount")), BigDecimal::add);
        }

        assertThat(volume).hasSize(8);
        assertThat(volume.values()).anyMatch(v -> v.compareTo(TIER_50K) < 0);
        assertThat(volume.values()).anyMatch(v -> v.compareTo(TIER_50K) >= 0 && v.compareTo(TIER_200K) < 0);
        assertThat(volume.values()).anyMatch(v -> v.compareTo(TIER_200K) >= 0);
        assertThat(volume.values()).anyMatch(v -> v.compareTo(new BigDecimal("1000000")) >= 0);
    }

    @Test
    void referenceFilesDescribeAValidDataSet() throws IOException {
        Path out = temp.resolve("reference");
        DataSetGenerator.generate(new GeneratorOptions(3_000, 6, 50, 8L), out);

        List<CSVRecord> groups = read(out.resolve("groups.csv"));
        Set<String> groupIds = new HashSet<>();
        groups.forEach(g -> groupIds.add(g.get("group_id")));
        assertThat(groupIds).hasSize(6);
        assertThat(groups).allMatch(g -> g.get("currency").equals("CNY"));
        assertThat(groups).extracting(g -> g.get("rebate_payout")).allMatch(p -> p.equals("CASH") || p.equals("CREDIT_NOTE"));

        List<CSVRecord> accounts = read(out.resolve("accounts.csv"));
        assertThat(accounts).hasSize(50);
        Map<String, Integer> primaries = new TreeMap<>();
        Set<String> prepaid = new HashSet<>();
        for (CSVRecord account : accounts) {
            assertThat(groupIds).contains(account.get("group_id"));
            assertThat(account.get("role")).isIn("PRIMARY", "MEMBER");
            if (account.get("role").equals("PRIMARY")) {
                primaries.merge(account.get("group_id"), 1, Integer::sum);
            }
            assertThat(account.get("settlement_mode")).isIn("CREDIT", "PREPAID");
            if (account.get("settlement_mode").equals("PREPAID")) {
                prepaid.add(account.get("sub_account_id"));
            }
            assertThat(account.get("currency")).isEqualTo("CNY");
            assertThat(account.get("associated_from")).isEqualTo("2026-01");
            assertThat(account.get("associated_to")).isEmpty();
            assertThat(account.get("managed_by")).isEqualTo("AGENT");
            for (String hash : List.of("id_hash", "phone_hash", "pay_account_hash", "device_hash", "address_hash")) {
                assertThat(account.get(hash)).isEmpty();
            }
        }
        assertThat(primaries).hasSize(6).allSatisfy((group, count) -> assertThat(count).isEqualTo(1));
        assertThat(prepaid).isNotEmpty().hasSizeLessThan(50);

        List<CSVRecord> agreements = read(out.resolve("agreements.csv"));
        assertThat(agreements).extracting(a -> a.get("group_id")).containsExactlyInAnyOrderElementsOf(groupIds);
        for (CSVRecord agreement : agreements) {
            assertThat(List.of(agreement.get("discount_table"), agreement.get("term_start"), agreement.get("term_end"),
                    agreement.get("clawback_mode"), agreement.get("penalty_rate"), agreement.get("terminated_on")))
                    .containsExactly("standard", "2026-01", "2026-12", "PRORATED", "0.05", "");
            assertThat(new BigDecimal(agreement.get("min_commitment"))).isPositive();
        }

        List<CSVRecord> allocations = read(out.resolve("allocations.csv"));
        assertThat(allocations).isNotEmpty();
        for (CSVRecord allocation : allocations) {
            assertThat(prepaid).contains(allocation.get("sub_account_id"));
            assertThat(allocation.get("date")).startsWith("2026-10-");
            assertThat(new BigDecimal(allocation.get("amount"))).isPositive();
        }

        Set<String> ambassadors = new HashSet<>();
        read(out.resolve("ambassadors.csv")).forEach(a -> ambassadors.add(a.get("ambassador_id")));
        assertThat(ambassadors).isNotEmpty();
        List<CSVRecord> referrals = read(out.resolve("referrals.csv"));
        assertThat(referrals).isNotEmpty().allSatisfy(r -> {
            assertThat(ambassadors).contains(r.get("ambassador_id"));
            assertThat(accounts).anyMatch(a -> a.get("sub_account_id").equals(r.get("sub_account_id")));
            LocalDateTime.parse(r.get("visited_at"));
        });
    }

    @Test
    void policyIsTheExampleOfTheIoContract() throws IOException {
        Path out = temp.resolve("policy");
        DataSetGenerator.generate(new GeneratorOptions(10, 1, 1, 0L), out);
        String policy = Files.readString(out.resolve("policies/2026-01.yml"));

        assertThat(policy).startsWith("currency: CNY\n").contains("  standard:\n", "    - {from: 1000000, rates: {default: 0.15, SECURITY: 0.18}}\n");
        String shared = System.getProperty("resettle.shared.dir");
        Path contract = shared == null ? null : Path.of(shared, "spec", "io-contract.md");
        if (contract != null && Files.exists(contract)) {
            String markdown = Files.readString(contract);
            int start = markdown.indexOf("```yaml\n") + "```yaml\n".length();
            assertThat(policy).isEqualTo(markdown.substring(start, markdown.indexOf("```", start)));
        }
    }

    @Test
    void tinyDataSetsAreComplete() throws IOException {
        Path out = temp.resolve("tiny");
        DataSetGenerator.Summary summary = DataSetGenerator.generate(new GeneratorOptions(0, 1, 1, 0L), out);

        assertThat(summary.lines()).isZero();
        assertThat(summary.totalPayable()).isEqualByComparingTo("0");
        assertThat(summary.files()).containsExactly(Path.of("policies/2026-01.yml"), Path.of("groups.csv"),
                Path.of("accounts.csv"), Path.of("agreements.csv"), Path.of("allocations.csv"),
                Path.of("ambassadors.csv"), Path.of("referrals.csv"), Path.of("exports/2026-10/bill-001.csv"),
                Path.of("statements/2026-10/vendor-statement.csv"));
        for (Path file : summary.files()) {
            assertThat(out.resolve(file)).exists();
        }
        assertThat(linesOf(out)).isEmpty();
    }

    @Test
    void staleExportFilesAreRemoved() throws IOException {
        Path out = temp.resolve("stale");
        Path stale = out.resolve("exports/2026-10/bill-004.csv");
        Path other = out.resolve("exports/2026-10/notes.txt");
        Files.createDirectories(stale.getParent());
        Files.writeString(stale, "old");
        Files.writeString(other, "kept");

        DataSetGenerator.generate(new GeneratorOptions(100, 1, 2, 0L), out);

        assertThat(stale).doesNotExist();
        assertThat(other).exists();
    }

    @Test
    void twelveHundredThousandLinesAreSplitIntoThreeFiles() throws IOException {
        Path out = temp.resolve("large");
        DataSetGenerator.Summary summary = DataSetGenerator.generate(new GeneratorOptions(1_200_000, 20, 200, 4L), out);

        assertThat(summary.exportFiles()).isEqualTo(3);
        assertThat(summary.lines()).isEqualTo(1_200_000);
        Path folder = out.resolve("exports/2026-10");
        assertThat(newlines(folder.resolve("bill-001.csv"))).isEqualTo(500_001);
        assertThat(newlines(folder.resolve("bill-002.csv"))).isEqualTo(500_001);
        assertThat(newlines(folder.resolve("bill-003.csv"))).isEqualTo(200_001);
        assertThat(folder.resolve("bill-004.csv")).doesNotExist();
        BigDecimal statement = BigDecimal.ZERO;
        for (CSVRecord row : read(out.resolve("statements/2026-10/vendor-statement.csv"))) {
            statement = statement.add(new BigDecimal(row.get("payable")));
        }
        assertThat(statement).isEqualByComparingTo(summary.totalPayable());
    }

    @Test
    void optionsAreValidated() {
        assertThatThrownBy(() -> new GeneratorOptions(-1, 1, 1, 0L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GeneratorOptions(10, 0, 1, 0L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GeneratorOptions(10, 3, 2, 0L)).hasMessageContaining("PRIMARY");
        assertThatThrownBy(() -> new GeneratorOptions(10, 1, 1, 0L, YearMonth.of(2025, 12)))
                .hasMessageContaining("2026-01");
        assertThat(new GeneratorOptions(10, 1, 1, 0L).period()).isEqualTo(YearMonth.of(2026, 10));
    }

    private static List<CSVRecord> linesOf(Path dataSet) throws IOException {
        List<Path> exports;
        try (Stream<Path> files = Files.list(dataSet.resolve("exports/2026-10"))) {
            exports = files.sorted().toList();
        }
        List<CSVRecord> lines = new ArrayList<>();
        for (Path export : exports) {
            lines.addAll(read(export));
        }
        return lines;
    }

    private static List<CSVRecord> read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = READ.parse(reader)) {
            return parser.getRecords();
        }
    }

    private static long newlines(Path file) throws IOException {
        long count = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                for (int i = 0; i < read; i++) {
                    count += buffer[i] == '\n' ? 1 : 0;
                }
            }
        }
        return count;
    }

    private static Map<Path, String> sha256OfEveryFile(Path root) throws IOException {
        Map<Path, String> digests = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                digests.put(root.relativize(file), sha256(file));
            }
        }
        return digests;
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
