package io.resettle.payout;

import io.resettle.masterdata.PayeeKind;
import io.resettle.payable.ItemType;
import io.resettle.payable.Payee;
import io.resettle.payable.PayoutItem;
import io.resettle.policy.Policy.TaxBorneBy;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the payout run of P reads (R8.3, R9, R10, R11.2, R12.4), gathered before it runs so
 * that {@link PayoutSettlement#settle} is a function of it.
 *
 * @param handedOn   the open items the previous settled run handed on (carry-forwards, held items,
 *                   items not yet due), in its order
 * @param stageItems the rebate items of P's run ({@link CashStagesDue#itemsDue})
 * @param referral   the referral ledger as of P; empty when the policy has no referral program
 * @param returns    the payout returns received with P's data, by payout id
 * @param payeeKinds INDIVIDUAL or COMPANY per ambassador (groups are companies)
 * @param earlier    what the completed earlier revisions of P issued and listed (R11.2)
 */
public record PayoutInputs(
        YearMonth period,
        int revision,
        TaxBorneBy taxBorneBy,
        List<PayoutItem> handedOn,
        List<PayoutItem> stageItems,
        Optional<Referral> referral,
        List<PayoutReturn> returns,
        Map<Payee, PayeeKind> payeeKinds,
        EarlierRevisions earlier) {

    public PayoutInputs {
        Objects.requireNonNull(period, "period");
        handedOn = List.copyOf(handedOn);
        stageItems = List.copyOf(stageItems);
        Objects.requireNonNull(referral, "referral");
        returns = List.copyOf(returns);
        payeeKinds = Map.copyOf(payeeKinds);
        Objects.requireNonNull(earlier, "earlier");
    }

    /**
     * The referral side of the run (R9, R10.1).
     *
     * @param booked        every COMMISSION, CLAWBACK and BONUS item booked up to P
     *                      ({@link io.resettle.referral.ReferralResult#items()})
     * @param holdRatio     {@code referral.hold_ratio} (R9.7)
     * @param firstSettled  the first settled period other than P, if any
     * @param takenElsewhere the referral items the settled runs of periods before P took
     */
    public record Referral(List<PayoutItem> booked, BigDecimal holdRatio, Optional<YearMonth> firstSettled,
            Set<TakenItem> takenElsewhere) {

        public Referral {
            booked = List.copyOf(booked);
            Objects.requireNonNull(holdRatio, "holdRatio");
            Objects.requireNonNull(firstSettled, "firstSettled");
            takenElsewhere = Set.copyOf(takenElsewhere);
        }
    }

    /** An item as a run took it, whatever its amount and payout: payee, type and reference. */
    public record TakenItem(Payee payee, ItemType itemType, String reference) {

        static TakenItem of(PayoutItem item) {
            return new TakenItem(item.payee(), item.itemType(), item.reference());
        }
    }
}
