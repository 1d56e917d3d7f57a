package io.resettle.payout;

import static org.assertj.core.api.Assertions.assertThat;

import io.resettle.billing.BillingLine;
import io.resettle.billing.BillingMethod;
import io.resettle.billing.Category;
import io.resettle.billing.ChargeType;
import io.resettle.payable.ItemType;
import io.resettle.payable.Payee;
import io.resettle.payable.PayoutItem;
import io.resettle.policy.RebateProgram;
import io.resettle.policy.RebateProgram.Eligibility;
import io.resettle.policy.RebateProgram.Stage;
import io.resettle.policy.RebateProgram.StageCondition;
import io.resettle.policy.Tier;
import io.resettle.policy.TierTable;
import io.resettle.rebate.RebateStage;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** R8.3, R8.4 in the payout run: CASH accruals become stages, reduce pending ones, and stages fall due. */
class CashStagesDueTest {

    private static final YearMonth FEB = YearMonth.parse("2026-02");
    private static final YearMonth MAR = YearMonth.parse("2026-03");
    private static final YearMonth APR = YearMonth.parse("2026-04");

    /** GROUP, PAYABLE, PREPAID only; 10% due after 1 month (NONE), 90% after 2 (ACTIVE). */
    private static final RebateProgram SHARE = new RebateProgram("share", RebateProgram.Scope.GROUP,
            RebateProgram.Direction.PAYABLE, RebateProgram.Mode.RETROACTIVE, 1,
            new Eligibility(Set.of(BillingMethod.PREPAID), Set.of(), Set.of()), Map.of(),
            new TierTable(List.of(new Tier(new BigDecimal("0"), Map.of(), new BigDecimal("0.02")))),
            List.of(new Stage(new BigDecimal("0.10"), 1, StageCondition.NONE),
                    new Stage(new BigDecimal("0.90"), 2, StageCondition.ACTIVE)));
    private static final Map<String, RebateProgram> PROGRAMS = Map.of("share", SHARE);

    @Test
    void r8_3_aPositiveAccrualIsSplitIntoStagesThatArePendingUntilDue() {
        CashStagesDue.Advance advance = CashStagesDue.advance(FEB, PROGRAMS, List.of(),
                List.of(new CashStagesDue.Accrual("share", "G1", new BigDecimal("1000.00"))), group -> true);

        assertThat(advance.clawbacks()).isEmpty();
        assertThat(advance.due()).isEmpty();
        assertThat(advance.pending()).containsExactly(
                stage("G1", FEB, 1, "100.00", MAR, StageCondition.NONE),
                stage("G1", FEB, 2, "900.00", APR, StageCondition.ACTIVE));
    }

    @Test
    void r8_1_creditNoteGroupsAndUnknownProgramsAreLeftAlone() {
        CashStagesDue.Advance advance = CashStagesDue.advance(FEB, PROGRAMS, List.of(),
                List.of(new CashStagesDue.Accrual("share", "G2", new BigDecimal("1000.00")),
                        new CashStagesDue.Accrual("gone", "G1", new BigDecimal("500.00"))),
                group -> !group.equals("G2"));

        assertThat(advance.pending()).isEmpty();
        assertThat(advance.clawbacks()).isEmpty();
    }

    @Test
    void r8_4_aNegativeAccrualReducesTheLatestPendingStageFirstAndClawsBackTheRest() {
        List<RebateStage> handedOn = List.of(
                stage("G0", FEB, 1, "70.00", YearMonth.parse("2026-05"), StageCondition.NONE),
                stage("G1", FEB, 1, "100.00", MAR, StageCondition.NONE),
                stage("G1", FEB, 2, "900.00", APR, StageCondition.ACTIVE));

        CashStagesDue.Advance advance = CashStagesDue.advance(MAR, PROGRAMS, handedOn,
                List.of(new CashStagesDue.Accrual("share", "G1", new BigDecimal("-1000.00"))), group -> true);

        // The stage due in March is not pending: only April's 900.00 absorbs; 100.00 is clawed back.
        assertThat(advance.clawbacks()).containsExactly(PayoutItem.open(Payee.group("G1"), ItemType.CLAWBACK,
                "REBATE-share-2026-03-CLAWBACK", MAR, new BigDecimal("-100.00")));
        assertThat(advance.due()).containsExactly(stage("G1", FEB, 1, "100.00", MAR, StageCondition.NONE));
        // Untouched groups first, then the touched group's stages, April's cut to 0 (E5).
        assertThat(advance.pending()).containsExactly(
                stage("G0", FEB, 1, "70.00", YearMonth.parse("2026-05"), StageCondition.NONE),
                stage("G1", FEB, 2, "0.00", APR, StageCondition.ACTIVE));
    }

    @Test
    void r8_3_dueStagesArePaidWhenTheirConditionHoldsElseForfeited() {
        List<RebateStage> handedOn = List.of(
                stage("G1", FEB, 2, "900.00", APR, StageCondition.ACTIVE),
                stage("G2", FEB, 2, "450.00", APR, StageCondition.ACTIVE),
                stage("G3", FEB, 1, "30.00", APR, StageCondition.NONE));
        CashStagesDue.Advance advance = CashStagesDue.advance(APR, PROGRAMS, handedOn, List.of(), group -> true);
        CashStagesDue.EligibleVolumes volumes = CashStagesDue.eligibleVolumes(advance.due(), PROGRAMS);
        assertThat(volumes.groupsByPeriod()).isEqualTo(Map.of(APR, Set.of("G1", "G2", "G3")));

        // G1 bought PREPAID in April: active. G2 only POSTPAID, which the program does not admit: forfeited.
        volumes.add("G1", line(APR, BillingMethod.PREPAID, "12.00"));
        volumes.add("G2", line(APR, BillingMethod.POSTPAID, "5000.00"));
        List<PayoutItem> items = CashStagesDue.itemsDue(advance, volumes, Map.of());

        assertThat(volumes.of(handedOn.get(0))).isEqualByComparingTo("12.00");
        assertThat(items).containsExactly(
                PayoutItem.open(Payee.group("G1"), ItemType.REBATE_STAGE, "REBATE-share-2026-02-S2", APR,
                        new BigDecimal("900.00")),
                PayoutItem.open(Payee.group("G2"), ItemType.FORFEITED, "REBATE-share-2026-02-S2", APR,
                        new BigDecimal("450.00")),
                PayoutItem.open(Payee.group("G3"), ItemType.REBATE_STAGE, "REBATE-share-2026-02-S1", APR,
                        new BigDecimal("30.00")));
    }

    /** Issue 20: every group's stages are found by key; 20,000 groups settle as one would. */
    @Test
    void issue20_manyGroupsEachKeepTheirOwnStages() {
        List<RebateStage> handedOn = new ArrayList<>();
        List<CashStagesDue.Accrual> accruals = new ArrayList<>();
        for (int g = 0; g < 20_000; g++) {
            String group = "G%05d".formatted(g);
            handedOn.add(stage(group, FEB, 2, "90.00", APR, StageCondition.ACTIVE));
            accruals.add(new CashStagesDue.Accrual("share", group, new BigDecimal("-10.00")));
        }

        CashStagesDue.Advance advance = CashStagesDue.advance(MAR, PROGRAMS, handedOn, accruals, group -> true);

        assertThat(advance.clawbacks()).isEmpty();
        assertThat(advance.pending()).hasSize(20_000).allSatisfy(stage ->
                assertThat(stage.amount()).isEqualByComparingTo("80.00"));
        assertThat(advance.pending().get(19_999).groupId()).isEqualTo("G19999");
    }

    private static RebateStage stage(String group, YearMonth accrual, int index, String amount, YearMonth due,
            StageCondition condition) {
        return new RebateStage("share", group, accrual, index, new BigDecimal(amount), due, condition);
    }

    private static BillingLine line(YearMonth period, BillingMethod method, String payable) {
        BigDecimal amount = new BigDecimal(payable);
        return new BillingLine("l-" + payable, null, period, "S1", null, "ecs", Category.COMPUTE, method,
                ChargeType.NEW, amount, amount, amount, "CNY", period.atDay(2).atStartOfDay(), null, null, true);
    }
}
