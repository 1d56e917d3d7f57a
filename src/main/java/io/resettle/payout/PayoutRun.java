package io.resettle.payout;

import io.resettle.money.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The payout run of period P (R10) and its re-runs (R11.2).
 *
 * <p>Per payee, the entitlement of P is computed from the items due by the end of P: gross = their
 * sum (R10.1), tax per R10.3 / R10.4 on INDIVIDUAL payees when positive. A HELD payee (R9.7) with a
 * positive gross is entitled to nothing in P: its items stay open for the next run. The run then
 * issues the adjustment = entitlement − what earlier revisions of P issued (zero for revision 1):
 * a positive net is paid as payout {@code PO-{P}-{type}-{id}} ({@code -A{revision}} for a re-run);
 * a zero or negative net becomes one CARRY_FORWARD item of the next period referencing that payout
 * id (R10.2). So across revisions the issued nets always add up to the latest entitlement: nobody
 * is paid twice.
 */
public final class PayoutRun {

    private static final Comparator<PayoutItem> ITEM_ORDER = Comparator
            .comparing(PayoutItem::payoutId)
            .thenComparing(PayoutItem::itemType)
            .thenComparing(PayoutItem::reference);

    private PayoutRun() {
    }

    public static PayoutRunResult settle(PayoutRunRequest request) {
        Map<Payee, List<PayoutItem>> dueByPayee = new TreeMap<>();
        List<PayoutItem> openAfterRun = new ArrayList<>();
        for (PayoutItem item : request.openItems()) {
            if (item.status() != ItemStatus.OPEN) {
                throw new IllegalArgumentException("a run takes OPEN items only: " + item);
            }
            if (item.isDueBy(request.period())) {
                dueByPayee.computeIfAbsent(item.payee(), payee -> new ArrayList<>()).add(item);
            } else {
                openAfterRun.add(item);
            }
        }
        // A payee paid by an earlier revision is settled again even if none of its items remain.
        TreeSet<Payee> payees = new TreeSet<>(dueByPayee.keySet());
        payees.addAll(request.issuedEarlier().keySet());

        List<Payout> payouts = new ArrayList<>();
        List<PayoutItem> items = new ArrayList<>();
        Map<Payee, PayoutAmounts> issued = new TreeMap<>();
        for (Payee payee : payees) {
            settlePayee(request, payee, dueByPayee.getOrDefault(payee, List.of()), payouts, items, openAfterRun,
                    issued);
        }
        items.sort(ITEM_ORDER);
        payouts.sort(Comparator.comparing(Payout::payoutId));
        return new PayoutRunResult(payouts, items, openAfterRun, issued);
    }

    private static void settlePayee(PayoutRunRequest request, Payee payee, List<PayoutItem> due,
            List<Payout> payouts, List<PayoutItem> items, List<PayoutItem> openAfterRun,
            Map<Payee, PayoutAmounts> issued) {
        String payoutId = payee.payoutId(request.period(), request.revision());
        List<PayoutItem> counted = new ArrayList<>();
        for (PayoutItem item : due) {
            if (item.itemType() == ItemType.FORFEITED) {
                // R8.3: recorded, never paid.
                items.add(item.taken(payoutId, ItemStatus.FORFEITED));
            } else {
                counted.add(item);
            }
        }
        BigDecimal gross = Money.round2(Money.sum(counted.stream().map(PayoutItem::amount).toList()));
        PayoutAmounts owed = WithholdingTax.payout(gross, kindOf(request, payee), request.taxBorneBy());
        boolean held = request.heldPayees().contains(payee) && gross.signum() > 0;

        PayoutAmounts entitlement;
        ItemStatus itemStatus;
        if (held) {
            entitlement = PayoutAmounts.ZERO;
            itemStatus = ItemStatus.HELD;
            payouts.add(new Payout(payoutId, payee, owed, counted.size(), PayoutStatus.HELD));
            openAfterRun.addAll(counted);
        } else {
            entitlement = owed;
            itemStatus = gross.signum() > 0 ? ItemStatus.PAID : ItemStatus.CARRIED;
        }
        for (PayoutItem item : counted) {
            items.add(item.taken(payoutId, itemStatus));
        }

        PayoutAmounts adjustment = entitlement.minus(request.issuedEarlier().getOrDefault(payee, PayoutAmounts.ZERO));
        if (held && adjustment.isZero()) {
            return;
        }
        if (adjustment.net().signum() > 0 && !held) {
            payouts.add(new Payout(payoutId, payee, adjustment, counted.size(), PayoutStatus.PAY));
        } else {
            // R10.2 / R11.2; a held payee's earlier issues are reversed here, whatever their sign,
            // because its items come back whole in the next run.
            openAfterRun.add(PayoutItem.open(payee, ItemType.CARRY_FORWARD, payoutId, request.period().plusMonths(1),
                    adjustment.net()));
        }
        issued.put(payee, adjustment);
    }

    private static PayeeKind kindOf(PayoutRunRequest request, Payee payee) {
        PayeeKind kind = request.payeeKinds().get(payee);
        if (kind != null) {
            return kind;
        }
        if (payee.type() == PayeeType.GROUP) {
            return PayeeKind.COMPANY;
        }
        throw new IllegalArgumentException("no payee kind (INDIVIDUAL or COMPANY) for " + payee);
    }
}
