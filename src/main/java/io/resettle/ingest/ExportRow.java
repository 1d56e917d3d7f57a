package io.resettle.ingest;

import org.apache.commons.csv.CSVFormat;

/**
 * A data row of an export file as read: its number (1 = the first row after the header) and its
 * cells. Its raw text for rejects.csv is rebuilt only for a rejected row: formatting every row
 * up front cost a tenth of the ingest time (docs/performance.md).
 */
public record ExportRow(long rowNo, String[] cells) {

    private static final CSVFormat RAW = CSVFormat.DEFAULT.builder().setRecordSeparator("").get();

    /** The record written back as CSV. */
    public String raw() {
        return RAW.format((Object[]) cells);
    }
}
