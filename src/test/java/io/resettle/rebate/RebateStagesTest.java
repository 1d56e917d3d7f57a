package io.resettle.rebate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resettle.billing.BillingMethod;
import io.resettle.billing.Category;
import io.resettle.billing.ChargeType;
import io.resettle.policy.RebateProgram.Stage;
import io.resettle.policy.RebateProgram.StageCondition;
import io.resettle.policy.RebateProgram;
import io.resettle.payable.ItemType;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RebateStagesTest {

    private static final YearMonth JAN = YearMonth.parse("2026-01");
    private static final YearMonth FEB = YearMonth.parse("2026-02");
    private static final YearMonth MAR = YearMonth.parse("2026-03");

    @Test
    void e5_retroactiveTiersStagedPayoutClawback() {
        RebateProgram program = RebateFixtures.customerShare();
        RebateWalk walk = new RebateWalk(program, RebateEligibility.scopeId(program, "G1"));
        List<RecordedAccrual> recorded = new ArrayList<>();
        List<RebateStage> stages = new ArrayList<>();

        // January 60,000.00 → below 100,000, R 0, accrual 0. The POSTPAID line is not eligible.
        assertThat(walk.feed(RebateFixtures.line("j1", "2026-01", "ecs", Category.COMPUTE, BillingMethod.PREPAID,
                ChargeType.NEW, "60000.00"))).isEmpty();
        walk.feed(RebateFixtures.line("j2", "2026-01", "ecs", Category.COMPUTE, BillingMethod.POSTPAID,
                ChargeType.USAGE, "99999.00"));
        List<RebateRow> january = Accruals.rows(program, "G1", JAN, walk.state(), recorded);
        assertThat(january).singleElement().satisfies(row -> {
            assertThat(row.ytdVolume()).isEqualByComparingTo(new BigDecimal("60000.00"));
            assertThat(row.tierFrom()).isEmpty();
            assertThat(row.ytdRebate()).isEqualTo(new BigDecimal("0.00"));
            assertThat(row.accrual()).isEqualTo(new BigDecimal("0.00"));
        });
        record(recorded, january);
        assertThat(RebateStages.cash(program, "G1", JAN, new BigDecimal("0.00"), stages).newStages()).isEmpty();

        // February 50,000.00 → W 110,000.00 → 2% on all 110,000 = 2,200.00.
        walk.feed(RebateFixtures.line("f1", "2026-02", "ecs", Category.COMPUTE, BillingMethod.PREPAID,
                ChargeType.RENEWAL, "50000.00"));
        List<RebateRow> february = Accruals.rows(program, "G1", FEB, walk.state(), recorded);
        assertThat(february).singleElement().satisfies(row -> {
            assertThat(row.tierFrom()).hasValueSatisfying(from -> assertThat(from).isEqualByComparingTo("100000"));
            assertThat(row.ytdRebate()).isEqualTo(new BigDecimal("2200.00"));
            assertThat(row.accrual()).isEqualTo(new BigDecimal("2200.00"));
        });
        record(recorded, february);
        RebateStages.CashAccrual februaryCash = RebateStages.cash(program, "G1", FEB,
                Accruals.total(Map.of(Category.COMPUTE, february.get(0).accrual())), stages);
        assertThat(februaryCash.newStages()).containsExactly(
                new RebateStage("customer-share", "G1", FEB, 1, new BigDecimal("220.00"), MAR, StageCondition.NONE),
                new RebateStage("customer-share", "G1", FEB, 2, new BigDecimal("1980.00"),
                        YearMonth.parse("2027-02"), StageCondition.RENEWED));
        assertThat(februaryCash.newStages()).extracting(RebateStage::reference)
                .containsExactly("REBATE-customer-share-2026-02-S1", "REBATE-customer-share-2026-02-S2");
        stages.addAll(februaryCash.newStages());

        // March refund −20,000.00 → W 90,000.00 → R 0 → accrual −2,200.00.
        walk.feed(RebateFixtures.line("m1", "2026-03", "ecs", Category.COMPUTE, BillingMethod.PREPAID,
                ChargeType.REFUND, "-20000.00"));
        List<RebateRow> march = Accruals.rows(program, "G1", MAR, walk.state(), recorded);
        assertThat(march).singleElement().satisfies(row -> {
            assertThat(row.tierFrom()).isEmpty();
            assertThat(row.ytdRebate()).isEqualTo(new BigDecimal("0.00"));
            assertThat(row.accrual()).isEqualTo(new BigDecimal("-2200.00"));
        });
        RebateStages.CashAccrual marchCash = RebateStages.cash(program, "G1", MAR, march.get(0).accrual(), stages);
        assertThat(marchCash.newStages()).isEmpty();
        // The stage due 2027-02 drops to 0; the stage due in March is not pending.
        assertThat(marchCash.reducedStages()).singleElement().satisfies(stage -> {
            assertThat(stage.reference()).isEqualTo("REBATE-customer-share-2026-02-S2");
            assertThat(stage.amount()).isEqualTo(new BigDecimal("0.00"));
        });
        assertThat(marchCash.clawback()).hasValue(new RebatePayoutItem("G1", ItemType.CLAWBACK,
                "REBATE-customer-share-2026-03-CLAWBACK", MAR, new BigDecimal("-220.00")));

        // The March run also holds the 220.00 stage (NONE): gross 0.00.
        RebatePayoutItem due = RebateStages.fallDue(stages.get(0), BigDecimal.ZERO, Set.of());
        assertThat(due).isEqualTo(new RebatePayoutItem("G1", ItemType.REBATE_STAGE,
                "REBATE-customer-share-2026-02-S1", MAR, new BigDecimal("220.00")));
        assertThat(due.amount().add(marchCash.clawback().orElseThrow().amount())).isEqualTo(new BigDecimal("0.00"));
    }

    @Test
    void renewedHoldsOnlyForARenewalAfterTheAccrualUpToTheDuePeriod_R8_3() {
        RebateStage stage = new RebateStage("p", "G1", FEB, 2, new BigDecimal("1980.00"),
                YearMonth.parse("2027-02"), StageCondition.RENEWED);
        assertThat(RebateStages.conditionHolds(stage, BigDecimal.ZERO, Set.of(FEB))).isFalse();
        assertThat(RebateStages.conditionHolds(stage, BigDecimal.ZERO, Set.of(YearMonth.parse("2027-03")))).isFalse();
        assertThat(RebateStages.conditionHolds(stage, BigDecimal.ZERO, Set.of(MAR))).isTrue();
        assertThat(RebateStages.conditionHolds(stage, BigDecimal.ZERO, Set.of(YearMonth.parse("2027-02")))).isTrue();
        assertThat(RebateStages.fallDue(stage, BigDecimal.TEN, Set.of(FEB))).isEqualTo(new RebatePayoutItem("G1",
                ItemType.FORFEITED, "REBATE-p-2026-02-S2", YearMonth.parse("2027-02"), new BigDecimal("1980.00")));
    }

    @Test
    void activeHoldsOnlyForPositiveEligibleVolumeInTheDuePeriod_R8_3() {
        RebateStage stage = new RebateStage("p", "G1", FEB, 1, new BigDecimal("100.00"), MAR, StageCondition.ACTIVE);
        assertThat(RebateStages.conditionHolds(stage, new BigDecimal("0.01"), Set.of())).isTrue();
        assertThat(RebateStages.conditionHolds(stage, BigDecimal.ZERO, Set.of())).isFalse();
        assertThat(RebateStages.conditionHolds(stage, new BigDecimal("-5.00"), Set.of())).isFalse();
        assertThat(RebateStages.fallDue(stage, BigDecimal.ZERO, Set.of()).itemType()).isEqualTo(ItemType.FORFEITED);
    }

    @Test
    void aNegativeAccrualReducesLatestDueFirstAndOnlyItsOwnProgramAndGroup_R8_4() {
        RebateProgram program = RebateFixtures.program(RebateProgram.Mode.RETROACTIVE, Map.of(),
                List.of(RebateFixtures.tier("0", "0.01", "0.01")), List.of());
        List<RebateStage> stages = List.of(
                new RebateStage("p", "G1", JAN, 1, new BigDecimal("100.00"), YearMonth.parse("2026-05"), StageCondition.NONE),
                new RebateStage("p", "G1", FEB, 1, new BigDecimal("50.00"), YearMonth.parse("2026-06"), StageCondition.NONE),
                new RebateStage("p", "G1", JAN, 2, new BigDecimal("30.00"), YearMonth.parse("2026-06"), StageCondition.NONE),
                new RebateStage("p", "G2", JAN, 1, new BigDecimal("999.00"), YearMonth.parse("2026-09"), StageCondition.NONE),
                new RebateStage("q", "G1", JAN, 1, new BigDecimal("999.00"), YearMonth.parse("2026-09"), StageCondition.NONE),
                new RebateStage("p", "G1", JAN, 3, new BigDecimal("999.00"), MAR, StageCondition.NONE));

        RebateStages.Reduction partial = RebateStages.reduce(program, "G1", MAR, new BigDecimal("-60.00"), stages);
        assertThat(partial.reducedStages()).extracting(RebateStage::reference, RebateStage::amount).containsExactly(
                org.assertj.core.groups.Tuple.tuple("REBATE-p-2026-02-S1", new BigDecimal("0.00")),
                org.assertj.core.groups.Tuple.tuple("REBATE-p-2026-01-S2", new BigDecimal("20.00")));
        assertThat(partial.clawback()).isEmpty();

        RebateStages.Reduction over = RebateStages.reduce(program, "G1", MAR, new BigDecimal("-200.00"), stages);
        assertThat(over.reducedStages()).extracting(RebateStage::amount)
                .containsExactly(new BigDecimal("0.00"), new BigDecimal("0.00"), new BigDecimal("0.00"));
        assertThat(over.clawback()).map(RebatePayoutItem::amount).hasValue(new BigDecimal("-20.00"));
    }

    @Test
    void aProgramWithoutStagesPaysOneStageTheMonthAfter() {
        RebateProgram program = RebateFixtures.program(RebateProgram.Mode.RETROACTIVE, Map.of(),
                List.of(RebateFixtures.tier("0", "0.01", "0.01")), List.of());
        assertThat(RebateStages.split(program, "G1", FEB, new BigDecimal("12.34"))).containsExactly(
                new RebateStage("p", "G1", FEB, 1, new BigDecimal("12.34"), MAR, StageCondition.NONE));
    }

    @Test
    void creditNoteGroupsGetOneNegatedRebateCreditOnTheNextInvoice_R8_2() {
        RebateProgram program = RebateFixtures.customerShare();
        assertThat(RebateStages.creditNote(program, "G1", "A", FEB, new BigDecimal("2200.00"))).hasValueSatisfying(c -> {
            assertThat(c.lineId()).isEqualTo("REBATE-customer-share-2026-02");
            assertThat(c.subAccountId()).isEqualTo("A");
            assertThat(c.invoicePeriod()).isEqualTo(MAR);
            assertThat(c.amount()).isEqualTo(new BigDecimal("-2200.00"));
        });
        assertThat(RebateStages.creditNote(program, "G1", "A", MAR, new BigDecimal("-2200.00")))
                .map(RebateCredit::amount).hasValue(new BigDecimal("2200.00"));
        assertThat(RebateStages.creditNote(program, "G1", "A", JAN, new BigDecimal("0.00"))).isEmpty();
    }

    @Test
    void receivableProgramsAreNeverPaidOut_R7_6() {
        assertThatThrownBy(() -> RebateStages.split(RebateFixtures.channel(), "G1", FEB, BigDecimal.TEN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RECEIVABLE");
    }

    @Test
    void stagesOfThreeThirdsAddUp_R1_3() {
        RebateProgram program = RebateFixtures.program(RebateProgram.Mode.RETROACTIVE, Map.of(),
                List.of(RebateFixtures.tier("0", "0.01", "0.01")),
                List.of(new Stage(new BigDecimal("0.3333"), 1, StageCondition.NONE),
                        new Stage(new BigDecimal("0.3333"), 2, StageCondition.ACTIVE),
                        new Stage(new BigDecimal("0.3334"), 3, StageCondition.RENEWED)));
        assertThat(RebateStages.split(program, "G1", JAN, new BigDecimal("100.00"))).extracting(RebateStage::amount)
                .containsExactly(new BigDecimal("33.33"), new BigDecimal("33.33"), new BigDecimal("33.34"));
    }

    private static void record(List<RecordedAccrual> recorded, List<RebateRow> rows) {
        rows.forEach(row -> recorded.add(new RecordedAccrual(row.period(), row.category(), row.accrual())));
    }
}
