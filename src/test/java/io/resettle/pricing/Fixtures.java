package io.resettle.pricing;

import io.resettle.billing.BillingLine;
import io.resettle.billing.BillingMethod;
import io.resettle.billing.Category;
import io.resettle.billing.ChargeType;
import io.resettle.masterdata.Agreement;
import io.resettle.masterdata.ClawbackMode;
import io.resettle.policy.Tier;
import io.resettle.policy.TierTable;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/** Test data in the shapes of the rule book: the `standard` table of io-contract §1, billing lines. */
final class Fixtures {

    static final YearMonth OCTOBER = YearMonth.of(2026, 10);

    /** io-contract §1, {@code discount_tables.standard}. */
    static final TierTable STANDARD = new TierTable(List.of(
            new Tier(new BigDecimal("0"), Map.of(), new BigDecimal("0.00")),
            new Tier(new BigDecimal("50000"), Map.of(Category.SECURITY, new BigDecimal("0.08")), new BigDecimal("0.05")),
            new Tier(new BigDecimal("200000"), Map.of(Category.SECURITY, new BigDecimal("0.13")), new BigDecimal("0.10")),
            new Tier(new BigDecimal("1000000"), Map.of(Category.SECURITY, new BigDecimal("0.18")), new BigDecimal("0.15"))));

    static final Map<String, TierTable> TABLES = Map.of("standard", STANDARD);

    private Fixtures() {
    }

    static Agreement agreement(String id, String groupId, YearMonth start, YearMonth end) {
        return new Agreement(id, groupId, "standard", start, end, BigDecimal.ZERO, ClawbackMode.NONE,
                BigDecimal.ZERO, null);
    }

    static BillingLine line(String lineId, YearMonth period, String subAccount, String product, Category category,
            ChargeType type, String payable) {
        return line(lineId, null, period, subAccount, product, category, type, payable);
    }

    static BillingLine line(String lineId, String relatedLineId, YearMonth period, String subAccount, String product,
            Category category, ChargeType type, String payable) {
        BigDecimal amount = new BigDecimal(payable);
        return new BillingLine(lineId, relatedLineId, period, subAccount, null, product, category,
                BillingMethod.PREPAID, type, amount, amount, amount, "CNY", null, null, null, true);
    }
}
