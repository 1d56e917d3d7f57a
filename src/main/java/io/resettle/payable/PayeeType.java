package io.resettle.payable;

/** Who a payout goes to (io-contract §3 payouts.csv): a customer group (R8) or an ambassador (R9). */
public enum PayeeType {
    GROUP, AMBASSADOR
}
