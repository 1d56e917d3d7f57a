package io.resettle.payable;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Objects;

/**
 * One payout item (R10.1, io-contract §3 payout-items.csv): something due to (positive) or owed
 * by (negative: CLAWBACK, CARRY_FORWARD) a payee from {@code duePeriod} on.
 *
 * @param payoutId the payout of the run that took the item; {@code null} while OPEN
 * @param amount   in cents
 */
public record PayoutItem(
        String payoutId,
        Payee payee,
        ItemType itemType,
        String reference,
        YearMonth duePeriod,
        BigDecimal amount,
        ItemStatus status) {

    public PayoutItem {
        Objects.requireNonNull(payee, "payee");
        Objects.requireNonNull(itemType, "itemType");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(duePeriod, "duePeriod");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(status, "status");
    }

    /** A new item not yet taken by any run. */
    public static PayoutItem open(Payee payee, ItemType itemType, String reference, YearMonth duePeriod,
            BigDecimal amount) {
        return new PayoutItem(null, payee, itemType, reference, duePeriod, amount, ItemStatus.OPEN);
    }

    /** This item as a run recorded it. */
    public PayoutItem taken(String byPayoutId, ItemStatus newStatus) {
        return new PayoutItem(byPayoutId, payee, itemType, reference, duePeriod, amount, newStatus);
    }

    /** R10.1: due by the end of {@code period}. */
    public boolean isDueBy(YearMonth period) {
        return !duePeriod.isAfter(period);
    }
}
