package io.resettle.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class PeriodExpressionTest {

    @Test
    void previousMonthOnTheFourthOfJanuaryIsDecember() {
        assertThat(new PeriodExpression("previous-month").resolve(LocalDate.of(2027, 1, 4))).isEqualTo(YearMonth.of(2026, 12));
    }

    @Test
    void currentMonth() {
        assertThat(new PeriodExpression("current-month").resolve(LocalDate.of(2026, 10, 31))).isEqualTo(YearMonth.of(2026, 10));
    }

    @Test
    void fixedPeriod() {
        assertThat(new PeriodExpression("2026-03").resolve(LocalDate.of(2030, 1, 1))).isEqualTo(YearMonth.of(2026, 3));
    }

    @Test
    void anythingElseIsRefusedWhenTheFileIsRead() {
        assertThatThrownBy(() -> new PeriodExpression("last-month")).hasMessageContaining("previous-month");
    }
}
