package io.resettle.referral;

import io.resettle.masterdata.IdentityKeys;
import io.resettle.masterdata.ManagedBy;
import java.time.LocalDate;

/**
 * The referral view of a sub-account (accounts.csv): who manages it (R9.1), whether it already
 * paid before (R9.2) and its identity keys (R9.3).
 *
 * @param firstPaidBefore {@code null} unless the customer is known to have paid before (then it is not new)
 */
public record Customer(String subAccountId, ManagedBy managedBy, LocalDate firstPaidBefore, IdentityKeys keys) {

    /** R9.2: a customer with {@code first_paid_before} set is not new. */
    public boolean isNew() {
        return firstPaidBefore == null;
    }
}
