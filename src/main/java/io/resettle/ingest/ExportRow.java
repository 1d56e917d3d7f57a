package io.resettle.ingest;

import org.apache.commons.csv.CSVFormat;

/**
 * A data row of an export file as read: its number (1 = the first row after the header) and its
 * cells. Its raw text for rejects.csv is rebuilt only for a rejected row: formatting every row
 * up front cost a tenth of the ingest time (docs/performance.md).
 *
 * <p>The reader rejects a row itself when its shape is wrong (issue 15): {@code reject} is then set,
 * with {@code detail} and, for a line read as plain text after the file's quoting broke, the line
 * itself as {@code rawLine} (no cells). Row number 0 with a reject marks the whole file as rejected.
 */
public record ExportRow(long rowNo, String[] cells, RejectReason reject, String detail, String rawLine) {

    private static final CSVFormat RAW = CSVFormat.DEFAULT.builder().setRecordSeparator("").get();

    public ExportRow(long rowNo, String[] cells) {
        this(rowNo, cells, null, null, null);
    }

    /** A row the reader rejects by its shape alone. */
    public static ExportRow rejected(long rowNo, String[] cells, RejectReason reason, String detail) {
        return new ExportRow(rowNo, cells, reason, detail, null);
    }

    /** A line of a file whose quoting broke, kept as the text it is. */
    public static ExportRow rejectedLine(long rowNo, String line, RejectReason reason, String detail) {
        return new ExportRow(rowNo, null, reason, detail, line);
    }

    public boolean isRejected() {
        return reject != null;
    }

    /** The record written back as CSV, or the line as read when there are no cells. */
    public String raw() {
        return cells == null ? rawLine : RAW.format((Object[]) cells);
    }
}
