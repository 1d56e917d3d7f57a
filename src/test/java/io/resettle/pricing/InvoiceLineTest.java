package io.resettle.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resettle.billing.Category;
import io.resettle.billing.ChargeType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvoiceLineTest {

    private static InvoiceLine charge(String subAccount, String lineId) {
        return new InvoiceLine("INV-2026-10-" + subAccount, subAccount, lineId, InvoiceLineKind.CHARGE, "ecs",
                Category.COMPUTE, ChargeType.USAGE, new BigDecimal("1.00"), BigDecimal.ZERO, new BigDecimal("0.00"),
                new BigDecimal("1.00"), "CNY");
    }

    private static InvoiceLine derived(String subAccount, String lineId, InvoiceLineKind kind, String amount) {
        return InvoiceLine.derived("INV-2026-10-" + subAccount, subAccount, lineId, kind, new BigDecimal(amount), "CNY");
    }

    @Test
    void linesSortInIoContractOrder() {
        List<InvoiceLine> sorted = new ArrayList<>(List.of(
                derived("B", "CLAWBACK-K1", InvoiceLineKind.CLAWBACK, "1.00"),
                derived("A", "REBATE-p-2026-09", InvoiceLineKind.REBATE_CREDIT, "-1.00"),
                derived("A", "PENALTY-K1", InvoiceLineKind.PENALTY, "1.00"),
                derived("A", "CLAWBACK-K1", InvoiceLineKind.CLAWBACK, "1.00"),
                charge("A", "z1"),
                charge("A", "a1"),
                charge("B", "b1")));
        sorted.sort(InvoiceLine.IO_ORDER);
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
}
