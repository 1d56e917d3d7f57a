package io.resettle.referral;

import io.resettle.payable.ItemType;
import io.resettle.payable.Payee;
import io.resettle.payable.PayeeType;
import io.resettle.payable.PayoutItem;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * R9.7: an ambassador whose CLAWBACK items booked in the runs of P−2..P exceed
 * {@code referral.hold_ratio} of the COMMISSION items booked in those runs is held in the run of P.
 * The payout run applies the hold only when the gross is positive (see
 * {@link io.resettle.payout.PayoutRun}).
 */
public final class HoldRule {

    private HoldRule() {
    }

    /**
     * @param bookedItems the referral items with the run that booked them as due period
     *                    ({@link ReferralResult#items()}); other types and payees are ignored
     */
    public static Set<Payee> heldAmbassadors(Iterable<PayoutItem> bookedItems, YearMonth period,
            BigDecimal holdRatio) {
        YearMonth from = period.minusMonths(2);
        Map<Payee, BigDecimal> clawbacks = new HashMap<>();
        Map<Payee, BigDecimal> commissions = new HashMap<>();
        for (PayoutItem item : bookedItems) {
            if (item.payee().type() != PayeeType.AMBASSADOR || item.duePeriod().isBefore(from)
                    || item.duePeriod().isAfter(period)) {
                continue;
            }
            if (item.itemType() == ItemType.CLAWBACK) {
                clawbacks.merge(item.payee(), item.amount().negate(), BigDecimal::add);
            } else if (item.itemType() == ItemType.COMMISSION) {
                commissions.merge(item.payee(), item.amount(), BigDecimal::add);
            }
        }
        Set<Payee> held = new TreeSet<>();
        clawbacks.forEach((payee, clawedBack) -> {
            BigDecimal limit = holdRatio.multiply(commissions.getOrDefault(payee, BigDecimal.ZERO));
            if (clawedBack.compareTo(limit) > 0) {
                held.add(payee);
            }
        });
        return held;
    }
}
