package io.resettle.referral;

/**
 * Status of a first purchase in the commission ledger (commissions.csv), as of the run's period.
 * A qualifying first purchase (R9.3) is PENDING until its due date (R9.4) falls in a settled period,
 * then DUE; the others carry the first failing reason, in the order R9.3 checks them.
 */
public enum CommissionStatus {
    PENDING, DUE, NOT_NEW, NOT_ASSOCIATED, SAME_PERSON, NOT_PREPAID, NOT_ELIGIBLE_PRODUCT;

    public boolean qualifies() {
        return this == PENDING || this == DUE;
    }
}
