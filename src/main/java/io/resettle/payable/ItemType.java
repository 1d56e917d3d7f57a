package io.resettle.payable;

/** Kind of a payout item (io-contract §3 payout-items.csv; R8.3, R9.4–R9.6, R10.1–R10.2, R12.4). */
public enum ItemType {
    REBATE_STAGE, COMMISSION, BONUS, CLAWBACK, CARRY_FORWARD, RETRY, FORFEITED
}
