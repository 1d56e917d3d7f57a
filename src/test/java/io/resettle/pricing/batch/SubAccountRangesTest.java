package io.resettle.pricing.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resettle.pricing.batch.SubAccountRanges.Range;
import io.resettle.pricing.batch.SubAccountRanges.SubAccountLines;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SubAccountRangesTest {

    @Test
    void evenSubAccountsGiveEvenRanges() {
        List<Range> ranges = SubAccountRanges.split(lines(100, 100, 100, 100), 2);
        assertThat(ranges).containsExactly(new Range("s00", "s01", 200), new Range("s02", "s03", 200));
    }

    @Test
    void oneLargeSubAccountIsARangeOfItsOwn() {
        List<Range> ranges = SubAccountRanges.split(lines(10, 1000, 10, 10), 2);
        assertThat(ranges).containsExactly(new Range("s00", "s01", 1010), new Range("s02", "s03", 20));
    }

    @Test
    void neverMoreRangesThanSubAccounts() {
        assertThat(SubAccountRanges.split(lines(5), 4)).containsExactly(new Range("s00", "s00", 5));
        assertThat(SubAccountRanges.split(lines(5, 7), 4)).hasSize(2);
        assertThat(SubAccountRanges.split(List.of(), 4)).isEmpty();
        assertThatThrownBy(() -> SubAccountRanges.split(lines(5), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Every sub-account in exactly one range, in order, and no line counted twice or lost (fixed seed). */
    @Test
    void rangesCoverEverySubAccountOnceInOrder() {
        Random random = new Random(42);
        for (int round = 0; round < 500; round++) {
            long[] counts = new long[1 + random.nextInt(60)];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = random.nextInt(4) == 0 ? random.nextInt(100_000) : 1 + random.nextInt(50);
            }
            int n = 1 + random.nextInt(8);
            List<SubAccountLines> ordered = lines(counts);
            List<Range> ranges = SubAccountRanges.split(ordered, n);

            assertThat(ranges.size()).isBetween(1, Math.min(n, counts.length));
            List<String> covered = new ArrayList<>();
            long total = 0;
            for (Range range : ranges) {
                int first = Integer.parseInt(range.first().substring(1));
                int last = Integer.parseInt(range.last().substring(1));
                assertThat(first).isLessThanOrEqualTo(last);
                long sum = 0;
                for (int i = first; i <= last; i++) {
                    covered.add(ordered.get(i).subAccountId());
                    sum += counts[i];
                }
                assertThat(range.lines()).isEqualTo(sum);
                total += sum;
            }
            assertThat(covered).isEqualTo(ordered.stream().map(SubAccountLines::subAccountId).toList());
            assertThat(total).isEqualTo(java.util.Arrays.stream(counts).sum());
        }
    }

    private static List<SubAccountLines> lines(long... counts) {
        List<SubAccountLines> list = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            list.add(new SubAccountLines(String.format("s%02d", i), counts[i]));
        }
        return list;
    }
}
