package io.resettle.rebate;

import java.time.YearMonth;

/**
 * A rebate program's fiscal year (R7.1, R7.5): twelve periods from its start month. Walks and
 * accruals restart at {@link #first()}.
 *
 * @param first the first period of the fiscal year
 */
public record FiscalYear(YearMonth first) {

    /** The fiscal year, starting in month {@code startMonth} (1–12), that contains {@code period}. */
    public static FiscalYear of(YearMonth period, int startMonth) {
        if (startMonth < 1 || startMonth > 12) {
            throw new IllegalArgumentException("fiscal year start month must be 1-12: " + startMonth);
        }
        int year = period.getMonthValue() >= startMonth ? period.getYear() : period.getYear() - 1;
        return new FiscalYear(YearMonth.of(year, startMonth));
    }

    public YearMonth last() {
        return first.plusMonths(11);
    }

    public boolean contains(YearMonth period) {
        return !period.isBefore(first) && !period.isAfter(last());
    }
}
