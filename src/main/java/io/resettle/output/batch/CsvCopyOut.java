package io.resettle.output.batch;

import io.resettle.output.Written;
import io.resettle.support.FaultInjection;
import io.resettle.support.SqlDialect;
import io.resettle.support.csv.CsvOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A settlement file written through PostgreSQL's {@code COPY … TO STDOUT (FORMAT csv)}: the
 * database prints the cells (numbers formatted in the query) and quotes them in C, and the rows
 * stream into the file with the few differences from {@link CsvOutput} put right on the way. At a
 * million invoice lines this replaces reading twelve cells a line over JDBC and printing them in
 * Java (docs/performance.md). The file's bytes, rows and totals are the JDBC path's (CsvCopyOutIT
 * writes both from the same rows).
 *
 * <p>What is put right, cell by cell: text guarded against formulas (a leading {@code = + - @} gets
 * a {@code '}); Commons CSV's minimal quoting, which also quotes a text whose first character is up
 * to {@code #} or whose last is up to a space, and an empty first cell, but no other empty cell
 * (PostgreSQL quotes every empty text to tell it from NULL). Both quote a cell holding a quote,
 * comma, CR or LF, and double its quotes. Money is rounded half up to two decimals, rates lose
 * their trailing zeros ({@code 0} for zero), a missing count is {@code 0}. The money columns the
 * manifest sums follow the cells unrounded, as the JDBC path sums them, and are cut off the line.
 */
final class CsvCopyOut {

    private CsvCopyOut() {
    }

    /**
     * {@code template} with the cells and then the totals' values ({@code %1$s}, columns of the row
     * {@code s} named as the file's headers, as invoice_line's are), and the period and revision
     * written into it (COPY takes no parameters; both are checked values). Money is rounded as
     * {@link CsvOutput#money} rounds it: PostgreSQL's {@code round} is half up too.
     */
    static String query(String template, OutputFile file, YearMonth period, int revision) {
        List<String> cells = new ArrayList<>();
        for (OutputFile.Column column : file.columns()) {
            String name = "s." + column.header();
            cells.add(switch (column.kind()) {
                case TEXT -> name;
                case COUNT -> "COALESCE(" + name + ", 0)";
                case AMOUNT, TOTAL -> "round(" + name + ", 2)";
                // stripTrailingZeros().toPlainString(); trim_scale would need PostgreSQL 13
                case RATE -> "CASE WHEN " + name + " = 0 THEN '0' WHEN strpos(" + name + "::text, '.') = 0 THEN "
                        + name + "::text ELSE rtrim(rtrim(" + name + "::text, '0'), '.') END";
                case TIMESTAMP -> throw new IllegalArgumentException(file.name() + ": timestamps are written by JDBC");
            });
        }
        for (OutputFile.Column column : file.columns()) {
            if (column.kind() == OutputFile.Kind.TOTAL) {
                cells.add("s." + column.header());
            }
        }
        return template.formatted(String.join(", ", cells))
                .replace(":period", "'" + period + "'") // a YearMonth prints as digits and a dash
                .replace(":revision", Integer.toString(revision));
    }

    /** Streams {@code query}'s rows into {@code target} (a temporary name, then renamed), header first. */
    static Written write(OutputFile file, String query, Path target, SqlDialect dialect, FaultInjection faults) {
        Map<String, BigDecimal> totals = new LinkedHashMap<>();
        file.totals().forEach(column -> totals.put(column, BigDecimal.ZERO));
        long[] rows = new long[1];
        CsvOutput.writeWhole(target, file.header(), out -> {
            Rows copied = new Rows(file, out, totals, faults);
            dialect.copyOut(query, copied);
            copied.finish();
            rows[0] = copied.count;
        });
        return Written.of(file.name(), target, rows[0], totals);
    }

    /**
     * COPY's CSV read as it streams: a row ends with an LF outside quotes, cells are separated by
     * commas outside quotes. Each of the file's cells is put right as it ends; the totals' values
     * after them are summed and left out of the file.
     */
    static final class Rows extends OutputStream {
        private final String fileName;
        private final boolean[] text;
        private final List<String> totalColumns;
        private final Map<String, BigDecimal> totals;
        private final OutputStream out;
        private final FaultInjection faults;
        private byte[] line = new byte[256];
        private int length;
        private int cell;
        private int cellStart;
        private boolean inQuotes;
        private boolean quoted;
        long count;

        /** {@code totals}: the file's total columns, each at zero, summed into as rows pass. */
        Rows(OutputFile file, OutputStream out, Map<String, BigDecimal> totals, FaultInjection faults) {
            this.fileName = file.name();
            this.text = new boolean[file.columns().size()];
            for (int i = 0; i < text.length; i++) {
                text[i] = file.columns().get(i).kind() == OutputFile.Kind.TEXT;
            }
            this.totalColumns = file.totals();
            this.totals = totals;
            this.out = out;
            this.faults = faults;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int size) throws IOException {
            for (int i = offset; i < offset + size; i++) {
                byte b = bytes[i];
                if (inQuotes) {
                    // A doubled quote closes and reopens: the bytes are kept as they are either way.
                    inQuotes = b != '"';
                    put(b);
                } else if (b == '"') {
                    inQuotes = true;
                    quoted = true;
                    put(b);
                } else if (b == ',') {
                    endCell();
                    put(b);
                    cell++;
                    cellStart = length;
                } else if (b == '\n') {
                    endCell();
                    endRow();
                } else {
                    put(b);
                }
            }
        }

        private void put(int b) {
            if (length == line.length) {
                line = Arrays.copyOf(line, line.length * 2);
            }
            line[length++] = (byte) b;
        }

        private void endCell() {
            if (cell >= text.length) {
                total();
            } else if (text[cell]) {
                putRight();
            }
            quoted = false;
        }

        /** A total's value: summed (unless NULL), then cut off the line with its comma. */
        private void total() {
            int index = cell - text.length;
            if (index >= totalColumns.size()) {
                throw new IllegalStateException(fileName + ": COPY gave more cells than the file and its totals");
            }
            if (length > cellStart) {
                BigDecimal value = new BigDecimal(new String(line, cellStart, length - cellStart, StandardCharsets.US_ASCII));
                totals.merge(totalColumns.get(index), value, BigDecimal::add);
            }
            length = cellStart - 1;
        }

        /** A text cell as CsvOutput prints it, from PostgreSQL's print of it. */
        private void putRight() {
            int size = length - cellStart;
            if (quoted) {
                if (size == 2) {
                    // An empty text: quoted only as the first cell.
                    length = cell == 0 ? length : cellStart;
                } else if (isFormula(line[cellStart + 1])) {
                    insert(cellStart + 1, (byte) '\'');
                }
                return;
            }
            if (size == 0) {
                // NULL: empty, quoted only as the first cell.
                if (cell == 0) {
                    put('"');
                    put('"');
                }
                return;
            }
            if (isFormula(line[cellStart])) {
                insert(cellStart, (byte) '\'');
            }
            // Bytes of a multi-byte UTF-8 character are all above these limits, as its UTF-16 chars are.
            if ((line[cellStart] & 0xFF) <= '#' || (line[length - 1] & 0xFF) <= ' ') {
                insert(cellStart, (byte) '"');
                put('"');
            }
        }

        private static boolean isFormula(byte b) {
            return b == '=' || b == '+' || b == '-' || b == '@';
        }

        private void insert(int at, byte b) {
            put(b);
            System.arraycopy(line, at, line, at + 1, length - at - 1);
            line[at] = b;
        }

        private void endRow() throws IOException {
            if (cell != text.length + totalColumns.size() - 1) {
                throw new IllegalStateException(fileName + ": COPY gave " + (cell + 1) + " cells, expected "
                        + (text.length + totalColumns.size()));
            }
            faults.beforeWriting(fileName, count + 1, count + 1);
            out.write(line, 0, length);
            out.write('\n');
            length = 0;
            cell = 0;
            cellStart = 0;
            count++;
        }

        void finish() {
            if (length > 0 || cell > 0 || inQuotes) {
                throw new IllegalStateException(fileName + ": COPY ended inside a row");
            }
        }
    }
}
