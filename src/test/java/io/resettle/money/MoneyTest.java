package io.resettle.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void round2IsHalfUp() {
        assertThat(Money.round2(new BigDecimal("0.125"))).isEqualTo(new BigDecimal("0.13"));
        assertThat(Money.round2(new BigDecimal("0.0125"))).isEqualTo(new BigDecimal("0.01"));
        assertThat(Money.round2(new BigDecimal("0.50025"))).isEqualTo(new BigDecimal("0.50"));
        assertThat(Money.round2(new BigDecimal("-0.125"))).isEqualTo(new BigDecimal("-0.13"));
    }

    @Test
    void instalmentsGiveTheRemainderToTheLastStage_R1_3() {
        List<BigDecimal> parts = Money.instalments(new BigDecimal("2200.00"),
                List.of(new BigDecimal("0.10"), new BigDecimal("0.90")));
        assertThat(parts).containsExactly(new BigDecimal("220.00"), new BigDecimal("1980.00"));

        List<BigDecimal> thirds = Money.instalments(new BigDecimal("100.00"),
                List.of(new BigDecimal("0.3333"), new BigDecimal("0.3333"), new BigDecimal("0.3334")));
        assertThat(thirds).containsExactly(new BigDecimal("33.33"), new BigDecimal("33.33"), new BigDecimal("33.34"));
    }

    @Test
    void largestRemainderAddsUpAndBreaksTiesByAscendingKey_R1_3() {
        Map<String, BigDecimal> parts = Money.allocate(new BigDecimal("10.00"),
                Map.of("B", BigDecimal.ONE, "A", BigDecimal.ONE, "C", BigDecimal.ONE));
        assertThat(parts).containsExactly(
                Map.entry("A", new BigDecimal("3.34")),
                Map.entry("B", new BigDecimal("3.33")),
                Map.entry("C", new BigDecimal("3.33")));
    }

    @Test
    void largestRemainderOfE3() {
        Map<String, BigDecimal> parts = Money.allocate(new BigDecimal("11250.00"),
                Map.of("A", new BigDecimal("30000.00"), "B", new BigDecimal("15000.00")));
        assertThat(parts).containsEntry("A", new BigDecimal("7500.00")).containsEntry("B", new BigDecimal("3750.00"));
    }

    @Test
    void negativeTotalsAreAllocatedByMagnitude() {
        Map<String, BigDecimal> parts = Money.allocate(new BigDecimal("-0.05"),
                Map.of("A", new BigDecimal("2"), "B", new BigDecimal("1")));
        assertThat(parts).containsEntry("A", new BigDecimal("-0.03")).containsEntry("B", new BigDecimal("-0.02"));
    }

    @Test
    void currencyMismatchThrows_R1_4() {
        assertThatThrownBy(() -> Money.requireSameCurrency("CNY", "USD"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CNY").hasMessageContaining("USD");
    }
}
