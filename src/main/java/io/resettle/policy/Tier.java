package io.resettle.policy;

import io.resettle.billing.Category;
import java.math.BigDecimal;
import java.util.Map;

/**
 * One tier of a discount table (R4.2) or a rebate program (R7.1): from {@code from} upwards,
 * the rate for a category, else the default rate.
 */
public record Tier(BigDecimal from, Map<Category, BigDecimal> rates, BigDecimal defaultRate) {

    public Tier {
        rates = Map.copyOf(rates);
    }

    public BigDecimal rateFor(Category category) {
        return rates.getOrDefault(category, defaultRate);
    }
}
