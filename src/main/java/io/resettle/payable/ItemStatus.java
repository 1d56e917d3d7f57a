package io.resettle.payable;

/**
 * Status of a payout item (io-contract §3). OPEN: not yet taken by a run (the input of a run and
 * what it hands to the next); the others are what a run writes: PAID (in a payout of this run),
 * HELD (R9.7), CARRIED (in this run's carry-forward, R10.2), FORFEITED (R8.3).
 */
public enum ItemStatus {
    OPEN, PAID, HELD, CARRIED, FORFEITED
}
