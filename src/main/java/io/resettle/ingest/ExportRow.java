package io.resettle.ingest;

import io.resettle.support.csv.RejectReason;
import org.apache.commons.csv.CSVFormat;

/**
 * A data row of an export file as read: its number (1 = the first row after the header), its
 * cells and its text as written in the file (for rejects.csv, io-contract §2), cut from the
 * decoded stream by {@link RecordingReader} rather than formatted again (formatting every row up
 * front cost a tenth of the ingest time, docs/performance.md).
 *
 * <p>The reader rejects a row itself when its shape is wrong (issue 15): {@code reject} is then set,
 * with {@code detail}; a line read as plain text after the file's quoting broke has no cells, only
 * its text. Row number 0 with a reject marks the whole file as rejected.
 */
public record ExportRow(long rowNo, String[] cells, RejectReason reject, String detail, String rawText) {

    private static final CSVFormat RAW = CSVFormat.DEFAULT.builder().setRecordSeparator("").get();

    public ExportRow(long rowNo, String[] cells) {
        this(rowNo, cells, null, null, null);
    }

    public ExportRow(long rowNo, String[] cells, String rawText) {
        this(rowNo, cells, null, null, rawText);
    }

    /** A row the reader rejects by its shape alone. */
    public static ExportRow rejected(long rowNo, String[] cells, String rawText, RejectReason reason, String detail) {
        return new ExportRow(rowNo, cells, reason, detail, rawText);
    }

    /** A line of a file whose quoting broke, kept as the text it is. */
    public static ExportRow rejectedLine(long rowNo, String line, RejectReason reason, String detail) {
        return new ExportRow(rowNo, null, reason, detail, line);
    }

    public boolean isRejected() {
        return reject != null;
    }

    /** The row's text exactly as it stood in the file, else (not captured) the record written back as CSV. */
    public String raw() {
        return rawText != null ? rawText : RAW.format((Object[]) cells);
    }
}
