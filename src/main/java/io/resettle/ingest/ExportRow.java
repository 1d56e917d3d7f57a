package io.resettle.ingest;

import org.apache.commons.csv.CSVFormat;

/**
 * A data row of an export file as read: its number (1 = the first row after the header), its
 * cells and its text as written in the file (for rejects.csv, io-contract §2), cut from the
 * decoded stream by {@link RecordingReader} rather than formatted again (formatting every row up
 * front cost a tenth of the ingest time, docs/performance.md).
 */
public record ExportRow(long rowNo, String[] cells, String rawText) {

    private static final CSVFormat RAW = CSVFormat.DEFAULT.builder().setRecordSeparator("").get();

    public ExportRow(long rowNo, String[] cells) {
        this(rowNo, cells, null);
    }

    /** The row's text exactly as it stood in the file, else (not captured) the record written back as CSV. */
    public String raw() {
        return rawText != null ? rawText : RAW.format((Object[]) cells);
    }
}
