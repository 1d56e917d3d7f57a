package io.resettle.payout;

import io.resettle.payable.ItemStatus;
import io.resettle.payable.ItemType;
import io.resettle.payable.Payee;
import io.resettle.payable.PayoutItem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the completed earlier revisions of period P issued and listed (R11.2). A re-run's payouts and
 * carry-forwards are differences against them, so P's payout state is the sum of all its revisions.
 *
 * @param issued   per payee, the sum of what earlier revisions issued (paid or carried)
 * @param listed   the items earlier revisions listed (payout-items.csv), oldest revision first
 * @param payouts  the payout rows of earlier revisions (PAY and HELD), oldest revision first
 * @param carries  the CARRY_FORWARD items earlier revisions issued themselves (each referencing its
 *                 own revision's payout id), oldest first: each still stands, so a re-run hands them
 *                 on to the next run beside its own difference
 */
public record EarlierRevisions(
        Map<Payee, PayoutAmounts> issued,
        List<PayoutItem> listed,
        List<Payout> payouts,
        List<PayoutItem> carries) {

    public static final EarlierRevisions NONE = new EarlierRevisions(Map.of(), List.of(), List.of(), List.of());

    public EarlierRevisions {
        issued = Map.copyOf(issued);
        listed = List.copyOf(listed);
        payouts = List.copyOf(payouts);
        carries = List.copyOf(carries);
        for (PayoutItem carry : carries) {
            if (carry.itemType() != ItemType.CARRY_FORWARD || carry.status() != ItemStatus.OPEN) {
                throw new IllegalArgumentException("an earlier revision's carry is an OPEN CARRY_FORWARD: " + carry);
            }
        }
    }

    /** Only the sums issued (all R11.2's arithmetic needs); nothing listed. */
    public static EarlierRevisions issuedOnly(Map<Payee, PayoutAmounts> issued) {
        return new EarlierRevisions(issued, List.of(), List.of(), List.of());
    }

    /** Whether an earlier revision issued anything (a payout or a carry-forward) for the payee. */
    boolean issuedTo(Payee payee) {
        return issued.containsKey(payee);
    }

    /**
     * Per item as listed (payee, type, reference, due period, amount, status), the payout id under
     * which the newest earlier revision listed it.
     */
    Map<ListedItem, String> listedPayoutIds() {
        Map<ListedItem, String> ids = new HashMap<>();
        for (PayoutItem item : listed) {
            ids.put(ListedItem.of(item, item.status()), item.payoutId());
        }
        return ids;
    }

    /** The newest earlier payout row of the payee with that status. */
    Optional<String> latestPayout(Payee payee, PayoutStatus status) {
        String id = null;
        for (Payout payout : payouts) {
            if (payout.payee().equals(payee) && payout.status() == status) {
                id = payout.payoutId();
            }
        }
        return Optional.ofNullable(id);
    }

    /** The payout id of the newest carry-forward an earlier revision issued to the payee. */
    Optional<String> latestCarry(Payee payee) {
        String id = null;
        for (PayoutItem carry : carries) {
            if (carry.payee().equals(payee)) {
                id = carry.reference();
            }
        }
        return Optional.ofNullable(id);
    }

    /** An item as a revision listed it, without its payout id; amounts compared by value. */
    record ListedItem(Payee payee, ItemType itemType, String reference, java.time.YearMonth duePeriod,
            java.math.BigDecimal amount, ItemStatus status) {

        static ListedItem of(PayoutItem item, ItemStatus status) {
            return new ListedItem(item.payee(), item.itemType(), item.reference(), item.duePeriod(),
                    item.amount().stripTrailingZeros(), status);
        }
    }
}
