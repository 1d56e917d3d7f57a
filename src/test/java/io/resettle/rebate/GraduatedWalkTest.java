package io.resettle.rebate;

import static org.assertj.core.api.Assertions.assertThat;

import io.resettle.billing.BillingMethod;
import io.resettle.billing.Category;
import io.resettle.billing.ChargeType;
import io.resettle.policy.RebateProgram;
import io.resettle.policy.Tier;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraduatedWalkTest {

    /** Slices as "tier_from amount @ rate = rebate", numbers without trailing zeros. */
    static List<String> describe(List<RebateSlice> slices) {
        return slices.stream()
                .map(s -> s.tierFrom().map(GraduatedWalkTest::plain).orElse("-") + " " + plain(s.amount())
                        + " @ " + plain(s.rate()) + " = " + plain(s.rebate()))
                .toList();
    }

    static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    @Test
    void e4_graduatedTierCrossing() {
        RebateProgram channel = RebateFixtures.channel();
        RebateWalk walk = new RebateWalk(channel, "AGENT");

        // January to September: 1,950,000.00 of COMPUTE; the first 500,000 earn nothing.
        List<RebateSlice> before = walk.feed(RebateFixtures.line("L0", "2026-01", "ecs", Category.COMPUTE,
                BillingMethod.PREPAID, ChargeType.NEW, "1950000.00"));
        assertThat(describe(before)).containsExactly("- 500000 @ 0 = 0", "500000 1450000 @ 0.04 = 58000");
        assertThat(walk.ytdRebate().get(Category.COMPUTE)).isEqualByComparingTo(new BigDecimal("58000.00"));

        List<RebateSlice> l1 = walk.feed(RebateFixtures.line("L1", "2026-10", "ecs", Category.COMPUTE,
                BillingMethod.PREPAID, ChargeType.NEW, "80000.00"));
        assertThat(describe(l1)).containsExactly("500000 50000 @ 0.04 = 2000", "2000000 30000 @ 0.06 = 1800");
        assertThat(sumRebate(l1)).isEqualByComparingTo(new BigDecimal("3800.00"));
        assertThat(walk.state().totalWeightedVolume()).isEqualByComparingTo(new BigDecimal("2030000.00"));

        List<RebateSlice> l2 = walk.feed(RebateFixtures.line("L2", "2026-10", "waf", Category.SECURITY,
                BillingMethod.PREPAID, ChargeType.RENEWAL, "10000.00"));
        assertThat(describe(l2)).containsExactly("2000000 10000 @ 0.1 = 1000");
        assertThat(sumRebate(l2)).isEqualByComparingTo(new BigDecimal("1000.00"));

        List<RebateSlice> l3 = walk.feed(RebateFixtures.line("L3", "2026-10", "ecs", Category.COMPUTE,
                BillingMethod.PREPAID, ChargeType.REFUND, "-50000.00"));
        assertThat(describe(l3)).containsExactly("2000000 -40000 @ 0.06 = -2400", "500000 -10000 @ 0.04 = -400");
        assertThat(sumRebate(l3)).isEqualByComparingTo(new BigDecimal("-2800.00"));
        assertThat(walk.state().totalWeightedVolume()).isEqualByComparingTo(new BigDecimal("1990000.00"));
        assertThat(l3).allSatisfy(slice -> {
            assertThat(slice.program()).isEqualTo("channel");
            assertThat(slice.scopeId()).isEqualTo("AGENT");
            assertThat(slice.lineId()).isEqualTo("L3");
        });

        // 58,000.00 accrued January–September.
        List<RecordedAccrual> recorded = List.of(
                new RecordedAccrual(YearMonth.parse("2026-06"), Category.COMPUTE, new BigDecimal("20000.00")),
                new RecordedAccrual(YearMonth.parse("2026-09"), Category.COMPUTE, new BigDecimal("38000.00")));
        List<RebateRow> rows = Accruals.rows(channel, "AGENT", YearMonth.parse("2026-10"), walk.state(), recorded);
        assertThat(rows).extracting(RebateRow::category).containsExactly(Category.COMPUTE, Category.SECURITY);
        RebateRow compute = rows.get(0);
        assertThat(compute.ytdVolume()).isEqualByComparingTo(new BigDecimal("1980000.00"));
        assertThat(compute.ytdRebate()).isEqualTo(new BigDecimal("59000.00"));
        assertThat(compute.accrual()).isEqualTo(new BigDecimal("1000.00"));
        assertThat(compute.tierFrom()).hasValueSatisfying(from -> assertThat(from).isEqualByComparingTo("500000"));
        RebateRow security = rows.get(1);
        assertThat(security.ytdWeightedVolume()).isEqualByComparingTo(new BigDecimal("10000.00"));
        assertThat(security.ytdRebate()).isEqualTo(new BigDecimal("1000.00"));
        assertThat(security.accrual()).isEqualTo(new BigDecimal("1000.00"));
        assertThat(security.direction()).isEqualTo(RebateProgram.Direction.RECEIVABLE);
    }

    @Test
    void volumeBelowZeroEarnsNothing_R7_3() {
        RebateProgram flat = RebateFixtures.program(RebateProgram.Mode.GRADUATED, Map.of(),
                List.of(new Tier(BigDecimal.ZERO, Map.of(), new BigDecimal("0.10"))), List.of());
        GraduatedWalk walk = new GraduatedWalk(flat, "G1");
        walk.feed("a", Category.COMPUTE, new BigDecimal("100.00"));
        assertThat(describe(walk.feed("b", Category.COMPUTE, new BigDecimal("-300.00"))))
                .containsExactly("0 -100 @ 0.1 = -10", "- -200 @ 0 = 0");
        assertThat(describe(walk.feed("c", Category.COMPUTE, new BigDecimal("250.00"))))
                .containsExactly("- 200 @ 0 = 0", "0 50 @ 0.1 = 5");
        assertThat(walk.state().rebateOf(Category.COMPUTE)).isEqualByComparingTo("5");
        assertThat(walk.tierReached()).isPresent();
    }

    @Test
    void belowZeroAndBelowTheFirstTierMergeIntoOneSlice_R7_1() {
        GraduatedWalk walk = new GraduatedWalk(RebateFixtures.channel(), "AGENT");
        walk.feed("a", Category.COMPUTE, new BigDecimal("-100.00"));
        assertThat(describe(walk.feed("b", Category.COMPUTE, new BigDecimal("600100.00"))))
                .containsExactly("- 500100 @ 0 = 0", "500000 100000 @ 0.04 = 4000");
    }

    @Test
    void weightZeroEarnsTheRateOfTheTierW0IsIn_R7_3() {
        RebateProgram program = RebateFixtures.program(RebateProgram.Mode.GRADUATED,
                Map.of(Category.STORAGE, BigDecimal.ZERO),
                List.of(RebateFixtures.tier("1000", "0.05", "0.05"), RebateFixtures.tier("2000", "0.08", "0.08")),
                List.of());
        GraduatedWalk walk = new GraduatedWalk(program, "G1");
        walk.feed("a", Category.COMPUTE, new BigDecimal("2000.00"));
        assertThat(describe(walk.feed("b", Category.STORAGE, new BigDecimal("500.00"))))
                .containsExactly("2000 500 @ 0.08 = 40");
        assertThat(walk.state().totalWeightedVolume()).isEqualByComparingTo("2000");
        assertThat(walk.state().volumeOf(Category.STORAGE)).isEqualByComparingTo("500");
        assertThat(walk.state().weightedVolumeOf(Category.STORAGE)).isEqualByComparingTo("0");
    }

    @Test
    void weightedSlicesAreConvertedBackToTheLineAmount_R7_3() {
        RebateProgram program = RebateFixtures.program(RebateProgram.Mode.GRADUATED,
                Map.of(Category.SECURITY, new BigDecimal("0.5")),
                List.of(RebateFixtures.tier("1000", "0.05", "0.10")), List.of());
        GraduatedWalk walk = new GraduatedWalk(program, "G1");
        walk.feed("a", Category.COMPUTE, new BigDecimal("800.00"));
        // 1,000 of SECURITY moves W by 500: 200 of volume (400 of amount) below the tier, 300 (600) in it.
        assertThat(describe(walk.feed("b", Category.SECURITY, new BigDecimal("1000.00"))))
                .containsExactly("- 400 @ 0 = 0", "1000 600 @ 0.1 = 60");
        assertThat(walk.state().totalWeightedVolume()).isEqualByComparingTo("1300");
    }

    @Test
    void aLineEndingExactlyOnATierEdgeStaysBelowIt() {
        GraduatedWalk walk = new GraduatedWalk(RebateFixtures.channel(), "AGENT");
        assertThat(describe(walk.feed("a", Category.COMPUTE, new BigDecimal("500000.00"))))
                .containsExactly("- 500000 @ 0 = 0");
        assertThat(walk.tierReached()).map(Tier::from).hasValueSatisfying(f -> assertThat(f).isEqualByComparingTo("500000"));
        assertThat(describe(walk.feed("b", Category.COMPUTE, new BigDecimal("-100.00"))))
                .containsExactly("- -100 @ 0 = 0");
        assertThat(describe(walk.feed("c", Category.COMPUTE, new BigDecimal("0.00"))))
                .containsExactly("- 0 @ 0 = 0");
    }

    /**
     * Lines that move W within one tier (one slice, the tier at the move's lower end) next to lines
     * that cross an edge: up from an edge or down onto it earns the edge's tier, down from an edge or
     * up onto it the tier below (tiers are half-open).
     */
    @Test
    void aMoveWithinOneTierEarnsTheTierAtItsLowerEnd() {
        GraduatedWalk walk = new GraduatedWalk(RebateFixtures.channel(), "AGENT");
        assertThat(describe(walk.feed("a", Category.COMPUTE, new BigDecimal("499999.99"))))
                .containsExactly("- 499999.99 @ 0 = 0");
        assertThat(describe(walk.feed("b", Category.COMPUTE, new BigDecimal("0.02"))))
                .containsExactly("- 0.01 @ 0 = 0", "500000 0.01 @ 0.04 = 0.0004");
        assertThat(describe(walk.feed("c", Category.COMPUTE, new BigDecimal("-0.01"))))
                .containsExactly("500000 -0.01 @ 0.04 = -0.0004");
        assertThat(describe(walk.feed("d", Category.COMPUTE, new BigDecimal("100.00"))))
                .containsExactly("500000 100 @ 0.04 = 4");
        assertThat(describe(walk.feed("e", Category.COMPUTE, new BigDecimal("-100.00"))))
                .containsExactly("500000 -100 @ 0.04 = -4");
        assertThat(describe(walk.feed("f", Category.COMPUTE, new BigDecimal("-5.00"))))
                .containsExactly("- -5 @ 0 = 0");
        assertThat(describe(walk.feed("g", Category.COMPUTE, new BigDecimal("5.00"))))
                .containsExactly("- 5 @ 0 = 0");
        assertThat(walk.state().rebate().get(Category.COMPUTE)).isEqualByComparingTo("0");
    }

    @Test
    void stateSurvivesAStringRoundTripWithItsScale() {
        GraduatedWalk walk = new GraduatedWalk(RebateFixtures.channel(), "AGENT");
        walk.feed("a", Category.COMPUTE, new BigDecimal("600000.12345678901"));
        walk.feed("b", Category.SECURITY, new BigDecimal("10.50"));
        Map<String, String> saved = walk.state().toMap("rebate.channel.AGENT.");
        assertThat(saved).containsEntry("rebate.channel.AGENT.volume.COMPUTE", "600000.12345678901");
        WalkState restored = WalkState.fromMap("rebate.channel.AGENT.", saved);
        assertThat(restored).isEqualTo(walk.state());
        assertThat(WalkState.fromMap("other.", saved)).isEqualTo(WalkState.empty());
    }

    private static BigDecimal sumRebate(List<RebateSlice> slices) {
        return slices.stream().map(RebateSlice::rebate).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
