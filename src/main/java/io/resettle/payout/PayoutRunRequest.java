package io.resettle.payout;

import io.resettle.masterdata.PayeeKind;
import io.resettle.payable.Payee;
import io.resettle.payable.PayoutItem;
import io.resettle.policy.Policy.TaxBorneBy;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a payout run of period P needs (R10, R11.2), as arguments.
 *
 * @param revision       1 for the first settlement of P; n + 1 for a finance re-run (R11.1)
 * @param openItems      every item not yet paid (status OPEN), due in P or later
 * @param payeeKinds     INDIVIDUAL or COMPANY per payee; a GROUP missing here is a COMPANY, an
 *                       AMBASSADOR missing here is an error
 * @param heldPayees     payees whose payout is held this run when positive (R9.7)
 * @param earlier        what the completed earlier revisions of P issued and listed; empty for
 *                       revision 1
 */
public record PayoutRunRequest(
        YearMonth period,
        int revision,
        List<PayoutItem> openItems,
        Map<Payee, PayeeKind> payeeKinds,
        TaxBorneBy taxBorneBy,
        Set<Payee> heldPayees,
        EarlierRevisions earlier) {

    public PayoutRunRequest {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(taxBorneBy, "taxBorneBy");
        if (revision < 1) {
            throw new IllegalArgumentException("revision must be at least 1: " + revision);
        }
        openItems = List.copyOf(openItems);
        payeeKinds = Map.copyOf(payeeKinds);
        heldPayees = Set.copyOf(heldPayees);
        Objects.requireNonNull(earlier, "earlier");
    }

    /**
     * A run knowing only the sums earlier revisions issued ({@link PayoutRunResult#issued()} added
     * up): the arithmetic of R11.2 without the earlier listings.
     */
    public PayoutRunRequest(YearMonth period, int revision, List<PayoutItem> openItems,
            Map<Payee, PayeeKind> payeeKinds, TaxBorneBy taxBorneBy, Set<Payee> heldPayees,
            Map<Payee, PayoutAmounts> issuedEarlier) {
        this(period, revision, openItems, payeeKinds, taxBorneBy, heldPayees, EarlierRevisions.issuedOnly(issuedEarlier));
    }

    /** Per payee, the sum of what earlier revisions of P issued (paid or carried). */
    public Map<Payee, PayoutAmounts> issuedEarlier() {
        return earlier.issued();
    }

    /** A first run of P (revision 1), nothing issued yet. */
    public static PayoutRunRequest firstRun(YearMonth period, List<PayoutItem> openItems,
            Map<Payee, PayeeKind> payeeKinds, TaxBorneBy taxBorneBy, Set<Payee> heldPayees) {
        return new PayoutRunRequest(period, 1, openItems, payeeKinds, taxBorneBy, heldPayees, EarlierRevisions.NONE);
    }
}
