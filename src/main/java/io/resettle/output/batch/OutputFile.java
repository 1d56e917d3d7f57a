package io.resettle.output.batch;

import java.util.List;

/**
 * One CSV file of io-contract §3 as data: its name, the query whose columns are the file's
 * columns in order ({@code :period}, {@code :revision} and {@code :previousRevision} as parameters),
 * and each column's header and kind. The manifest sums the {@link Kind#TOTAL} columns.
 *
 * @param fromSecondRevision written only for revision 2 on (R11.3)
 */
record OutputFile(String name, String sql, List<Column> columns, boolean fromSecondRevision) {

    /** How a column is read and written. */
    enum Kind {
        /** Text, guarded against formulas. */
        TEXT,
        /** A whole number. */
        COUNT,
        /** Money with two decimals. */
        AMOUNT,
        /** Money with two decimals, summed in manifest.json. */
        TOTAL,
        /** A rate: plain, without trailing zeros. */
        RATE,
        /** A timestamp to the second, ISO 8601 without zone. */
        TIMESTAMP
    }

    record Column(String header, Kind kind) {
    }

    OutputFile(String name, String sql, List<Column> columns) {
        this(name, sql, columns, false);
    }

    String[] header() {
        return columns.stream().map(Column::header).toArray(String[]::new);
    }

    /** The headers of the money columns summed in the manifest, in the file's order. */
    List<String> totals() {
        return columns.stream().filter(c -> c.kind() == Kind.TOTAL).map(Column::header).toList();
    }

    static Column text(String header) {
        return new Column(header, Kind.TEXT);
    }

    static Column count(String header) {
        return new Column(header, Kind.COUNT);
    }

    static Column amount(String header) {
        return new Column(header, Kind.AMOUNT);
    }

    static Column total(String header) {
        return new Column(header, Kind.TOTAL);
    }

    static Column rate(String header) {
        return new Column(header, Kind.RATE);
    }

    static Column timestamp(String header) {
        return new Column(header, Kind.TIMESTAMP);
    }
}
