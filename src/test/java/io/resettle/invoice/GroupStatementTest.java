package io.resettle.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** R6.1 over invoices as buildInvoices records them (their totals: BuildInvoicesStepTest). */
class GroupStatementTest {

    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);

    private static Invoice invoice(String subAccount, String payable, String discount, String currency) {
        BigDecimal p = new BigDecimal(payable);
        BigDecimal d = new BigDecimal(discount);
        return new Invoice("INV-2026-10-" + subAccount, subAccount, OCTOBER, 1, p, d, p.subtract(d), currency);
    }

    @Test
    void groupStatementAtItsLimitIsOk_R6_1() {
        Invoice a = invoice("A", "100.00", "0.00", "CNY");
        Invoice b = invoice("B", "60.00", "6.00", "CNY");
        GroupStatement atLimit = GroupStatement.of("G1", OCTOBER, new BigDecimal("160.123"), Optional.empty(),
                new BigDecimal("154.00"), List.of(a, b));
        assertThat(atLimit.creditTotal()).isEqualTo(new BigDecimal("154.00"));
        assertThat(atLimit.status()).isEqualTo(GroupStatement.Status.OK);
        assertThat(atLimit.volume()).isEqualTo(new BigDecimal("160.12"));
        assertThat(atLimit.tierFrom()).isEmpty();

        GroupStatement noCredit = GroupStatement.of("G2", OCTOBER, BigDecimal.ZERO, Optional.of(BigDecimal.ZERO),
                BigDecimal.ZERO, List.of());
        assertThat(noCredit.creditTotal()).isEqualTo(new BigDecimal("0.00"));
        assertThat(noCredit.status()).isEqualTo(GroupStatement.Status.OK);
        assertThat(noCredit.tierFrom()).contains(new BigDecimal("0.00"));
    }

    /** R1.4: a group's invoices are in one currency (ingest refuses a line in another: CURRENCY_MISMATCH). */
    @Test
    void aStatementTakesItsGroupsInvoicesOfThePeriodInOneCurrency() {
        Invoice cny = invoice("A", "1.00", "0.00", "CNY");
        assertThatThrownBy(() -> GroupStatement.of("G1", OCTOBER, BigDecimal.ONE, Optional.empty(), BigDecimal.ZERO,
                List.of(cny, invoice("B", "1.00", "0.00", "USD"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("currency");
        assertThatThrownBy(() -> GroupStatement.of("G1", OCTOBER.plusMonths(1), BigDecimal.ONE, Optional.empty(),
                BigDecimal.ZERO, List.of(cny))).isInstanceOf(IllegalArgumentException.class);
    }
}
