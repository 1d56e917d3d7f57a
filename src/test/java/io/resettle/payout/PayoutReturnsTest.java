package io.resettle.payout;

import static org.assertj.core.api.Assertions.assertThat;

import io.resettle.payable.ItemType;
import io.resettle.payable.Payee;
import io.resettle.payable.PayoutItem;
import io.resettle.payout.PayoutReturns.ReturnBreak;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

/** R12.4: failed payouts are retried in the next run; a return matching no payout, or not its amount, is a break. */
class PayoutReturnsTest {

    private static final YearMonth NOV = YearMonth.parse("2026-11");
    private static final Payee AMB1 = Payee.ambassador("AMB1");

    @Test
    void r12_4_aFailedPayoutIsRetriedForItsNet() {
        PayoutReturns.Checked checked = PayoutReturns.check(List.of(new PayoutReturn("PO-2026-10-AMBASSADOR-AMB1",
                "FAILED", new BigDecimal("960.000"), AMB1, new BigDecimal("960.00"))), NOV);

        assertThat(checked.retries()).containsExactly(PayoutItem.open(AMB1, ItemType.RETRY,
                "PO-2026-10-AMBASSADOR-AMB1", NOV, new BigDecimal("960.00")));
        assertThat(checked.breaks()).isEmpty();
    }

    @Test
    void r12_4_aPaidReturnOfTheRightAmountIsNothing() {
        PayoutReturns.Checked checked = PayoutReturns.check(List.of(new PayoutReturn("PO-2026-10-GROUP-G1", "PAID",
                new BigDecimal("50.00"), Payee.group("G1"), new BigDecimal("50.00"))), NOV);

        assertThat(checked.retries()).isEmpty();
        assertThat(checked.breaks()).isEmpty();
    }

    @Test
    void r12_4_anotherAmountIsABreakAndNotRetried() {
        PayoutReturns.Checked checked = PayoutReturns.check(List.of(new PayoutReturn("PO-2026-10-AMBASSADOR-AMB1",
                "FAILED", new BigDecimal("900.004"), AMB1, new BigDecimal("960.00"))), NOV);

        assertThat(checked.retries()).isEmpty();
        assertThat(checked.breaks()).containsExactly(new ReturnBreak("PO-2026-10-AMBASSADOR-AMB1",
                new BigDecimal("960.00"), new BigDecimal("900.00"), new BigDecimal("-60.00")));
    }

    @Test
    void r12_4_aReturnOfAnUnknownPayoutIsABreakWithoutExpectedAmount() {
        PayoutReturns.Checked checked = PayoutReturns.check(List.of(new PayoutReturn("PO-2026-07-AMBASSADOR-AMB9",
                "PAID", new BigDecimal("10.00"), null, null)), NOV);

        assertThat(checked.breaks()).containsExactly(new ReturnBreak("PO-2026-07-AMBASSADOR-AMB9", null,
                new BigDecimal("10.00"), null));
    }

    /** Issue 18: a pain.002 status without OrgnlTxRef/Amt stands for the payout's whole net. */
    @Test
    void r12_4_aReturnWithoutAmountReturnsThePayoutsNet() {
        PayoutReturns.Checked checked = PayoutReturns.check(List.of(new PayoutReturn("PO-2026-10-AMBASSADOR-AMB1",
                "FAILED", null, AMB1, new BigDecimal("960.00"))), NOV);

        assertThat(checked.retries()).containsExactly(PayoutItem.open(AMB1, ItemType.RETRY,
                "PO-2026-10-AMBASSADOR-AMB1", NOV, new BigDecimal("960.00")));
        assertThat(checked.breaks()).isEmpty();
    }
}
