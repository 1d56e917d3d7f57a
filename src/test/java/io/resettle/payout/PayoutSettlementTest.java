package io.resettle.payout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.resettle.masterdata.PayeeKind;
import io.resettle.payable.ItemStatus;
import io.resettle.payable.ItemType;
import io.resettle.payable.Payee;
import io.resettle.payable.PayoutItem;
import io.resettle.payout.PayoutInputs.TakenItem;
import io.resettle.policy.Policy.TaxBorneBy;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** R10.1 netting of everything the run of P collects, with the returns of R12.4 and the holds of R9.7. */
class PayoutSettlementTest {

    private static final YearMonth SEP = YearMonth.parse("2026-09");
    private static final YearMonth OCT = YearMonth.parse("2026-10");
    private static final YearMonth NOV = YearMonth.parse("2026-11");
    private static final YearMonth DEC = YearMonth.parse("2026-12");
    private static final Payee AMB1 = Payee.ambassador("AMB1");
    private static final Payee G1 = Payee.group("G1");

    private static final PayoutItem SEP_COMMISSION = commission("COMMISSION-s1", SEP, "300.00");
    private static final PayoutItem OCT_COMMISSION = commission("COMMISSION-s2", OCT, "400.00");
    private static final PayoutItem NOV_COMMISSION = commission("COMMISSION-s3", NOV, "1200.00");
    private static final PayoutItem DEC_COMMISSION = commission("COMMISSION-s4", DEC, "500.00");
    private static final List<PayoutItem> BOOKED = List.of(SEP_COMMISSION, OCT_COMMISSION, NOV_COMMISSION,
            DEC_COMMISSION);

    @Test
    void r10_1_withoutAnEarlierSettledPeriodOnlyTheItemsDueInPAreTaken() {
        PayoutInputs.Referral referral = new PayoutInputs.Referral(BOOKED, new BigDecimal("0.5"), Optional.empty(),
                Set.of());

        assertThat(PayoutSettlement.referralItemsDue(referral, NOV)).containsExactly(NOV_COMMISSION);
    }

    @Test
    void r10_1_itemsDueSinceTheFirstSettledPeriodAndNotTakenElsewhereAreTaken() {
        // October was settled and took its commission; September predates the first settled period.
        PayoutInputs.Referral referral = new PayoutInputs.Referral(BOOKED, new BigDecimal("0.5"), Optional.of(OCT),
                Set.of(new TakenItem(AMB1, ItemType.COMMISSION, "COMMISSION-s2")));

        assertThat(PayoutSettlement.referralItemsDue(referral, NOV)).containsExactly(NOV_COMMISSION);
        // A first settled period after P (a re-run of an earlier month) counts from P.
        PayoutInputs.Referral later = new PayoutInputs.Referral(BOOKED, new BigDecimal("0.5"), Optional.of(DEC),
                Set.of());
        assertThat(PayoutSettlement.referralItemsDue(later, OCT)).containsExactly(OCT_COMMISSION);
    }

    @Test
    void r10_1_perPayeeTheRunNetsHandedOnItemsRebateItemsReferralItemsAndRetries() {
        PayoutItem carry = PayoutItem.open(AMB1, ItemType.CARRY_FORWARD, "PO-2026-10-AMBASSADOR-AMB1", NOV,
                new BigDecimal("-200.00"));
        PayoutItem stage = PayoutItem.open(G1, ItemType.REBATE_STAGE, "REBATE-share-2026-10-S1", NOV,
                new BigDecimal("30.00"));
        PayoutInputs inputs = new PayoutInputs(NOV, 1, TaxBorneBy.PAYEE, List.of(carry), List.of(stage),
                Optional.of(new PayoutInputs.Referral(BOOKED, new BigDecimal("0.5"), Optional.of(NOV), Set.of())),
                List.of(new PayoutReturn("PO-2026-10-GROUP-G1", "FAILED", new BigDecimal("20.00"), G1,
                        new BigDecimal("20.00")),
                        new PayoutReturn("PO-2026-10-GROUP-G9", "PAID", new BigDecimal("5.00"), null, null)),
                Map.of(AMB1, PayeeKind.INDIVIDUAL), EarlierRevisions.NONE);

        PayoutSettlement.Settled settled = PayoutSettlement.settle(inputs);

        // AMB1: 1,200.00 − 200.00 = 1,000.00; R10.3: 1,000 − 800 = 200 taxable, 20% = 40.00. G1: 30.00 + 20.00.
        assertThat(settled.run().payouts()).containsExactly(
                new Payout("PO-2026-11-AMBASSADOR-AMB1", AMB1, new PayoutAmounts(new BigDecimal("1000.00"),
                        new BigDecimal("40.00"), new BigDecimal("960.00")), 2, PayoutStatus.PAY),
                new Payout("PO-2026-11-GROUP-G1", G1, PayoutAmounts.untaxed(new BigDecimal("50.00")), 2,
                        PayoutStatus.PAY));
        assertThat(settled.run().items()).extracting(PayoutItem::itemType, PayoutItem::amount, PayoutItem::status)
                .containsExactly(
                        tuple(ItemType.COMMISSION, new BigDecimal("1200.00"), ItemStatus.PAID),
                        tuple(ItemType.CARRY_FORWARD, new BigDecimal("-200.00"), ItemStatus.PAID),
                        tuple(ItemType.REBATE_STAGE, new BigDecimal("30.00"), ItemStatus.PAID),
                        tuple(ItemType.RETRY, new BigDecimal("20.00"), ItemStatus.PAID));
        assertThat(settled.run().openAfterRun()).isEmpty();
        assertThat(settled.returnBreaks()).containsExactly(new PayoutReturns.ReturnBreak("PO-2026-10-GROUP-G9", null,
                new BigDecimal("5.00"), null));
    }

    private static PayoutItem commission(String reference, YearMonth due, String amount) {
        return PayoutItem.open(AMB1, ItemType.COMMISSION, reference, due, new BigDecimal(amount));
    }
}
