package io.resettle.ingest;

/**
 * A data row of an export file as read: its number (1 = the first row after the header), its
 * cells, and its raw text (the record written back as CSV) for rejects.csv.
 */
public record ExportRow(long rowNo, String[] cells, String raw) {
}
