package io.resettle.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resettle.billing.Category;
import io.resettle.billing.ChargeType;
import io.resettle.pricing.InvoiceLine;
import io.resettle.pricing.InvoiceLineKind;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InvoiceTest {

    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);

    private static InvoiceLine charge(String subAccount, String lineId, String payable, String rate, String discount) {
        BigDecimal p = new BigDecimal(payable);
        BigDecimal d = new BigDecimal(discount);
        return new InvoiceLine("INV-2026-10-" + subAccount, subAccount, lineId, InvoiceLineKind.CHARGE, "ecs",
                Category.COMPUTE, ChargeType.USAGE, p, new BigDecimal(rate), d, p.subtract(d), "CNY");
    }

    private static InvoiceLine derived(String subAccount, String lineId, InvoiceLineKind kind, String amount) {
        return InvoiceLine.derived("INV-2026-10-" + subAccount, subAccount, lineId, kind, new BigDecimal(amount), "CNY");
    }

    @Test
    void invoiceTotalsAreTheSumsOfItsLines_R12_2() {
        Invoice invoice = Invoice.of(OCTOBER, "A", List.of(
                charge("A", "a1", "120000.00", "0.10", "12000.00"),
                derived("A", "CLAWBACK-K1", InvoiceLineKind.CLAWBACK, "7500.00"),
                derived("A", "REBATE-customer-share-2026-09", InvoiceLineKind.REBATE_CREDIT, "-220.00")));
        assertThat(invoice.invoiceId()).isEqualTo("INV-2026-10-A");
        assertThat(invoice.lineCount()).isEqualTo(3);
        assertThat(invoice.payable()).isEqualTo(new BigDecimal("127280.00"));
        assertThat(invoice.discount()).isEqualTo(new BigDecimal("12000.00"));
        assertThat(invoice.net()).isEqualTo(new BigDecimal("115280.00"));
        assertThat(invoice.currency()).isEqualTo("CNY");
    }

    @Test
    void linesSortInIoContractOrder() {
        List<InvoiceLine> sorted = Invoice.inIoOrder(List.of(
                derived("B", "CLAWBACK-K1", InvoiceLineKind.CLAWBACK, "1.00"),
                derived("A", "REBATE-p-2026-09", InvoiceLineKind.REBATE_CREDIT, "-1.00"),
                derived("A", "PENALTY-K1", InvoiceLineKind.PENALTY, "1.00"),
                derived("A", "CLAWBACK-K1", InvoiceLineKind.CLAWBACK, "1.00"),
                charge("A", "z1", "1.00", "0", "0.00"),
                charge("A", "a1", "1.00", "0", "0.00"),
                charge("B", "b1", "1.00", "0", "0.00")));
        assertThat(sorted).extracting(line -> line.invoiceId() + "/" + line.lineId()).containsExactly(
                "INV-2026-10-A/a1", "INV-2026-10-A/z1", "INV-2026-10-A/CLAWBACK-K1", "INV-2026-10-A/PENALTY-K1",
                "INV-2026-10-A/REBATE-p-2026-09", "INV-2026-10-B/b1", "INV-2026-10-B/CLAWBACK-K1");
    }

    @Test
    void aLineWhoseNetIsNotPayableMinusDiscountIsRefused_R12_2() {
        assertThatThrownBy(() -> new InvoiceLine("INV-2026-10-A", "A", "a1", InvoiceLineKind.CHARGE, "ecs",
                Category.COMPUTE, ChargeType.USAGE, new BigDecimal("10.00"), new BigDecimal("0.10"),
                new BigDecimal("1.00"), new BigDecimal("9.01"), "CNY"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("R12.2");
        assertThatThrownBy(() -> new InvoiceLine("INV-2026-10-A", "A", "a1", InvoiceLineKind.CHARGE, "ecs",
                Category.COMPUTE, ChargeType.USAGE, new BigDecimal("10.001"), BigDecimal.ZERO,
                BigDecimal.ZERO, new BigDecimal("10.001"), "CNY"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole cents");
    }

    @Test
    void anInvoiceTakesOnlyItsOwnLinesInOneCurrency() {
        assertThatThrownBy(() -> Invoice.of(OCTOBER, "A", List.of(charge("B", "b1", "1.00", "0", "0.00"))))
                .isInstanceOf(IllegalArgumentException.class);
        InvoiceLine usd = InvoiceLine.derived("INV-2026-10-A", "A", "PENALTY-K1", InvoiceLineKind.PENALTY,
                BigDecimal.ONE, "USD");
        assertThatThrownBy(() -> Invoice.of(OCTOBER, "A", List.of(charge("A", "a1", "1.00", "0", "0.00"), usd)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("currency");
    }

    @Test
    void groupStatementAtItsLimitIsOk_R6_1() {
        Invoice a = Invoice.of(OCTOBER, "A", List.of(charge("A", "a1", "100.00", "0", "0.00")));
        Invoice b = Invoice.of(OCTOBER, "B", List.of(charge("B", "b1", "60.00", "0.10", "6.00")));
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
}
