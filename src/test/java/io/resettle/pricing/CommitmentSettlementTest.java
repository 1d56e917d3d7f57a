package io.resettle.pricing;

import static io.resettle.pricing.Fixtures.TABLES;
import static io.resettle.pricing.Fixtures.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resettle.billing.BillingLine;
import io.resettle.billing.Category;
import io.resettle.billing.ChargeType;
import io.resettle.masterdata.Agreement;
import io.resettle.masterdata.ClawbackMode;
import io.resettle.money.Money;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CommitmentSettlementTest {

    private static final YearMonth JUNE = YearMonth.of(2026, 6);

    private static Agreement k1(ClawbackMode mode) {
        return new Agreement("K1", "G2", "standard", YearMonth.of(2026, 1), YearMonth.of(2026, 12),
                new BigDecimal("1200000.00"), mode, new BigDecimal("0.05"), JUNE);
    }

    private static Map<YearMonth, BigDecimal> e3Volumes() {
        Map<YearMonth, BigDecimal> volumes = new LinkedHashMap<>();
        for (int month = 1; month <= 6; month++) {
            volumes.put(YearMonth.of(2026, month), new BigDecimal("150000.00"));
        }
        return volumes;
    }

    private static Map<String, BigDecimal> e3Discounts() {
        return Map.of("A", new BigDecimal("30000.00"), "B", new BigDecimal("15000.00"));
    }

    @Test
    void e3_commitmentShortfallEarlyTermination_prorated() {
        Agreement agreement = k1(ClawbackMode.PRORATED);
        assertThat(agreement.closingPeriod()).isEqualTo(JUNE);

        CommitmentSettlement settlement = CommitmentSettlement.settle(agreement, JUNE, e3Volumes(), e3Discounts(),
                "A", "CNY");

        assertThat(settlement.achieved()).isEqualByComparingTo("900000.00");
        assertThat(settlement.shortfall()).isEqualByComparingTo("300000.00");
        assertThat(settlement.granted()).isEqualByComparingTo("45000.00");
        assertThat(settlement.clawback()).isEqualTo(new BigDecimal("11250.00"));
        assertThat(settlement.clawbackBySubAccount()).containsExactly(
                Map.entry("A", new BigDecimal("7500.00")),
                Map.entry("B", new BigDecimal("3750.00")));
        assertThat(settlement.penalty()).isEqualTo(new BigDecimal("15000.00"));

        assertThat(settlement.lines()).containsExactly(
                InvoiceLine.derived("INV-2026-06-A", "A", "CLAWBACK-K1", InvoiceLineKind.CLAWBACK,
                        new BigDecimal("7500.00"), "CNY"),
                InvoiceLine.derived("INV-2026-06-A", "A", "PENALTY-K1", InvoiceLineKind.PENALTY,
                        new BigDecimal("15000.00"), "CNY"),
                InvoiceLine.derived("INV-2026-06-B", "B", "CLAWBACK-K1", InvoiceLineKind.CLAWBACK,
                        new BigDecimal("3750.00"), "CNY"));
        InvoiceLine penalty = settlement.lines().get(1);
        assertThat(penalty.payable()).isEqualTo(penalty.net());
        assertThat(penalty.discount()).isEqualTo(new BigDecimal("0.00"));
        assertThat(penalty.discountRate()).isEqualByComparingTo("0");
        assertThat(penalty.productCode()).isNull();
        assertThat(penalty.category()).isNull();
        assertThat(penalty.chargeType()).isNull();
    }

    @Test
    void e3_commitmentShortfallEarlyTermination_full() {
        CommitmentSettlement settlement = CommitmentSettlement.settle(k1(ClawbackMode.FULL), JUNE, e3Volumes(),
                e3Discounts(), "A", "CNY");
        assertThat(settlement.clawback()).isEqualTo(new BigDecimal("45000.00"));
        assertThat(settlement.clawbackBySubAccount()).containsExactly(
                Map.entry("A", new BigDecimal("30000.00")),
                Map.entry("B", new BigDecimal("15000.00")));
        assertThat(settlement.penalty()).isEqualTo(new BigDecimal("15000.00"));
    }

    /** E3 from the billing lines up: six months priced at tier 50,000, then the June invoices. */
    @Test
    void e3_fromSixMonthsOfPricedLinesToTheJuneInvoices() {
        Agreement agreement = k1(ClawbackMode.PRORATED);
        Map<YearMonth, BigDecimal> volumes = new LinkedHashMap<>();
        List<InvoiceLine> termLines = new ArrayList<>();
        List<InvoiceLine> juneCharges = List.of();
        for (int month = 1; month <= 6; month++) {
            YearMonth period = YearMonth.of(2026, month);
            List<BillingLine> lines = List.of(
                    line("a" + month, period, "A", "ecs", Category.COMPUTE, ChargeType.USAGE, "100000.00"),
                    line("b" + month, period, "B", "rds", Category.DATABASE, ChargeType.USAGE, "50000.00"));
            BigDecimal volume = new BigDecimal("150000.00");
            volumes.put(period, volume);
            DiscountPricer pricer = DiscountPricer.forGroup("G2", period, volume,
                    Agreement.inForceFor(List.of(agreement), "G2", period), TABLES);
            assertThat(pricer.tierFrom()).contains(new BigDecimal("50000"));
            List<InvoiceLine> priced = lines.stream().map(line -> pricer.price(line, id -> Optional.empty())).toList();
            termLines.addAll(priced);
            juneCharges = priced;
        }
        Map<String, BigDecimal> discounts = CommitmentSettlement.discountsBySubAccount(termLines);
        assertThat(discounts).containsExactly(
                Map.entry("A", new BigDecimal("30000.00")), Map.entry("B", new BigDecimal("15000.00")));

        CommitmentSettlement settlement = CommitmentSettlement.settle(agreement, JUNE, volumes, discounts, "A", "CNY");
        List<InvoiceLine> june = new ArrayList<>(juneCharges);
        june.addAll(settlement.lines());
        june.sort(InvoiceLine.IO_ORDER);
        // The June invoices' totals (A 117,500.00, B 51,250.00) are BuildInvoicesStepTest's.
        assertThat(june).filteredOn(line -> line.subAccountId().equals("A")).extracting(InvoiceLine::lineId)
                .containsExactly("a6", "CLAWBACK-K1", "PENALTY-K1");
        assertThat(june).filteredOn(line -> line.subAccountId().equals("B")).extracting(InvoiceLine::lineId)
                .containsExactly("b6", "CLAWBACK-K1");
        assertThat(june).extracting(InvoiceLine::net).containsExactly(new BigDecimal("95000.00"),
                new BigDecimal("7500.00"), new BigDecimal("15000.00"), new BigDecimal("47500.00"),
                new BigDecimal("3750.00"));
        // The agreement ended with June: July is at full price.
        assertThat(Agreement.inForceFor(List.of(agreement), "G2", YearMonth.of(2026, 7))).isEmpty();
    }

    @Test
    void noneModeChargesOnlyThePenalty() {
        CommitmentSettlement settlement = CommitmentSettlement.settle(k1(ClawbackMode.NONE), JUNE, e3Volumes(),
                e3Discounts(), "A", "CNY");
        assertThat(settlement.clawback()).isEqualTo(new BigDecimal("0.00"));
        assertThat(settlement.clawbackBySubAccount()).isEmpty();
        assertThat(settlement.lines()).extracting(InvoiceLine::lineId).containsExactly("PENALTY-K1");
        assertThat(settlement.lines().get(0).net()).isEqualTo(new BigDecimal("15000.00"));
    }

    @Test
    void metCommitmentChargesNothing() {
        Map<YearMonth, BigDecimal> volumes = e3Volumes();
        volumes.put(JUNE, new BigDecimal("450000.00"));
        CommitmentSettlement settlement = CommitmentSettlement.settle(k1(ClawbackMode.FULL), JUNE, volumes,
                e3Discounts(), "A", "CNY");
        assertThat(settlement.achieved()).isEqualByComparingTo("1200000.00");
        assertThat(settlement.shortfall()).isEqualByComparingTo("0");
        assertThat(settlement.clawback()).isEqualTo(new BigDecimal("0.00"));
        assertThat(settlement.penalty()).isEqualTo(new BigDecimal("0.00"));
        assertThat(settlement.lines()).isEmpty();
    }

    @Test
    void volumesOutsideTheTermDoNotCount() {
        Map<YearMonth, BigDecimal> volumes = e3Volumes();
        volumes.put(YearMonth.of(2025, 12), new BigDecimal("5000000.00"));
        volumes.put(YearMonth.of(2026, 7), new BigDecimal("5000000.00"));
        CommitmentSettlement settlement = CommitmentSettlement.settle(k1(ClawbackMode.PRORATED), JUNE, volumes,
                e3Discounts(), "A", "CNY");
        assertThat(settlement.achieved()).isEqualByComparingTo("900000.00");
    }

    @Test
    void proratedClawbackNeverExceedsWhatWasGranted_R5_2() {
        Map<YearMonth, BigDecimal> volumes = Map.of(YearMonth.of(2026, 1), new BigDecimal("-300000.00"));
        CommitmentSettlement settlement = CommitmentSettlement.settle(k1(ClawbackMode.PRORATED), JUNE, volumes,
                e3Discounts(), "A", "CNY");
        assertThat(settlement.shortfall()).isEqualByComparingTo("1500000.00");
        assertThat(settlement.clawback()).isEqualTo(new BigDecimal("45000.00"));
        assertThat(settlement.penalty()).isEqualTo(new BigDecimal("75000.00"));
    }

    @Test
    void settlingOutsideTheClosingPeriodIsAnError() {
        assertThatThrownBy(() -> CommitmentSettlement.settle(k1(ClawbackMode.FULL), YearMonth.of(2026, 12),
                e3Volumes(), e3Discounts(), "A", "CNY")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2026-06");
    }

    @Test
    void clawbackPartsAddUpToTheClawback_property() {
        Random random = new Random(20261031L);
        ClawbackMode[] modes = ClawbackMode.values();
        for (int run = 0; run < 2000; run++) {
            BigDecimal commitment = BigDecimal.valueOf(1 + random.nextInt(5_000_000)).movePointLeft(random.nextInt(3));
            Agreement agreement = new Agreement("K", "G", "standard", YearMonth.of(2026, 1), YearMonth.of(2026, 12),
                    commitment, modes[random.nextInt(modes.length)],
                    BigDecimal.valueOf(random.nextInt(200)).movePointLeft(3), null);
            Map<YearMonth, BigDecimal> volumes = new HashMap<>();
            for (int month = 1; month <= 12; month++) {
                volumes.put(YearMonth.of(2026, month),
                        BigDecimal.valueOf(random.nextLong() % 50_000_000_000L).movePointLeft(11));
            }
            Map<String, BigDecimal> discounts = new HashMap<>();
            int subAccounts = 1 + random.nextInt(7);
            for (int i = 0; i < subAccounts; i++) {
                discounts.put("S" + random.nextInt(20), BigDecimal.valueOf(random.nextInt(10_000_000)).movePointLeft(2));
            }
            CommitmentSettlement settlement = CommitmentSettlement.settle(agreement, YearMonth.of(2026, 12), volumes,
                    discounts, "P", "CNY");

            assertThat(Money.sum(settlement.clawbackBySubAccount().values()))
                    .isEqualByComparingTo(settlement.clawback());
            BigDecimal clawbackLines = Money.sum(settlement.lines().stream()
                    .filter(line -> line.kind() == InvoiceLineKind.CLAWBACK).map(InvoiceLine::net).toList());
            assertThat(clawbackLines).isEqualByComparingTo(settlement.clawback());
            assertThat(settlement.clawback()).isBetween(BigDecimal.ZERO, Money.round2(settlement.granted()).max(BigDecimal.ZERO));
            assertThat(settlement.shortfall().signum()).isGreaterThanOrEqualTo(0);
            if (settlement.shortfall().signum() > 0) {
                assertThat(settlement.penalty())
                        .isEqualTo(Money.round2(settlement.shortfall().multiply(agreement.penaltyRate())));
            }
            // Every part is within a cent of its exact proportional share.
            settlement.clawbackBySubAccount().forEach((id, part) -> {
                BigDecimal exact = settlement.clawback().multiply(discounts.get(id))
                        .divide(settlement.granted(), Money.RATIO);
                assertThat(part.subtract(exact).abs()).isLessThan(new BigDecimal("0.01"));
            });
        }
    }
}
