package io.resettle.pricing.batch;

/** What a {@code priceLines} partition keeps in its step execution context (the dashboard reads it too). */
public final class PriceLinesRangeContext {

    /** First and last line id of the range, inclusive, in the database's order. */
    public static final String FIRST_LINE_ID = "firstLineId";
    public static final String LAST_LINE_ID = "lastLineId";
    /** Billing lines of the range when it was cut: the partition's volume. */
    public static final String LINES = "rangeLines";
    /** "i/n", for the console. */
    public static final String LABEL = "rangeLabel";

    private PriceLinesRangeContext() {
    }
}
