package io.resettle.payout;

import io.resettle.masterdata.PayeeKind;
import io.resettle.money.Money;
import io.resettle.payable.ItemStatus;
import io.resettle.payable.ItemType;
import io.resettle.payable.Payee;
import io.resettle.payable.PayeeType;
import io.resettle.payable.PayoutItem;
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
 * is paid twice. P's payout state is therefore the sum of its revisions: a re-run hands on the
 * carry-forwards earlier revisions issued beside its own difference, issues nothing for a payee
 * whose difference is zero, and lists an item an earlier revision listed exactly so under the
 * payout that paid, carried or held it (io-contract §3), so that an unchanged re-run leaves every
 * later reader where revision 1 left it.
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
        // The carry-forwards earlier revisions of P issued still stand: P's hand-over is the sum of its revisions.
        openAfterRun.addAll(request.earlier().carries());
        // A payee paid by an earlier revision is settled again even if none of its items remain.
        TreeSet<Payee> payees = new TreeSet<>(dueByPayee.keySet());
        payees.addAll(request.issuedEarlier().keySet());

        Map<EarlierRevisions.ListedItem, String> listedEarlier = request.earlier().listedPayoutIds();
        List<Payout> payouts = new ArrayList<>();
        List<PayoutItem> items = new ArrayList<>();
        Map<Payee, PayoutAmounts> issued = new TreeMap<>();
        for (Payee payee : payees) {
            settlePayee(request, listedEarlier, payee, dueByPayee.getOrDefault(payee, List.of()), payouts, items,
                    openAfterRun, issued);
        }
        items.sort(ITEM_ORDER);
        payouts.sort(Comparator.comparing(Payout::payoutId));
        return new PayoutRunResult(payouts, items, openAfterRun, issued);
    }

    private static void settlePayee(PayoutRunRequest request, Map<EarlierRevisions.ListedItem, String> listedEarlier,
            Payee payee, List<PayoutItem> due, List<Payout> payouts, List<PayoutItem> items,
            List<PayoutItem> openAfterRun, Map<Payee, PayoutAmounts> issued) {
        EarlierRevisions earlier = request.earlier();
        String payoutId = payee.payoutId(request.period(), request.revision());
        List<PayoutItem> forfeited = new ArrayList<>();
        List<PayoutItem> counted = new ArrayList<>();
        for (PayoutItem item : due) {
            // R8.3: a FORFEITED stage is recorded, never paid.
            (item.itemType() == ItemType.FORFEITED ? forfeited : counted).add(item);
        }
        BigDecimal gross = Money.round2(Money.sum(counted.stream().map(PayoutItem::amount).toList()));
        PayoutAmounts owed = WithholdingTax.payout(gross, kindOf(request, payee), request.taxBorneBy());
        boolean held = request.heldPayees().contains(payee) && gross.signum() > 0;
        PayoutAmounts entitlement = held ? PayoutAmounts.ZERO : owed;
        PayoutAmounts adjustment = entitlement.minus(request.issuedEarlier().getOrDefault(payee, PayoutAmounts.ZERO));

        // What this revision issues: a payout row, a carry-forward, or — when a re-run finds no
        // difference — nothing, so every later reader stays where the earlier revisions left it.
        boolean issuesNothing = adjustment.isZero() && (held || earlier.issuedTo(payee));
        boolean pays = !held && !issuesNothing && adjustment.net().signum() > 0;
        ItemStatus itemStatus = held ? ItemStatus.HELD : gross.signum() > 0 ? ItemStatus.PAID : ItemStatus.CARRIED;
        String fallbackId = fallbackPayoutId(earlier, payee, payoutId, itemStatus, pays, issuesNothing);

        List<PayoutItem> listed = new ArrayList<>();
        for (PayoutItem item : counted) {
            listed.add(item.taken(listedUnder(listedEarlier, item, itemStatus, fallbackId, held), itemStatus));
        }
        for (PayoutItem item : forfeited) {
            listed.add(item.taken(listedUnder(listedEarlier, item, ItemStatus.FORFEITED,
                    issuesNothing ? fallbackId : payoutId, false), ItemStatus.FORFEITED));
        }
        items.addAll(listed);

        if (held) {
            // R9.7: shown with what it would pay, not paid; its items come back whole in the next run.
            payouts.add(new Payout(fallbackId, payee, owed, counted.size(), PayoutStatus.HELD));
            openAfterRun.addAll(counted);
        }
        if (issuesNothing) {
            return;
        }
        if (pays) {
            int count = (int) listed.stream().filter(item -> item.payoutId().equals(payoutId)
                    && item.status() != ItemStatus.FORFEITED).count();
            payouts.add(new Payout(payoutId, payee, adjustment, count, PayoutStatus.PAY));
        } else {
            // R10.2 / R11.2; a held payee's earlier issues are reversed here, whatever their sign,
            // because its items come back whole in the next run.
            openAfterRun.add(PayoutItem.open(payee, ItemType.CARRY_FORWARD, payoutId, request.period().plusMonths(1),
                    adjustment.net()));
        }
        issued.put(payee, adjustment);
    }

    /**
     * io-contract §3: an item an earlier revision listed exactly so (same amount and status) stays
     * under the payout that paid, carried or held it; a held payee's items all sit under its HELD row.
     */
    private static String listedUnder(Map<EarlierRevisions.ListedItem, String> listedEarlier, PayoutItem item,
            ItemStatus status, String fallbackId, boolean held) {
        if (held) {
            return fallbackId;
        }
        return listedEarlier.getOrDefault(EarlierRevisions.ListedItem.of(item, status), fallbackId);
    }

    /**
     * The payout id of a payee's items that no earlier revision listed so: this revision's id when
     * it issues the matching thing (a payout for PAID items, anything for CARRIED ones); otherwise
     * the earlier payout that covers them (a PAID item is never listed under a payout that does not
     * exist). A held payee's row keeps the id of its earlier HELD row.
     */
    private static String fallbackPayoutId(EarlierRevisions earlier, Payee payee, String payoutId, ItemStatus status,
            boolean pays, boolean issuesNothing) {
        return switch (status) {
            case HELD -> earlier.latestPayout(payee, PayoutStatus.HELD).orElse(payoutId);
            case PAID -> pays ? payoutId : earlier.latestPayout(payee, PayoutStatus.PAY).orElse(payoutId);
            default -> !issuesNothing ? payoutId : earlier.latestCarry(payee)
                    .or(() -> earlier.latestPayout(payee, PayoutStatus.PAY)).orElse(payoutId);
        };
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
