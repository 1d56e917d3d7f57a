package io.resettle.rebate;

import static org.assertj.core.api.Assertions.assertThat;

import io.resettle.billing.Category;
import io.resettle.policy.RebateProgram;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VendorRebateCheckTest {

    private static RebateRow row(RebateProgram.Direction direction, String program, Category category, String accrual) {
        return new RebateRow(program, direction, "AGENT", category, YearMonth.of(2026, 10), BigDecimal.ZERO,
                BigDecimal.ZERO, Optional.empty(), BigDecimal.ZERO, new BigDecimal(accrual));
    }

    @Test
    void aCentOrMoreBetweenOurReceivableAccrualAndTheVendorsStatementIsABreak_R12_3() {
        Map<List<String>, BigDecimal> vendor = Map.of(
                List.of("vendor", "COMPUTE"), new BigDecimal("1000.004"),
                List.of("vendor", "SECURITY"), new BigDecimal("500.00"),
                List.of("vendor", "STORAGE"), new BigDecimal("20.00"));
        List<RebateRow> ours = List.of(
                row(RebateProgram.Direction.RECEIVABLE, "vendor", Category.COMPUTE, "600.00"),
                row(RebateProgram.Direction.RECEIVABLE, "vendor", Category.COMPUTE, "400.00"),
                row(RebateProgram.Direction.RECEIVABLE, "vendor", Category.STORAGE, "20.01"),
                row(RebateProgram.Direction.RECEIVABLE, "vendor", Category.NETWORK, "3.00"),
                row(RebateProgram.Direction.PAYABLE, "channel", Category.COMPUTE, "99.00"));

        assertThat(VendorRebateCheck.breaks(vendor, ours)).containsExactly(
                new VendorRebateCheck.Break("vendor/NETWORK", new BigDecimal("0.00"), new BigDecimal("3.00"),
                        new BigDecimal("3.00")),
                new VendorRebateCheck.Break("vendor/SECURITY", new BigDecimal("500.00"), BigDecimal.ZERO,
                        new BigDecimal("-500.00")),
                new VendorRebateCheck.Break("vendor/STORAGE", new BigDecimal("20.00"), new BigDecimal("20.01"),
                        new BigDecimal("0.01")));
    }

    @Test
    void withoutAVendorStatementNothingIsChecked() {
        assertThat(VendorRebateCheck.breaks(Map.of(),
                List.of(row(RebateProgram.Direction.RECEIVABLE, "vendor", Category.COMPUTE, "1.00")))).isEmpty();
    }
}
