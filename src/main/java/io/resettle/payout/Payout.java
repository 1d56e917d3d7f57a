package io.resettle.payout;

import io.resettle.payable.Payee;

/**
 * One payout row (R10, io-contract §3 payouts.csv), written only for a positive amount. In a
 * re-run (R11.2) it is the adjustment payout and its amounts are the adjustment's.
 *
 * @param itemCount the items the run took for this payee (forfeited ones excluded)
 */
public record Payout(String payoutId, Payee payee, PayoutAmounts amounts, int itemCount, PayoutStatus status) {
}
