package io.resettle.payout;

/** Status of a payout row (io-contract §3 payouts.csv): PAY (to be transferred) or HELD (R9.7). */
public enum PayoutStatus {
    PAY, HELD
}
