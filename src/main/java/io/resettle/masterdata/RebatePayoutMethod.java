package io.resettle.masterdata;

/** How a group takes its PAYABLE rebates (R8.1): {@code rebate_payout} of groups.csv. */
public enum RebatePayoutMethod {
    /** 透明返点: a REBATE_CREDIT line on the next invoice of the group's PRIMARY sub-account (R8.2). */
    CREDIT_NOTE,
    /** Staged cash payouts (R8.3, R8.4). */
    CASH
}
