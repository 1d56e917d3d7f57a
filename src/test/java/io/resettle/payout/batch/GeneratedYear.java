package io.resettle.payout.batch;

import io.resettle.generate.DataSetGenerator;
import io.resettle.generate.GeneratorOptions;
import io.resettle.support.DataSets;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * A year of generated data ({@code resettle generate}, one month per run of the generator with the
 * same seed, so the same groups, accounts and ambassadors) merged into one data set: master data
 * of the first month, every month's allocations, referral visits, exports and vendor statement. The
 * generator numbers records and orders alike in every month, so each month's ids get the month as
 * prefix (a refund's RelatedRecordID too, which always names a line of its own month).
 */
final class GeneratedYear {

    private static final List<String> ID_COLUMNS = List.of("RecordID", "RelatedRecordID", "SubOrderId", "OrderId");
    private static final CSVFormat READ = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();

    private GeneratedYear() {
    }

    static List<YearMonth> write(long seed, int linesPerMonth, int groups, int subAccounts, YearMonth first,
            int months, Path data) {
        List<YearMonth> periods = new ArrayList<>();
        Path generated = data.resolveSibling(data.getFileName() + "-months");
        StringBuilder allocations = new StringBuilder();
        StringBuilder referrals = new StringBuilder();
        for (int i = 0; i < months; i++) {
            YearMonth month = first.plusMonths(i);
            periods.add(month);
            Path one = generated.resolve(month.toString());
            DataSetGenerator.generate(new GeneratorOptions(linesPerMonth, groups, subAccounts, seed, month), one);
            if (i == 0) {
                DataSets.copyTree(one, data);
                allocations.append(read(one.resolve("allocations.csv")));
                referrals.append(read(one.resolve("referrals.csv")));
            } else {
                allocations.append(withoutHeader(read(one.resolve("allocations.csv"))));
                referrals.append(withoutHeader(read(one.resolve("referrals.csv"))));
                DataSets.copyTree(one.resolve("statements"), data.resolve("statements"));
            }
            Path exports = data.resolve("exports").resolve(month.toString());
            try (Stream<Path> files = Files.list(one.resolve("exports").resolve(month.toString()))) {
                for (Path file : files.sorted().toList()) {
                    prefixIds(file, exports.resolve(file.getFileName().toString()), month.toString().replace("-", "") + "-");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        write(data.resolve("allocations.csv"), allocations.toString());
        write(data.resolve("referrals.csv"), referrals.toString());
        return periods;
    }

    private static void prefixIds(Path from, Path to, String prefix) throws IOException {
        Files.createDirectories(to.getParent());
        try (Reader reader = Files.newBufferedReader(from); Writer writer = Files.newBufferedWriter(to)) {
            var records = READ.parse(reader);
            List<String> header = records.getHeaderNames();
            try (CSVPrinter printer = CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new))
                    .setRecordSeparator('\n').get().print(writer)) {
                for (CSVRecord record : records) {
                    List<String> cells = new ArrayList<>(record.toList());
                    for (String column : ID_COLUMNS) {
                        int at = header.indexOf(column);
                        if (at >= 0 && !cells.get(at).isEmpty()) {
                            cells.set(at, prefix + cells.get(at));
                        }
                    }
                    printer.printRecord(cells);
                }
            }
        }
    }

    private static String withoutHeader(String csv) {
        int newline = csv.indexOf('\n');
        return newline < 0 ? "" : csv.substring(newline + 1);
    }

    private static String read(Path file) {
        return DataSets.read(file);
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
