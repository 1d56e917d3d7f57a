package io.resettle.rebate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resettle.billing.Category;
import io.resettle.policy.RebateProgram;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccrualsTest {

    @Test
    void fiscalYearOfAPeriod_R7_5() {
        assertThat(FiscalYear.of(YearMonth.parse("2026-10"), 1).first()).isEqualTo(YearMonth.parse("2026-01"));
        assertThat(FiscalYear.of(YearMonth.parse("2026-03"), 4).first()).isEqualTo(YearMonth.parse("2025-04"));
        assertThat(FiscalYear.of(YearMonth.parse("2026-04"), 4).first()).isEqualTo(YearMonth.parse("2026-04"));
        assertThat(FiscalYear.of(YearMonth.parse("2026-04"), 4).last()).isEqualTo(YearMonth.parse("2027-03"));
        assertThat(FiscalYear.of(YearMonth.parse("2026-04"), 4).contains(YearMonth.parse("2026-03"))).isFalse();
        assertThatThrownBy(() -> FiscalYear.of(YearMonth.parse("2026-04"), 13))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyEarlierPeriodsOfTheSameFiscalYearCount_R7_5() {
        RebateProgram program = RebateFixtures.channel();
        List<RecordedAccrual> recorded = List.of(
                new RecordedAccrual(YearMonth.parse("2025-12"), Category.COMPUTE, new BigDecimal("500.00")),
                new RecordedAccrual(YearMonth.parse("2026-01"), Category.COMPUTE, new BigDecimal("100.00")),
                new RecordedAccrual(YearMonth.parse("2026-02"), Category.COMPUTE, new BigDecimal("999.00")));
        Map<Category, BigDecimal> accruals = Accruals.accrue(program, YearMonth.parse("2026-02"),
                Map.of(Category.COMPUTE, new BigDecimal("150.005")), recorded);
        assertThat(accruals).containsExactlyEntriesOf(Map.of(Category.COMPUTE, new BigDecimal("50.01")));
    }

    @Test
    void aCategoryWhoseLinesWereCorrectedAwayAccruesTheReversal_R7_5() {
        Map<Category, BigDecimal> accruals = Accruals.accrue(RebateFixtures.channel(), YearMonth.parse("2026-05"),
                Map.of(), List.of(new RecordedAccrual(YearMonth.parse("2026-04"), Category.DATABASE,
                        new BigDecimal("12.50"))));
        assertThat(accruals).containsExactlyEntriesOf(Map.of(Category.DATABASE, new BigDecimal("-12.50")));
    }

    @Test
    void retroactiveRateAppliesToTheWholeYear_R7_4() {
        RebateProgram program = RebateFixtures.program(RebateProgram.Mode.RETROACTIVE,
                Map.of(Category.STORAGE, new BigDecimal("0.5")),
                List.of(RebateFixtures.tier("1000", "0.02", "0.05")), List.of());
        WalkState state = WalkState.empty()
                .plus(Category.SECURITY, new BigDecimal("800"), new BigDecimal("800"), null)
                .plus(Category.STORAGE, new BigDecimal("400"), new BigDecimal("200"), null);
        Map<Category, BigDecimal> rebate = RetroactiveRebate.of(program.tiers(), state);
        assertThat(rebate.get(Category.SECURITY)).isEqualByComparingTo("40");
        assertThat(rebate.get(Category.STORAGE)).isEqualByComparingTo("8");

        WalkState below = state.plus(Category.STORAGE, new BigDecimal("-2"), new BigDecimal("-1"), null);
        assertThat(RetroactiveRebate.of(program.tiers(), below).values())
                .allSatisfy(value -> assertThat(value).isEqualByComparingTo("0"));
    }

    @Test
    void groupTotalSumsCategories_R8_2() {
        assertThat(Accruals.total(Map.of(Category.COMPUTE, new BigDecimal("1000.00"),
                Category.SECURITY, new BigDecimal("-0.01")))).isEqualTo(new BigDecimal("999.99"));
    }
}
