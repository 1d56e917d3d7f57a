package io.resettle.pricing.batch;

/**
 * Billing lines {@code first} to {@code last} (line ids, inclusive, in the database's order of
 * line ids) of a period, {@code lines} of them: one partition of {@code priceLines}.
 */
record LineIdRange(String first, String last, long lines) {
}
