package io.resettle.generate;

import java.time.YearMonth;
import java.util.Objects;

/**
 * What {@link DataSetGenerator} builds: a data set (io-contract §1) with {@code lines} billing
 * lines of {@code period} in the {@code alibaba-bill} format (io-contract §2), spread over
 * {@code groups} groups and {@code subAccounts} sub-accounts. The same options always give the
 * same bytes.
 *
 * @param lines       billing lines to write, 0 or more (at most 10^12)
 * @param groups      customer groups, at least 1
 * @param subAccounts sub-accounts, at least one per group (each group has one PRIMARY)
 * @param seed        seed of every random choice
 * @param period      month of the exports; not before 2026-01, the month of the policy file and
 *                    of every association (R3)
 */
public record GeneratorOptions(long lines, int groups, int subAccounts, long seed, YearMonth period) {

    /** The period used when none is given. */
    public static final YearMonth DEFAULT_PERIOD = YearMonth.of(2026, 10);

    /** The month from which the generated policy, agreements and associations apply. */
    public static final YearMonth FIRST_PERIOD = YearMonth.of(2026, 1);

    static final long MAX_LINES = 1_000_000_000_000L;

    public GeneratorOptions {
        Objects.requireNonNull(period, "period");
        if (lines < 0 || lines > MAX_LINES) {
            throw new IllegalArgumentException("lines must be between 0 and " + MAX_LINES + ", was " + lines);
        }
        if (groups < 1) {
            throw new IllegalArgumentException("groups must be at least 1, was " + groups);
        }
        if (subAccounts < groups) {
            throw new IllegalArgumentException("sub-accounts (" + subAccounts
                    + ") must be at least the number of groups (" + groups + "): every group needs a PRIMARY");
        }
        if (period.isBefore(FIRST_PERIOD)) {
            throw new IllegalArgumentException("period " + period + " is before " + FIRST_PERIOD
                    + ", the month the generated policy and associations start");
        }
    }

    /** Options for the default period 2026-10. */
    public GeneratorOptions(long lines, int groups, int subAccounts, long seed) {
        this(lines, groups, subAccounts, seed, DEFAULT_PERIOD);
    }
}
