package io.resettle.generate;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;

/**
 * The {@code alibaba-bill} export files of one period (io-contract §2), instance-level (each row
 * names its InstanceID, so a line id is RecordID/InstanceID): {@code bill-001.csv},
 * {@code bill-002.csv}, … each with the header row and at most {@link #MAX_LINES_PER_FILE} lines.
 * There is always at least one file, so an empty data set still has a (header-only) export.
 */
final class BillExport implements Closeable {

    /** Data rows per export file, header excluded. */
    static final int MAX_LINES_PER_FILE = 500_000;

    static final String[] HEADER = {"RecordID", "InstanceID", "RelatedRecordID", "BillingCycle", "OwnerID", "AccountID",
        "SubOrderId", "OrderId", "ProductCode", "SubscriptionType", "Item", "OrderType", "PretaxGrossAmount",
        "PretaxAmount", "PaymentAmount", "Currency", "PaymentTime", "UsageStartTime", "UsageEndTime", "Status"};

    private final Path folder;
    private final List<Path> files = new ArrayList<>();
    private CSVPrinter printer;
    private int linesInFile;

    BillExport(Path folder) throws IOException {
        this.folder = folder;
        next();
    }

    /** Writes one line; the 20 cells in {@link #HEADER} order, {@code null} for empty. */
    void print(Object... cells) throws IOException {
        if (linesInFile == MAX_LINES_PER_FILE) {
            next();
        }
        printer.printRecord(cells);
        linesInFile++;
    }

    /** The files written so far, in order. */
    List<Path> files() {
        return List.copyOf(files);
    }

    static String fileName(int number) {
        return "bill-" + Roster.pad(number, 3) + ".csv";
    }

    private void next() throws IOException {
        close();
        Path file = folder.resolve(fileName(files.size() + 1));
        printer = CsvFiles.open(file, HEADER);
        files.add(file);
        linesInFile = 0;
    }

    @Override
    public void close() throws IOException {
        if (printer != null) {
            printer.close(true);
            printer = null;
        }
    }
}
