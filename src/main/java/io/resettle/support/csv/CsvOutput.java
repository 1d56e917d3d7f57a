package io.resettle.support.csv;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes an output file of io-contract §3: UTF-8, header row, RFC 4180 quoting, {@code \n} line
 * ends; written to a temporary name and renamed, so a file is whole or absent. Text cells that a
 * spreadsheet would run as a formula are prefixed with {@code '}.
 */
public final class CsvOutput implements AutoCloseable {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();
    /** Characters collected before they go to the file in one write. */
    private static final int BATCH = 1 << 16;

    private final Path target;
    private final Path temporary;
    private final BufferedWriter writer;
    /**
     * Commons CSV prints a record character by character; into a BufferedWriter each character
     * took its lock (a tenth of the settlement files' time, docs/performance.md). It prints into
     * this buffer instead, written out in batches.
     */
    private final StringBuilder pending = new StringBuilder(BATCH + 1024);
    private final CSVPrinter printer;
    private long rows;
    private boolean complete;

    private CsvOutput(Path target, List<String> header) throws IOException {
        this.target = target;
        Files.createDirectories(target.getParent());
        this.temporary = temporaryOf(target);
        this.writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8);
        this.printer = new CSVPrinter(pending, FORMAT);
        printer.printRecord(header);
    }

    public static CsvOutput create(Path target, String... header) {
        try {
            return new CsvOutput(target, List.of(header));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /** Cells: text (guarded), {@link BigDecimal} money (two decimals), numbers, or {@code null} (empty). */
    public void row(Object... cells) {
        try {
            print(printer, cells);
            rows++;
            if (pending.length() >= BATCH) {
                writePending();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    private void writePending() throws IOException {
        writer.append(pending);
        pending.setLength(0);
    }

    public long rows() {
        return rows;
    }

    /** Money with exactly two decimals (the value is already rounded where the rules say). */
    public static String money(BigDecimal amount) {
        return amount == null ? "" : amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** Rates as plain decimals without exponent or trailing zeros (io-contract §3). */
    public static Raw rate(BigDecimal rate) {
        return new Raw(rate.signum() == 0 ? "0" : rate.stripTrailingZeros().toPlainString());
    }

    /** Six decimals: the amounts and rebates of rebate-slices.csv (io-contract §3). */
    public static BigDecimal sixDecimals(BigDecimal amount) {
        return amount.setScale(6, RoundingMode.HALF_UP);
    }

    /** A spreadsheet never runs a cell as a formula (io-contract §3). */
    public static String guard(String text) {
        if (text == null || text.isEmpty()) {
            return text == null ? "" : text;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' ? "'" + text : text;
    }

    /**
     * One record, cell by cell: what {@code printRecord} prints, without the stream it builds over
     * the values of every record (a third of the rebate slices' printing, docs/performance.md).
     */
    private static void print(CSVPrinter printer, Object... cells) throws IOException {
        for (Object cell : cells) {
            printer.print(format(cell));
        }
        printer.println();
    }

    private static String format(Object cell) {
        if (cell == null) {
            return "";
        }
        if (cell instanceof BigDecimal amount) {
            return money(amount);
        }
        if (cell instanceof Number || cell instanceof Boolean) {
            return cell.toString();
        }
        if (cell instanceof Raw raw) {
            return raw.text();
        }
        return guard(cell.toString());
    }

    /** A cell written as it is: numbers already formatted, e.g. rates or six-decimal amounts. */
    public record Raw(String text) {
    }

    /**
     * Rows printed exactly as {@link #row} prints them, into memory: for a file written in parts
     * ({@link CsvParts}).
     */
    public static final class Rows {
        private final StringBuilder text = new StringBuilder();
        private final CSVPrinter printer;
        private long count;

        public Rows() {
            try {
                this.printer = new CSVPrinter(text, FORMAT);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public void row(Object... cells) {
            try {
                print(printer, cells);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            count++;
        }

        public long count() {
            return count;
        }

        public CharSequence text() {
            return text;
        }
    }

    /** The header row as {@link #create} writes it, its line end included. */
    public static String header(String... header) {
        Rows rows = new Rows();
        rows.row((Object[]) header);
        return rows.text().toString();
    }

    /** What {@link #writeWhole} writes after the header. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * A file written as bytes, not row by row: the header row, then what {@code body} writes (rows
     * already in this format), to a temporary name renamed once whole, as {@link #commit} does.
     */
    public static void writeWhole(Path target, String[] header, Body body) {
        Path temporary = temporaryOf(target);
        try {
            Files.createDirectories(target.getParent());
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary), BATCH)) {
                out.write(header(header).getBytes(StandardCharsets.UTF_8));
                body.writeTo(out);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("cannot write " + target, e.getCause());
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                // the rename happened, or the failure above is the one to report
            }
        }
    }

    private static Path temporaryOf(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".tmp");
    }

    /** Renames the temporary file to its name; without this call the target is left untouched. */
    public void commit() {
        try {
            writePending();
            writer.close();
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            complete = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    @Override
    public void close() {
        if (!complete) {
            try {
                writer.close();
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + temporary, e);
            }
        }
    }
}
