package io.resettle.pricing;

import static io.resettle.pricing.Fixtures.TABLES;
import static org.assertj.core.api.Assertions.assertThat;

import io.resettle.billing.BillingLine;
import io.resettle.billing.BillingMethod;
import io.resettle.billing.Category;
import io.resettle.billing.ChargeType;
import io.resettle.masterdata.Agreement;
import io.resettle.money.Money;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * R4.3 over random line sets: every line nets out. That every invoice is the sum of its lines
 * (R12.2) is BuildInvoicesStepTest's, where the sums are made.
 */
class PricingPropertyTest {

    private static final YearMonth PERIOD = YearMonth.of(2026, 10);

    @Test
    void everyLineNetsOut_R4_3() {
        Random random = new Random(42L);
        ChargeType[] types = ChargeType.values();
        Category[] categories = Category.values();
        Agreement agreement = Fixtures.agreement("K", "G", YearMonth.of(2026, 1), YearMonth.of(2026, 12));
        for (int run = 0; run < 500; run++) {
            List<BillingLine> lines = new ArrayList<>();
            int count = 1 + random.nextInt(40);
            for (int i = 0; i < count; i++) {
                ChargeType type = types[random.nextInt(types.length)];
                // Up to 11 decimals, as in real exports (R1.1); refunds negative (R2.2).
                BigDecimal amount = BigDecimal.valueOf(Math.floorMod(random.nextLong(), 40_000_000_000_000_000L))
                        .movePointLeft(random.nextInt(12));
                if (type == ChargeType.REFUND || (type == ChargeType.ADJUSTMENT && random.nextBoolean())) {
                    amount = amount.negate();
                }
                String related = type == ChargeType.REFUND && i > 0 && random.nextBoolean() ? "L" + random.nextInt(i)
                        : null;
                lines.add(new BillingLine("L" + i, related, PERIOD, "S" + random.nextInt(5), null, "p",
                        categories[random.nextInt(categories.length)], BillingMethod.POSTPAID, type, amount, amount,
                        amount, "CNY", LocalDateTime.of(2026, 10, 1 + random.nextInt(31), random.nextInt(24), 0),
                        null, null, true));
            }
            Map<String, BigDecimal> earlierRates = new HashMap<>();
            earlierRates.put("old", new BigDecimal("0.18"));
            // Any volume: the tier it reaches is what the lines are checked against.
            BigDecimal volume = BigDecimal.valueOf(random.nextInt(1_500_000_00), 2);
            DiscountPricer pricer = DiscountPricer.forGroup("G", PERIOD, volume,
                    random.nextInt(4) == 0 ? Optional.empty() : Optional.of(agreement), TABLES);
            List<InvoiceLine> priced = lines.stream()
                    .map(line -> pricer.price(line, id -> Optional.ofNullable(earlierRates.get(id)))).toList();

            assertThat(priced).hasSameSizeAs(lines);
            Map<String, BillingLine> byId = lines.stream().collect(Collectors.toMap(BillingLine::lineId, l -> l));
            for (InvoiceLine line : priced) {
                BillingLine source = byId.get(line.lineId());
                assertThat(line.net()).isEqualTo(line.payable().subtract(line.discount()));
                assertThat(line.payable()).isEqualTo(Money.round2(source.payableAmount()));
                assertThat(line.discount())
                        .isEqualTo(Money.round2(source.payableAmount().multiply(line.discountRate())));
                if (!source.chargeType().countsInVolume()) {
                    assertThat(line.discountRate().signum()).isZero();
                } else if (source.chargeType() != ChargeType.REFUND || source.relatedLineId() == null) {
                    assertThat(line.discountRate()).isEqualByComparingTo(pricer.rateFor(source.category()));
                }
            }
        }
    }
}
