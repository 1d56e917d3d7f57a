package io.resettle.referral;

import io.resettle.payable.PayoutItem;
import java.time.YearMonth;
import java.util.List;

/**
 * The referral ledger as of a period (R9).
 *
 * @param commissions the commissions.csv rows, sorted by order id
 * @param items       every COMMISSION, CLAWBACK and BONUS item booked in the runs up to the
 *                    period (due period = the run that books it), OPEN, sorted by due period,
 *                    payee, item type, reference
 */
public record ReferralResult(List<Commission> commissions, List<PayoutItem> items) {

    public ReferralResult {
        commissions = List.copyOf(commissions);
        items = List.copyOf(items);
    }

    /** The items the run of {@code period} books: its new input to the payout run (R10.1). */
    public List<PayoutItem> itemsBookedIn(YearMonth period) {
        return items.stream().filter(item -> item.duePeriod().equals(period)).toList();
    }
}
