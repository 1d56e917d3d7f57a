package io.resettle.payout.batch;

import io.resettle.payable.Payee;
import io.resettle.payable.PayoutItem;
import io.resettle.payout.CashStagesDue;
import io.resettle.payout.PayoutInputs;
import io.resettle.payout.PayoutSettlement;
import io.resettle.policy.Policy;
import io.resettle.policy.RebateProgram;
import io.resettle.policy.ReferralPolicy;
import io.resettle.policy.batch.PolicyStore;
import io.resettle.rebate.RebateStage;
import io.resettle.rebate.batch.RebateStore;
import io.resettle.referral.ReferralLedger;
import io.resettle.referral.ReferralResult;
import io.resettle.referral.batch.ReferralStore;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * The payout run of (P, revision), as Kill Bill's InvoiceDispatcher runs its generator: read the
 * inputs through the stores, compute with the pure functions of {@code payout/} (R8.3 stages due,
 * R10 netting, R12.4 returns) and {@code referral/} (R9), write the results. Everything written is
 * replaced per (period, revision), so running it again after a crash is harmless.
 */
@Component
class PayoutDispatcher {

    private final PolicyStore policies;
    private final RebateStore rebates;
    private final StageConditionStore stageConditions;
    private final ReferralStore referrals;
    private final Payees payees;
    private final PayoutReturnStore returns;
    private final PayoutStore payouts;

    PayoutDispatcher(PolicyStore policies, RebateStore rebates, StageConditionStore stageConditions,
            ReferralStore referrals, Payees payees, PayoutReturnStore returns, PayoutStore payouts) {
        this.policies = policies;
        this.rebates = rebates;
        this.stageConditions = stageConditions;
        this.referrals = referrals;
        this.payees = payees;
        this.returns = returns;
        this.payouts = payouts;
    }

    /** Settles P's payouts; returns the number of item and payout rows written. */
    long settle(YearMonth period, int revision) {
        Policy policy = policies.inForce(period);
        Optional<Map.Entry<YearMonth, Integer>> previous = rebates.previousSettled(period);
        List<PayoutItem> stageItems = stageItems(policy, period, revision, previous);
        Optional<ReferralResult> ledger = policy.referral().map(referral -> ReferralLedger.asOf(period, referral,
                referrals.customers(), referrals.ambassadors(), referrals.visits(),
                part -> referrals.forEachCustomersLines(period, part)));
        referrals.replaceCommissions(period, revision, ledger.map(ReferralResult::commissions).orElse(List.of()));
        Map<Payee, Payees.Details> payeeDetails = payees.all();
        PayoutInputs inputs = new PayoutInputs(period, revision, policy.taxBorneBy(), payouts.handedOn(previous),
                stageItems, ledger.map(l -> referral(l, policy.referral().get(), period)), returns.returns(period),
                Payees.kinds(payeeDetails), payouts.earlierRevisions(period, revision));

        PayoutSettlement.Settled settled = PayoutSettlement.settle(inputs);
        returns.replaceBreaks(period, revision, settled.returnBreaks());
        payouts.write(period, revision, settled.run(), payeeDetails, policy.currency());
        return settled.run().items().size() + settled.run().payouts().size();
    }

    /**
     * R8.3, R8.4: P's CASH accruals become stages or reduce pending ones; the stages due by P fall
     * due, their conditions judged on lines read for all due groups at once. The pending stages are
     * what P hands on.
     */
    private List<PayoutItem> stageItems(Policy policy, YearMonth period, int revision,
            Optional<Map.Entry<YearMonth, Integer>> previous) {
        Map<String, RebateProgram> programs = new TreeMap<>();
        policy.rebatePrograms().forEach(program -> programs.put(program.id(), program));
        List<RebateStage> handedOn = previous.map(p -> rebates.stages(p.getKey(), p.getValue())).orElse(List.of());
        List<CashStagesDue.Accrual> accruals = rebates.payableAccruals(period, revision).entrySet().stream()
                .map(a -> new CashStagesDue.Accrual(a.getKey().get(0), a.getKey().get(1), a.getValue())).toList();
        CashStagesDue.Advance advance = CashStagesDue.advance(period, programs, handedOn, accruals, payees.paysCash());

        CashStagesDue.EligibleVolumes volumes = CashStagesDue.eligibleVolumes(advance.due(), programs);
        stageConditions.groupLines(volumes.groupsByPeriod(), volumes::add);
        Map<String, List<YearMonth>> renewals = stageConditions.renewalPeriods(advance.due().stream()
                .filter(stage -> stage.condition() == RebateProgram.StageCondition.RENEWED)
                .map(RebateStage::groupId).distinct().toList());
        rebates.replaceStages(period, revision, advance.pending());
        return CashStagesDue.itemsDue(advance, volumes, renewals);
    }

    private PayoutInputs.Referral referral(ReferralResult ledger, ReferralPolicy policy, YearMonth period) {
        return new PayoutInputs.Referral(ledger.items(), policy.holdRatio(), payouts.firstSettledOtherThan(period),
                payouts.referralItemsTakenBefore(period));
    }
}
