package io.resettle.support.csv;

/**
 * Why a row or a whole file was rejected (R2.5, io-contract §3). {@link #BAD_VALUE} is ours: an
 * enumeration value (billing method, charge type) that no mapping of io-contract §2 knows, which
 * we refuse rather than guess (docs/decisions.md). Issue 15 added {@link #MALFORMED_ROW} (a row
 * whose cell count differs from the header's, a row the file ends inside, or every line after the
 * file's quoting breaks), {@link #DUPLICATE_COLUMN} (the file), {@link #VALUE_TOO_LONG} (a value
 * longer than the column that stores it) and {@link #SYMBOLIC_LINK} (the file: links are never
 * followed).
 */
public enum RejectReason {
    UNKNOWN_FORMAT, MISSING_COLUMN, UNREADABLE_ENCODING,
    BAD_NUMBER, BAD_DATE, BAD_VALUE,
    UNKNOWN_SUB_ACCOUNT, NOT_ASSOCIATED_IN_PERIOD, PERIOD_MISMATCH, CURRENCY_MISMATCH,
    DUPLICATE_LINE,
    MALFORMED_ROW, DUPLICATE_COLUMN, VALUE_TOO_LONG, SYMBOLIC_LINK
}
