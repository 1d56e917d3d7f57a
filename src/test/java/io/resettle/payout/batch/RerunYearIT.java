package io.resettle.payout.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.resettle.cli.ResettleCommandLine;
import io.resettle.masterdata.PayeeKind;
import io.resettle.money.Money;
import io.resettle.payout.PayoutAmounts;
import io.resettle.payout.WithholdingTax;
import io.resettle.policy.Policy.TaxBorneBy;
import io.resettle.support.DataSets;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's year: a generated year ({@link GeneratedYear}) settled straight through, and again with
 * unchanged re-runs of earlier periods interleaved in a seeded random order: every period's newest
 * revision equals the straight run's revision 1 file for file (the revision column of invoices.csv
 * aside; payouts.csv of a re-run lists only its adjustment payouts, R11.2 / E9, so there: no PAY row
 * and the same HELD rows), nobody is paid twice or less, and no command fails. A second variant
 * corrects a line of an earlier period before its re-run: exactly the difference is paid (R11.2),
 * and after the later periods' re-runs every payee has been paid what a straight run of the
 * corrected data pays.
 */
class RerunYearIT {

    private static final long SEED = 14;
    private static final CSVFormat READ = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();

    @TempDir
    Path work;

    private List<YearMonth> months;
    private Path data;

    private DataSetRun straightYear() {
        data = work.resolve("data");
        // 160 sub-accounts: the generator then has three ambassadors, one of them a COMPANY.
        months = GeneratedYear.write(SEED, 300, 8, 160, YearMonth.of(2026, 1), 12, data);
        DataSetRun straight = new DataSetRun(data, work.resolve("straight"));
        straight.demo();
        return straight;
    }

    @Test
    void unchangedRerunsInterleavedInARandomOrder_everyNewestRevisionIsRevision1() {
        DataSetRun straight = straightYear();
        DataSetRun interleaved = new DataSetRun(data, work.resolve("interleaved"));
        Map<YearMonth, Integer> newest = new TreeMap<>();
        SplittableRandom order = new SplittableRandom(SEED);
        List<String> log = new ArrayList<>();
        for (YearMonth period : months) {
            assertThat(interleaved.cli.run("ingest", "--period", period.toString(), "--data", data.toString(),
                    "--out", interleaved.out.toString())).as("ingest %s", period).isZero();
            assertThat(interleaved.cli.run("settle", "--period", period.toString(), "--out",
                    interleaved.out.toString())).as("settle %s", period).isIn(ResettleCommandLine.OK,
                    ResettleCommandLine.BREAKS);
            newest.put(period, 1);
            log.add(period.toString());
            if (order.nextInt(3) > 0) {
                YearMonth earlier = months.get(order.nextInt(months.indexOf(period) + 1));
                assertThat(interleaved.rerun(earlier.toString())).as("re-run %s after %s", earlier, log)
                        .isIn(ResettleCommandLine.OK, ResettleCommandLine.BREAKS);
                newest.merge(earlier, 1, Integer::sum);
                log.add(earlier + "-r" + newest.get(earlier));
            }
        }
        assertThat(log.size()).as("%s", log).isGreaterThan(months.size() + 3);
        for (YearMonth period : months) {
            String p = period.toString();
            int revision = newest.get(period);
            Path first = straight.out.resolve(p).resolve("r1");
            Path latest = interleaved.out.resolve(p).resolve("r" + revision);
            for (String file : files(first)) {
                if (file.endsWith(".xlsx") || file.endsWith(".xml") || file.equals("invoice-serials.csv")) {
                    continue; // finance files are named and numbered by revision; built from the CSVs compared here
                }
                String as = p + " r" + revision + " " + file + " of " + log;
                switch (file) {
                    case "manifest.json" -> { }
                    case "invoices.csv" -> assertThat(withoutColumn(DataSets.read(latest.resolve(file)), 7)).as(as)
                            .isEqualTo(withoutColumn(DataSets.read(first.resolve(file)), 7));
                    case "payouts.csv" -> {
                        assertThat(rows(latest.resolve(file), ",HELD")).as(as).isEqualTo(rows(first.resolve(file), ",HELD"));
                        if (revision > 1) {
                            assertThat(rows(latest.resolve(file), ",PAY")).as(as).isEmpty();
                        }
                    }
                    default -> assertThat(DataSets.read(latest.resolve(file))).as(as)
                            .isEqualTo(DataSets.read(first.resolve(file)));
                }
            }
            if (revision > 1) {
                assertThat(DataSets.read(latest.resolve("invoice-adjustments.csv")).lines()).as(p).hasSize(1);
            }
        }
        assertThat(paidNets(interleaved, newest)).isEqualTo(paidNets(straight, Map.of()));
    }

    @Test
    void aCorrectedLineOfAnEarlierPeriod_exactlyTheDifferenceIsPaidAndTheLaterRerunsFollow() throws IOException {
        DataSetRun straight = straightYear();
        // A commission paid in the straight run: its order gets one more line of 400.00 (commission + 100.00).
        Correction correction = correctionOf(straight);
        DataSetRun rerun = new DataSetRun(data, work.resolve("rerun"));
        rerun.demo();
        correction.apply(data);

        String q = correction.orderPeriod.toString();
        assertThat(rerun.ingestAndRerun(q)).isIn(ResettleCommandLine.OK, ResettleCommandLine.BREAKS);
        Map<YearMonth, Integer> newest = new TreeMap<>();
        months.forEach(m -> newest.put(m, 1));
        newest.put(correction.orderPeriod, 2);
        for (YearMonth later : months.subList(months.indexOf(correction.orderPeriod) + 1, months.size())) {
            assertThat(rerun.rerun(later.toString())).as(later.toString())
                    .isIn(ResettleCommandLine.OK, ResettleCommandLine.BREAKS);
            newest.put(later, 2);
        }

        // R11.2: the adjustment payout is the difference of what the corrected gross and the paid gross give.
        String due = correction.duePeriod.toString();
        PayoutAmounts expected = WithholdingTax.payout(correction.paidGross.add(new BigDecimal("100.00")),
                correction.kind, TaxBorneBy.PAYEE).minus(WithholdingTax.payout(correction.paidGross, correction.kind,
                TaxBorneBy.PAYEE));
        assertThat(rows(rerun.out.resolve(due).resolve("r2").resolve("payouts.csv"), "AMBASSADOR," + correction.ambassador + ","))
                .singleElement().satisfies(row -> {
                    String[] cells = row.split(",", -1);
                    assertThat(cells[0]).isEqualTo("PO-" + due + "-AMBASSADOR-" + correction.ambassador + "-A2");
                    assertThat(new BigDecimal(cells[5])).isEqualByComparingTo(expected.gross());
                    assertThat(new BigDecimal(cells[6])).isEqualByComparingTo(expected.tax());
                    assertThat(new BigDecimal(cells[7])).isEqualByComparingTo(expected.net());
                });

        DataSetRun corrected = new DataSetRun(data, work.resolve("corrected"));
        corrected.demo();
        for (YearMonth period : months) {
            String p = period.toString();
            int revision = newest.get(period);
            for (String file : List.of("commissions.csv", "rebates.csv", "invoice-lines.csv")) {
                assertThat(rerun.file(p, revision, file)).as("%s r%d %s", p, revision, file)
                        .isEqualTo(corrected.file(p, file));
            }
            // The same items with the same status; those the correction changed sit under the adjustment.
            assertThat(withoutColumn(rerun.file(p, revision, "payout-items.csv"), 0)).as("%s r%d", p, revision)
                    .isEqualTo(withoutColumn(corrected.file(p, "payout-items.csv"), 0));
        }
        assertThat(paidNets(rerun, newest)).isEqualTo(paidNets(corrected, Map.of()));
    }

    /** What a correction changes: one more line of 400.00 on a first purchase whose commission a PAY row paid. */
    private record Correction(YearMonth orderPeriod, YearMonth duePeriod, String ambassador, PayeeKind kind,
            BigDecimal paidGross, String orderId, String subAccount) {

        void apply(Path data) throws IOException {
            Path exports = data.resolve("exports").resolve(orderPeriod.toString());
            try (Stream<Path> files = Files.list(exports)) {
                for (Path file : files.sorted().toList()) {
                    String text = DataSets.read(file);
                    List<String> header = List.of(text.substring(0, text.indexOf('\n')).split(","));
                    Optional<String> line = text.lines().skip(1).filter(row -> {
                        List<String> cells = List.of(row.split(",", -1));
                        return cells.get(header.indexOf("SubOrderId")).equals(orderId)
                                || cells.get(header.indexOf("OrderId")).equals(orderId) && cells.get(
                                        header.indexOf("SubOrderId")).isEmpty();
                    }).findFirst();
                    if (line.isPresent()) {
                        List<String> cells = new ArrayList<>(List.of(line.get().split(",", -1)));
                        cells.set(header.indexOf("RecordID"), "CORRECTION-1");
                        for (String amount : List.of("PretaxGrossAmount", "PretaxAmount", "PaymentAmount")) {
                            cells.set(header.indexOf(amount), "400.00");
                        }
                        Files.writeString(file, text + String.join(",", cells) + "\n");
                        addToStatement(data.resolve("statements").resolve(orderPeriod.toString())
                                .resolve("vendor-statement.csv"));
                        return;
                    }
                }
            }
            throw new AssertionError("no line of order " + orderId + " in " + exports);
        }

        private void addToStatement(Path statement) throws IOException {
            StringBuilder text = new StringBuilder();
            for (String row : DataSets.read(statement).lines().toList()) {
                String[] cells = row.split(",", -1);
                text.append(cells[0].equals(subAccount)
                        ? cells[0] + "," + new BigDecimal(cells[1]).add(new BigDecimal("400.00")).toPlainString() : row)
                        .append('\n');
            }
            Files.writeString(statement, text.toString());
        }
    }

    private Correction correctionOf(DataSetRun straight) throws IOException {
        String last = months.get(months.size() - 1).toString();
        Map<String, PayeeKind> kinds = new TreeMap<>();
        for (CSVRecord row : records(data.resolve("ambassadors.csv"))) {
            kinds.put(row.get("ambassador_id"), PayeeKind.valueOf(row.get("payee_type")));
        }
        for (CSVRecord c : records(straight.out.resolve(last).resolve("r1").resolve("commissions.csv"))) {
            if (!c.get("status").equals("DUE") || c.get("order_id").contains("\"")) {
                continue;
            }
            YearMonth orderPeriod = YearMonth.from(java.time.LocalDateTime.parse(c.get("payment_time")));
            YearMonth due = YearMonth.from(java.time.LocalDate.parse(c.get("due_date")));
            if (!months.contains(orderPeriod) || !months.contains(due) || due.equals(orderPeriod)) {
                continue;
            }
            String ambassador = c.get("ambassador_id");
            for (CSVRecord payout : records(straight.out.resolve(due.toString()).resolve("r1").resolve("payouts.csv"))) {
                if (payout.get("payee_id").equals(ambassador) && payout.get("status").equals("PAY")) {
                    return new Correction(orderPeriod, due, ambassador, kinds.get(ambassador),
                            Money.round2(new BigDecimal(payout.get("gross"))), c.get("order_id"), c.get("sub_account_id"));
                }
            }
        }
        throw new AssertionError("the generated year has no commission paid by a payout");
    }

    /** Per payee, the nets of every PAY row of every period and revision. */
    private Map<String, BigDecimal> paidNets(DataSetRun run, Map<YearMonth, Integer> revisions) {
        Map<String, BigDecimal> nets = new TreeMap<>();
        for (YearMonth period : months) {
            for (int revision = 1; revision <= revisions.getOrDefault(period, 1); revision++) {
                for (CSVRecord row : records(run.out.resolve(period.toString()).resolve("r" + revision)
                        .resolve("payouts.csv"))) {
                    if (row.get("status").equals("PAY")) {
                        nets.merge(row.get("payee_type") + "-" + row.get("payee_id"), new BigDecimal(row.get("net")),
                                BigDecimal::add);
                    }
                }
            }
        }
        return nets;
    }

    private static List<CSVRecord> records(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            return READ.parse(reader).getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> files(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> rows(Path file, String containing) {
        return DataSets.read(file).lines().skip(1).filter(row -> row.contains(containing)).toList();
    }

    /** A CSV's text without one column (cells of these files hold no commas, names and titles aside). */
    private static String withoutColumn(String csv, int column) {
        StringBuilder text = new StringBuilder();
        for (String row : csv.lines().toList()) {
            List<String> cells = new ArrayList<>(List.of(row.split(",", -1)));
            cells.remove(column);
            text.append(String.join(",", cells)).append('\n');
        }
        return text.toString();
    }
}
