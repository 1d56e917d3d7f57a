package io.resettle.reconcile;

import java.util.List;

/**
 * R12.2: the invariants are counted by queries independent of the ones that produced the numbers;
 * any violation fails the run rather than publish numbers that do not add up.
 */
public final class Invariants {

    private Invariants() {
    }

    /** How many rows of the period break one invariant ({@code null}: the query found none to count). */
    public record Count(String what, Long count) {
    }

    /**
     * Throws for the first invariant in the order given that has violations, so the message does not
     * depend on the order the counts were taken in.
     */
    public static void expectNone(String period, List<Count> counts) {
        for (Count c : counts) {
            if (c.count() != null && c.count() > 0) {
                throw new InvariantViolation(c.count() + " " + c.what() + " in " + period);
            }
        }
    }
}
