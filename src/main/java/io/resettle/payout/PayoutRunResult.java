package io.resettle.payout;

import io.resettle.payable.Payee;
import io.resettle.payable.PayoutItem;
import java.util.List;
import java.util.Map;

/**
 * What a payout run produced (R10, R11.2).
 *
 * @param payouts      payout rows, sorted by payout id (positive amounts only, PAY or HELD)
 * @param items        the items the run took, with this run's payout id and status PAID, CARRIED,
 *                     HELD or FORFEITED, sorted by payout id, item type, reference
 * @param openAfterRun what the next run must collect: the new CARRY_FORWARD items, held items and
 *                     items not yet due, all OPEN
 * @param issued       per payee, what this revision issued for P (paid or carried); add it to
 *                     {@link PayoutRunRequest#issuedEarlier()} for the next revision of P
 */
public record PayoutRunResult(
        List<Payout> payouts,
        List<PayoutItem> items,
        List<PayoutItem> openAfterRun,
        Map<Payee, PayoutAmounts> issued) {

    public PayoutRunResult {
        payouts = List.copyOf(payouts);
        items = List.copyOf(items);
        openAfterRun = List.copyOf(openAfterRun);
        issued = Map.copyOf(issued);
    }
}
