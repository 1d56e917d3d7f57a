package io.resettle.payout;

import io.resettle.payable.Payee;
import io.resettle.payable.PayoutItem;
import io.resettle.referral.HoldRule;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The payout run of P as a function of its inputs (R10): the open items handed on, P's rebate items,
 * the referral items due (R10.1), the retries of failed payouts (R12.4), netted per payee by
 * {@link PayoutRun} with the holds of R9.7 and the earlier revisions of R11.2.
 */
public final class PayoutSettlement {

    private PayoutSettlement() {
    }

    /**
     * @param run          the payout run's result
     * @param returnBreaks the returns that match no payout or not its amount (R12.4)
     */
    public record Settled(PayoutRunResult run, List<PayoutReturns.ReturnBreak> returnBreaks) {

        public Settled {
            returnBreaks = List.copyOf(returnBreaks);
        }
    }

    public static Settled settle(PayoutInputs inputs) {
        YearMonth period = inputs.period();
        List<PayoutItem> open = new ArrayList<>(inputs.handedOn());
        open.addAll(inputs.stageItems());
        Set<Payee> held = Set.of();
        if (inputs.referral().isPresent()) {
            PayoutInputs.Referral referral = inputs.referral().get();
            open.addAll(referralItemsDue(referral, period));
            held = HoldRule.heldAmbassadors(referral.booked(), period, referral.holdRatio());
        }
        PayoutReturns.Checked returns = PayoutReturns.check(inputs.returns(), period);
        open.addAll(returns.retries());
        PayoutRunResult run = PayoutRun.settle(new PayoutRunRequest(period, inputs.revision(), open,
                inputs.payeeKinds(), inputs.taxBorneBy(), held, inputs.earlier()));
        return new Settled(run, returns.breaks());
    }

    /**
     * R10.1: the referral items due up to P that no other period's settled payout run has taken, not
     * only those booked in P's own run, so a month that was never settled (nothing ingested: settling
     * it is refused) loses none of its commissions. Items due before the first settled period are not
     * taken: those months predate Resettle's payouts. A re-run of P takes P's items again (R11.2 pays
     * only the difference), also when later periods were settled since: those took P's held items
     * from P's hand-over, not from the ledger, so only earlier periods' runs count as "taken elsewhere".
     */
    public static List<PayoutItem> referralItemsDue(PayoutInputs.Referral referral, YearMonth period) {
        YearMonth from = referral.firstSettled().filter(first -> !first.isAfter(period)).orElse(period);
        return referral.booked().stream()
                .filter(item -> !item.duePeriod().isBefore(from) && !item.duePeriod().isAfter(period))
                .filter(item -> !referral.takenElsewhere().contains(PayoutInputs.TakenItem.of(item)))
                .toList();
    }
}
