package io.resettle.rebate;

import io.resettle.billing.Category;
import io.resettle.policy.Tier;
import io.resettle.policy.TierTable;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The all-units (RETROACTIVE) rebate of R7.4: per category, the year-to-date eligible amount × the
 * rate of the tier that W reaches. Crossing a tier raises the rate on the whole year's volume;
 * refunds that drop W below a tier lower it again.
 */
public final class RetroactiveRebate {

    private RetroactiveRebate() {
    }

    /** Year-to-date rebate R per category, unrounded, for every category the state has seen. */
    public static Map<Category, BigDecimal> of(TierTable tiers, WalkState state) {
        Optional<Tier> reached = tierReached(tiers, state);
        Map<Category, BigDecimal> rebate = new EnumMap<>(Category.class);
        for (Category category : state.categories()) {
            BigDecimal rate = reached.map(tier -> tier.rateFor(category)).orElse(BigDecimal.ZERO);
            rebate.put(category, state.volumeOf(category).multiply(rate));
        }
        return Collections.unmodifiableMap(rebate);
    }

    /** The tier W reaches: the highest with from ≤ W, empty below the first tier (R7.1). */
    public static Optional<Tier> tierReached(TierTable tiers, WalkState state) {
        return tiers.tierAt(state.totalWeightedVolume());
    }
}
