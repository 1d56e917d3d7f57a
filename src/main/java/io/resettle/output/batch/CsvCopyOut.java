package io.resettle.output.batch;

import io.resettle.output.Written;
import io.resettle.support.FaultInjection;
import io.resettle.support.SqlDialect;
import io.resettle.support.csv.CsvOutput;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A settlement file written by PostgreSQL's {@code COPY … TO STDOUT}: each row's CSV line is built
 * in SQL exactly as {@link CsvOutput} prints it, and streamed into the file as it comes. At a
 * million invoice lines this replaces reading twelve cells a line over JDBC and printing them in
 * Java (docs/performance.md). The file's bytes, rows and totals are the JDBC path's (CsvCopyOutIT
 * writes both from the same rows).
 *
 * <p>The line, as {@link CsvOutput} writes it: text guarded against formulas (a leading
 * {@code = + - @} gets a {@code '}), then quoted as Commons CSV's minimal quoting does (an empty
 * first cell; a first character up to {@code #}; a quote, comma, CR or LF anywhere; a last
 * character up to a space), quotes doubled; money rounded half up to two decimals; rates without
 * trailing zeros ({@code 0} for zero); counts as whole numbers (a missing one as {@code 0}). The
 * money columns the manifest sums follow the line as text, unrounded, as the JDBC path sums them.
 */
final class CsvCopyOut {

    private CsvCopyOut() {
    }

    /**
     * {@code template} with the line and the totals ({@code %1$s}, over the row {@code s}) and the
     * guarded text cells ({@code %2$s}, a lateral row {@code g}) filled in, and the period and
     * revision written into it (COPY takes no parameters; both are checked values).
     */
    static String query(String template, OutputFile file, YearMonth period, int revision) {
        List<OutputFile.Column> columns = file.columns();
        StringBuilder line = new StringBuilder();
        StringBuilder totals = new StringBuilder();
        StringBuilder guarded = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            OutputFile.Column column = columns.get(i);
            String name = column.header();
            if (i > 0) {
                line.append(" || ',' || ");
            }
            line.append(switch (column.kind()) {
                case TEXT -> {
                    guarded.append(guarded.isEmpty() ? "" : ", ").append("CASE WHEN left(s.").append(name)
                            .append(", 1) IN ('=', '+', '-', '@') THEN '''' || s.").append(name).append(" ELSE s.")
                            .append(name).append(" END AS ").append(name);
                    yield quoted("g." + name, i == 0);
                }
                case COUNT -> "COALESCE(s." + name + ", 0)::text";
                case AMOUNT, TOTAL -> "COALESCE(round(s." + name + ", 2)::text, '')";
                case RATE -> "CASE WHEN s." + name + " = 0 THEN '0' ELSE trim_scale(s." + name + ")::text END";
                case TIMESTAMP -> throw new IllegalArgumentException(file.name() + ": timestamps are written by JDBC");
            });
            if (column.kind() == OutputFile.Kind.TOTAL) {
                totals.append(", s.").append(name).append("::text");
            }
        }
        return template.formatted(line + totals.toString(), guarded.isEmpty() ? "1" : guarded.toString())
                .replace(":period", "'" + YearMonth.parse(period.toString()) + "'")
                .replace(":revision", Integer.toString(revision));
    }

    /** A text cell (never null after it): empty, as it is, or in quotes with its quotes doubled. */
    private static String quoted(String cell, boolean first) {
        return "CASE WHEN COALESCE(" + cell + ", '') = '' THEN '" + (first ? "\"\"" : "") + "'"
                + " WHEN ascii(" + cell + ") <= 35 OR ascii(right(" + cell + ", 1)) <= 32"
                + " OR strpos(" + cell + ", '\"') > 0 OR strpos(" + cell + ", ',') > 0"
                + " OR strpos(" + cell + ", chr(10)) > 0 OR strpos(" + cell + ", chr(13)) > 0"
                + " THEN '\"' || replace(" + cell + ", '\"', '\"\"') || '\"' ELSE " + cell + " END";
    }

    /** Streams {@code query}'s rows into {@code target} (a temporary name, then renamed), header first. */
    static Written write(OutputFile file, String query, Path target, SqlDialect dialect, FaultInjection faults) {
        Path temporary = target.resolveSibling("." + target.getFileName() + ".tmp");
        Map<String, BigDecimal> totals = new LinkedHashMap<>();
        file.totals().forEach(column -> totals.put(column, BigDecimal.ZERO));
        try {
            Files.createDirectories(target.getParent());
            Rows rows;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16)) {
                out.write(CsvOutput.headerLine(file.header()).getBytes(StandardCharsets.UTF_8));
                rows = new Rows(file.name(), out, file.totals(), totals, faults);
                dialect.copyOut(query, rows);
                rows.finish();
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return Written.of(file.name(), target, rows.count, totals);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                // The failure being reported matters more; a stale temporary name is replaced next time.
            }
        }
    }

    /**
     * COPY's text format read as it streams: rows end with LF, cells are separated by TAB, a
     * backslash escapes the next character ({@code \n \r \t \b \f \v} and itself), {@code \N} is null.
     * The first cell is the CSV line, written out; the others are the totals' values.
     */
    private static final class Rows extends OutputStream {
        private final String fileName;
        private final OutputStream out;
        private final List<String> totalColumns;
        private final Map<String, BigDecimal> totals;
        private final FaultInjection faults;
        private byte[] line = new byte[256];
        private int length;
        private final StringBuilder value = new StringBuilder();
        private int cell;
        private boolean escaped;
        private boolean nullCell;
        long count;

        Rows(String fileName, OutputStream out, List<String> totalColumns, Map<String, BigDecimal> totals,
                FaultInjection faults) {
            this.fileName = fileName;
            this.out = out;
            this.totalColumns = totalColumns;
            this.totals = totals;
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
                if (escaped) {
                    escaped = false;
                    if (b == 'N' && cell > 0 && value.isEmpty()) {
                        nullCell = true;
                        continue;
                    }
                    take(switch (b) {
                        case 'n' -> '\n';
                        case 'r' -> '\r';
                        case 't' -> '\t';
                        case 'b' -> '\b';
                        case 'f' -> '\f';
                        case 'v' -> 0x0B;
                        default -> b;
                    });
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == '\t') {
                    endCell();
                    cell++;
                } else if (b == '\n') {
                    endCell();
                    endRow();
                } else {
                    take(b);
                }
            }
        }

        private void take(int b) {
            if (cell == 0) {
                if (length == line.length) {
                    line = Arrays.copyOf(line, line.length * 2);
                }
                line[length++] = (byte) b;
            } else {
                value.append((char) b);
            }
        }

        private void endCell() {
            if (cell > 0) {
                if (cell > totalColumns.size()) {
                    throw new IllegalStateException(fileName + ": COPY gave more cells than the line and its totals");
                }
                if (!nullCell) {
                    totals.merge(totalColumns.get(cell - 1), new BigDecimal(value.toString()), BigDecimal::add);
                }
                value.setLength(0);
                nullCell = false;
            }
        }

        private void endRow() throws IOException {
            faults.beforeWriting(fileName, count + 1, count + 1);
            out.write(line, 0, length);
            out.write('\n');
            length = 0;
            cell = 0;
            count++;
        }

        void finish() {
            if (length > 0 || cell > 0 || escaped) {
                throw new IllegalStateException(fileName + ": COPY ended inside a row");
            }
        }
    }
}
