package io.resettle.generate;

import java.util.SplittableRandom;

/**
 * Draws indices without replacement from planned counts: index i comes out exactly
 * {@code counts[i]} times, in random order. A Fenwick tree keeps each draw O(log n) and memory
 * O(n), so lines can be interleaved across sub-accounts while each sub-account still gets the
 * volume planned for it.
 */
final class CountdownSampler {

    private final long[] tree;
    private final int topStep;
    private long remaining;

    CountdownSampler(long[] counts) {
        int n = counts.length;
        tree = new long[n + 1];
        for (int i = 1; i <= n; i++) {
            if (counts[i - 1] < 0) {
                throw new IllegalArgumentException("negative count at " + (i - 1));
            }
            tree[i] += counts[i - 1];
            remaining += counts[i - 1];
            int parent = i + (i & -i);
            if (parent <= n) {
                tree[parent] += tree[i];
            }
        }
        topStep = n == 0 ? 0 : Integer.highestOneBit(n);
    }

    long remaining() {
        return remaining;
    }

    /** The next index; its remaining count goes down by one. */
    int draw(SplittableRandom random) {
        if (remaining == 0) {
            throw new IllegalStateException("nothing left to draw");
        }
        long target = random.nextLong(remaining);
        int position = 0;
        for (int step = topStep; step > 0; step >>= 1) {
            int next = position + step;
            if (next < tree.length && tree[next] <= target) {
                position = next;
                target -= tree[next];
            }
        }
        for (int i = position + 1; i < tree.length; i += i & -i) {
            tree[i]--;
        }
        remaining--;
        return position;
    }
}
