package io.resettle.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrepaidBalanceTest {

    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);

    /** E10; from the invoice, in buildStatements: BuildInvoicesStepTest. */
    @Test
    void e10_prepaidBalance() {
        PrepaidBalance balance = PrepaidBalance.of("S1", OCTOBER, new BigDecimal("10000.00"),
                List.of(new BigDecimal("5000.00")), new BigDecimal("18000.00"));
        assertThat(balance.opening()).isEqualTo(new BigDecimal("10000.00"));
        assertThat(balance.allocated()).isEqualTo(new BigDecimal("5000.00"));
        assertThat(balance.charged()).isEqualTo(new BigDecimal("18000.00"));
        assertThat(balance.closing()).isEqualTo(new BigDecimal("-3000.00"));
        assertThat(balance.status()).isEqualTo(PrepaidBalance.Status.TOP_UP_REQUIRED);
        assertThat(balance.missing()).isEqualTo(new BigDecimal("3000.00"));
    }

    @Test
    void balanceWithoutInvoiceOrAllocationsCarriesTheOpeningBalance() {
        PrepaidBalance balance = PrepaidBalance.of("S1", OCTOBER, new BigDecimal("-3000.00"), List.of(),
                BigDecimal.ZERO);
        assertThat(balance.closing()).isEqualTo(new BigDecimal("-3000.00"));
        assertThat(balance.missing()).isEqualTo(new BigDecimal("3000.00"));

        PrepaidBalance zero = PrepaidBalance.of("S2", OCTOBER, new BigDecimal("0"),
                List.of(new BigDecimal("100.00"), new BigDecimal("50.5")), new BigDecimal("150.50"));
        assertThat(zero.closing()).isEqualTo(new BigDecimal("0.00"));
        assertThat(zero.status()).isEqualTo(PrepaidBalance.Status.OK);
        assertThat(zero.missing()).isEqualTo(new BigDecimal("0.00"));
    }

    @Test
    void fractionsOfACentAreRejected() {
        assertThatThrownBy(() -> PrepaidBalance.of("S1", OCTOBER, BigDecimal.ZERO,
                List.of(new BigDecimal("0.005")), BigDecimal.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
