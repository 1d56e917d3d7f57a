package io.resettle.pricing;

import static io.resettle.pricing.Fixtures.OCTOBER;
import static io.resettle.pricing.Fixtures.TABLES;
import static io.resettle.pricing.Fixtures.agreement;
import static io.resettle.pricing.Fixtures.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resettle.billing.BillingLine;
import io.resettle.billing.Category;
import io.resettle.billing.ChargeType;
import io.resettle.invoice.GroupStatement;
import io.resettle.invoice.Invoice;
import io.resettle.masterdata.Agreement;
import io.resettle.masterdata.ClawbackMode;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class DiscountPricerTest {

    private static final Function<String, Optional<BigDecimal>> NO_EARLIER_LINES = lineId -> Optional.empty();
    private static final Agreement G1_AGREEMENT = agreement("K0", "G1", YearMonth.of(2026, 1), YearMonth.of(2026, 12));

    private static List<BillingLine> e1Lines(String c2Payable) {
        return List.of(
                line("a1", OCTOBER, "A", "ecs", Category.COMPUTE, ChargeType.NEW, "120000.00"),
                line("b1", OCTOBER, "B", "waf", Category.SECURITY, ChargeType.RENEWAL, "60000.00"),
                line("c1", OCTOBER, "C", "oss", Category.STORAGE, ChargeType.USAGE, "25000.00"),
                line("c2", OCTOBER, "C", "oss", Category.STORAGE, ChargeType.REFUND, c2Payable));
    }

    /** Each line through {@link DiscountPricer#price}, as priceLines' processor does (R4.4 across lines: PriceLinesStepTest). */
    private static List<InvoiceLine> priceEach(DiscountPricer pricer, List<BillingLine> lines,
            Function<String, Optional<BigDecimal>> rateOfEarlierLine) {
        return lines.stream().map(line -> pricer.price(line, rateOfEarlierLine)).toList();
    }

    private static InvoiceLine find(List<InvoiceLine> lines, String lineId) {
        return lines.stream().filter(line -> line.lineId().equals(lineId)).findFirst().orElseThrow();
    }

    /**
     * E1 (R4.2, R4.3) from V = 200,000.00: the volume itself is ComputeGroupVolumesStepTest's, the
     * invoice totals BuildInvoicesStepTest's.
     */
    @Test
    void e1_sharedGroupDiscount() {
        List<BillingLine> lines = e1Lines("-5000.00");
        BigDecimal volume = new BigDecimal("200000.00");

        DiscountPricer pricer = DiscountPricer.forGroup("G1", OCTOBER, volume, Optional.of(G1_AGREEMENT), TABLES);
        assertThat(pricer.tierFrom()).contains(new BigDecimal("200000"));
        List<InvoiceLine> priced = priceEach(pricer, lines, NO_EARLIER_LINES);

        assertThat(find(priced, "a1").discountRate()).isEqualByComparingTo("0.10");
        assertThat(find(priced, "a1").discount()).isEqualTo(new BigDecimal("12000.00"));
        assertThat(find(priced, "a1").net()).isEqualTo(new BigDecimal("108000.00"));
        assertThat(find(priced, "b1").discountRate()).isEqualByComparingTo("0.13");
        assertThat(find(priced, "b1").discount()).isEqualTo(new BigDecimal("7800.00"));
        assertThat(find(priced, "b1").net()).isEqualTo(new BigDecimal("52200.00"));
        assertThat(find(priced, "c1").discount()).isEqualTo(new BigDecimal("2500.00"));
        assertThat(find(priced, "c1").net()).isEqualTo(new BigDecimal("22500.00"));
        assertThat(find(priced, "c2").discount()).isEqualTo(new BigDecimal("-500.00"));
        assertThat(find(priced, "c2").net()).isEqualTo(new BigDecimal("-4500.00"));
        assertThat(find(priced, "c2").invoiceId()).isEqualTo("INV-2026-10-C");
        assertThat(priced).extracting(InvoiceLine::kind).containsOnly(InvoiceLineKind.CHARGE);

        GroupStatement statement = GroupStatement.of("G1", OCTOBER, volume, pricer.tierFrom(),
                new BigDecimal("150000.00"), List.of(creditInvoice("A", "108000.00"), creditInvoice("B", "52200.00"),
                        creditInvoice("C", "18000.00")));
        assertThat(statement.creditTotal()).isEqualTo(new BigDecimal("178200.00"));
        assertThat(statement.status()).isEqualTo(GroupStatement.Status.OVER_LIMIT);
        assertThat(statement.volume()).isEqualTo(new BigDecimal("200000.00"));
        assertThat(statement.tierFrom()).contains(new BigDecimal("200000.00"));
    }

    /** An invoice as buildInvoices recorded it (its lines are not read back). */
    private static Invoice creditInvoice(String subAccount, String net) {
        return new Invoice("INV-2026-10-" + subAccount, subAccount, OCTOBER, 1, new BigDecimal(net),
                new BigDecimal("0.00"), new BigDecimal(net), "CNY");
    }

    @Test
    void e1_refundOfOneCentMoreDropsTheGroupToTier50000() {
        List<BillingLine> lines = e1Lines("-5000.01");
        BigDecimal volume = new BigDecimal("199999.99");

        DiscountPricer pricer = DiscountPricer.forGroup("G1", OCTOBER, volume, Optional.of(G1_AGREEMENT), TABLES);
        assertThat(pricer.tierFrom()).contains(new BigDecimal("50000"));
        List<InvoiceLine> priced = priceEach(pricer, lines, NO_EARLIER_LINES);
        assertThat(find(priced, "a1").discountRate()).isEqualByComparingTo("0.05");
        assertThat(find(priced, "a1").discount()).isEqualTo(new BigDecimal("6000.00"));
        assertThat(find(priced, "b1").discountRate()).isEqualByComparingTo("0.08");
        assertThat(find(priced, "b1").discount()).isEqualTo(new BigDecimal("4800.00"));
        assertThat(find(priced, "c2").payable()).isEqualTo(new BigDecimal("-5000.01"));
        assertThat(find(priced, "c2").discount()).isEqualTo(new BigDecimal("-250.00"));
        assertThat(find(priced, "c2").net()).isEqualTo(new BigDecimal("-4750.01"));

        GroupStatement statement = GroupStatement.of("G1", OCTOBER, volume, pricer.tierFrom(),
                new BigDecimal("150000.00"), List.of());
        assertThat(statement.volume()).isEqualTo(new BigDecimal("199999.99"));
        assertThat(statement.tierFrom()).contains(new BigDecimal("50000.00"));
    }

    @Test
    void e2_rounding() {
        DiscountPricer tenPercent = DiscountPricer.forGroup("G1", OCTOBER, new BigDecimal("200000"),
                Optional.of(G1_AGREEMENT), TABLES);
        InvoiceLine first = tenPercent.price(
                line("x1", OCTOBER, "A", "ecs", Category.COMPUTE, ChargeType.USAGE, "0.125"), NO_EARLIER_LINES);
        assertThat(first.discountRate()).isEqualByComparingTo("0.10");
        assertThat(first.payable()).isEqualTo(new BigDecimal("0.13"));
        assertThat(first.discount()).isEqualTo(new BigDecimal("0.01"));
        assertThat(first.net()).isEqualTo(new BigDecimal("0.12"));

        DiscountPricer fivePercent = DiscountPricer.forGroup("G1", OCTOBER, new BigDecimal("50000"),
                Optional.of(G1_AGREEMENT), TABLES);
        InvoiceLine second = fivePercent.price(
                line("x2", OCTOBER, "A", "ecs", Category.COMPUTE, ChargeType.USAGE, "10.005"), NO_EARLIER_LINES);
        assertThat(second.discountRate()).isEqualByComparingTo("0.05");
        assertThat(second.payable()).isEqualTo(new BigDecimal("10.01"));
        assertThat(second.discount()).isEqualTo(new BigDecimal("0.50"));
        assertThat(second.net()).isEqualTo(new BigDecimal("9.51"));
    }

    @Test
    void r4_4_refundKeepsItsOriginalLinesRateAfterTheTierChanged() {
        // September: a1 was invoiced at 0.10 (tier 200,000). October the group only reaches tier 50,000.
        Map<String, BigDecimal> invoicedEarlier = Map.of("a1", new BigDecimal("0.10"));
        Function<String, Optional<BigDecimal>> earlier = id -> Optional.ofNullable(invoicedEarlier.get(id));
        List<BillingLine> october = List.of(
                line("a2", OCTOBER, "A", "ecs", Category.COMPUTE, ChargeType.USAGE, "70000.00"),
                line("r1", "a1", OCTOBER, "A", "ecs", Category.COMPUTE, ChargeType.REFUND, "-10000.00"),
                line("r2", "unknown", OCTOBER, "A", "ecs", Category.COMPUTE, ChargeType.REFUND, "-1000.00"));
        DiscountPricer pricer = DiscountPricer.forGroup("G1", OCTOBER, new BigDecimal("59000.00"),
                Optional.of(G1_AGREEMENT), TABLES);
        assertThat(pricer.tierFrom()).contains(new BigDecimal("50000"));

        List<InvoiceLine> priced = priceEach(pricer, october, earlier);
        assertThat(find(priced, "a2").discountRate()).isEqualByComparingTo("0.05");
        assertThat(find(priced, "r1").discountRate()).isEqualByComparingTo("0.10");
        assertThat(find(priced, "r1").discount()).isEqualTo(new BigDecimal("-1000.00"));
        assertThat(find(priced, "r1").net()).isEqualTo(new BigDecimal("-9000.00"));
        // A refund naming no invoiced line gets the current period's rate.
        assertThat(find(priced, "r2").discountRate()).isEqualByComparingTo("0.05");
        assertThat(find(priced, "r2").discount()).isEqualTo(new BigDecimal("-50.00"));
    }

    @Test
    void r4_5_adjustmentCreditAndTaxPassThroughUndiscountedAndCountInNoVolume() {
        List<BillingLine> lines = List.of(
                line("u1", OCTOBER, "A", "ecs", Category.COMPUTE, ChargeType.USAGE, "250000.00"),
                line("j1", OCTOBER, "A", "ecs", Category.COMPUTE, ChargeType.ADJUSTMENT, "900000.00"),
                line("k1", OCTOBER, "A", "ecs", Category.COMPUTE, ChargeType.CREDIT, "-300.456"),
                line("t1", OCTOBER, "A", "ecs", Category.COMPUTE, ChargeType.TAX, "15000.00"));
        // ADJUSTMENT, CREDIT and TAX count in no volume: ComputeGroupVolumesStepTest.
        BigDecimal volume = new BigDecimal("250000.00");

        DiscountPricer pricer = DiscountPricer.forGroup("G1", OCTOBER, volume, Optional.of(G1_AGREEMENT), TABLES);
        List<InvoiceLine> priced = priceEach(pricer, lines, NO_EARLIER_LINES);
        assertThat(find(priced, "u1").discount()).isEqualTo(new BigDecimal("25000.00"));
        for (String passThrough : List.of("j1", "k1", "t1")) {
            InvoiceLine line = find(priced, passThrough);
            assertThat(line.discountRate()).isEqualByComparingTo("0");
            assertThat(line.discount()).isEqualTo(new BigDecimal("0.00"));
            assertThat(line.net()).isEqualTo(line.payable());
        }
        assertThat(find(priced, "k1").net()).isEqualTo(new BigDecimal("-300.46"));
        assertThat(find(priced, "t1").chargeType()).isEqualTo(ChargeType.TAX);
    }

    @Test
    void r4_6_groupWithoutAnAgreementPaysFullPrice() {
        List<BillingLine> lines = e1Lines("-5000.00");
        DiscountPricer pricer = DiscountPricer.forGroup("G1", OCTOBER, new BigDecimal("200000.00"), Optional.empty(),
                TABLES);
        assertThat(pricer.tier()).isEmpty();
        assertThat(pricer.tierFrom()).isEmpty();
        List<InvoiceLine> priced = priceEach(pricer, lines, NO_EARLIER_LINES);
        assertThat(priced).allSatisfy(line -> {
            assertThat(line.discountRate()).isEqualByComparingTo("0");
            assertThat(line.discount()).isEqualTo(new BigDecimal("0.00"));
            assertThat(line.net()).isEqualTo(line.payable());
        });
    }

    @Test
    void r5_1_agreementOutsideItsTermGivesNoDiscount() {
        Agreement firstHalf = agreement("K9", "G1", YearMonth.of(2026, 1), YearMonth.of(2026, 6));
        Agreement terminated = new Agreement("K8", "G1", "standard", YearMonth.of(2026, 1), YearMonth.of(2026, 12),
                BigDecimal.ZERO, ClawbackMode.NONE, BigDecimal.ZERO, YearMonth.of(2026, 9));
        BigDecimal volume = new BigDecimal("300000");
        BillingLine line = line("a1", OCTOBER, "A", "ecs", Category.COMPUTE, ChargeType.USAGE, "300000");

        for (Agreement agreement : List.of(firstHalf, terminated)) {
            assertThat(agreement.inForce(OCTOBER)).isFalse();
            assertThat(Agreement.inForceFor(List.of(agreement), "G1", OCTOBER)).isEmpty();
            DiscountPricer pricer = DiscountPricer.forGroup("G1", OCTOBER, volume, Optional.of(agreement), TABLES);
            assertThat(pricer.tierFrom()).isEmpty();
            assertThat(pricer.price(line, NO_EARLIER_LINES).discount()).isEqualTo(new BigDecimal("0.00"));
        }
        assertThat(terminated.inForce(YearMonth.of(2026, 9))).isTrue();
        assertThat(terminated.closingPeriod()).isEqualTo(YearMonth.of(2026, 9));
        assertThat(firstHalf.closingPeriod()).isEqualTo(YearMonth.of(2026, 6));
        assertThat(firstHalf.inForce(YearMonth.of(2025, 12))).isFalse();
        assertThat(DiscountPricer.forGroup("G1", YearMonth.of(2026, 6), volume, Optional.of(firstHalf), TABLES)
                .tierFrom()).contains(new BigDecimal("200000"));
    }

    @Test
    void volumeBelowTheFirstTierHasNoTier() {
        DiscountPricer pricer = DiscountPricer.forGroup("G1", OCTOBER, new BigDecimal("-10.00"),
                Optional.of(G1_AGREEMENT), TABLES);
        assertThat(pricer.tierFrom()).isEmpty();
        assertThat(pricer.rateFor(Category.SECURITY)).isEqualByComparingTo("0");
    }

    @Test
    void agreementNamingATableThePolicyLacksIsAnError() {
        Agreement gold = new Agreement("K7", "G1", "gold", YearMonth.of(2026, 1), YearMonth.of(2026, 12),
                BigDecimal.ZERO, ClawbackMode.NONE, BigDecimal.ZERO, null);
        assertThatThrownBy(() -> DiscountPricer.forGroup("G1", OCTOBER, BigDecimal.ONE, Optional.of(gold), TABLES))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gold");
    }

    @Test
    void aLineOfAnotherPeriodIsNotPriced() {
        DiscountPricer pricer = DiscountPricer.forGroup("G1", OCTOBER, BigDecimal.ONE, Optional.empty(), TABLES);
        BillingLine september = line("s", YearMonth.of(2026, 9), "A", "ecs", Category.COMPUTE, ChargeType.USAGE, "1");
        assertThatThrownBy(() -> pricer.price(september, NO_EARLIER_LINES))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
