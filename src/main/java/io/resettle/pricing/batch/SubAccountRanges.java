package io.resettle.pricing.batch;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the period's sub-accounts, in the database's order, into at most {@code n} contiguous
 * ranges with about the same number of lines each: one partition of {@code priceLines} per range.
 * The bounds come from the database's own ordering, so a {@code BETWEEN first AND last} in SQL
 * selects exactly the sub-accounts of a range, whatever the collation.
 */
final class SubAccountRanges {

    /** Lines of one sub-account in the period. */
    record SubAccountLines(String subAccountId, long lines) {
    }

    /** Sub-accounts {@code first} to {@code last} inclusive, holding {@code lines} lines. */
    record Range(String first, String last, long lines) {
    }

    private SubAccountRanges() {
    }

    /**
     * @param ordered every sub-account with lines, in the database's order of sub-account ids
     * @param n the most ranges wanted (the partitions that can run at once)
     */
    static List<Range> split(List<SubAccountLines> ordered, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("at least one range, not " + n);
        }
        long total = ordered.stream().mapToLong(SubAccountLines::lines).sum();
        List<Range> ranges = new ArrayList<>();
        int start = 0;
        long linesBefore = 0;
        long inRange = 0;
        for (int i = 0; i < ordered.size(); i++) {
            inRange += ordered.get(i).lines();
            int rangesLeft = n - ranges.size();
            int subAccountsLeft = ordered.size() - i - 1;
            // Close the range once it holds its share of what is left, if a sub-account remains for the next.
            boolean full = inRange * rangesLeft >= total - linesBefore;
            if (i == ordered.size() - 1 || (rangesLeft > 1 && full && subAccountsLeft >= 1)) {
                ranges.add(new Range(ordered.get(start).subAccountId(), ordered.get(i).subAccountId(), inRange));
                linesBefore += inRange;
                inRange = 0;
                start = i + 1;
            }
        }
        return ranges;
    }
}
