package io.resettle.policy;

import io.resettle.billing.Category;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/** The referral (云大使) program of R9. Product code sets are lower case. */
public record ReferralPolicy(
        int windowDays,
        BigDecimal rate,
        int holdDays,
        Set<Category> eligibleCategories,
        Set<String> promotionalProducts,
        Set<String> notFirstPurchaseProducts,
        BigDecimal holdRatio,
        BigDecimal bonusMinOrder,
        List<BonusTier> bonusTiers) {

    public ReferralPolicy {
        eligibleCategories = Set.copyOf(eligibleCategories);
        promotionalProducts = Set.copyOf(promotionalProducts);
        notFirstPurchaseProducts = Set.copyOf(notFirstPurchaseProducts);
        bonusTiers = List.copyOf(bonusTiers);
    }

    /** R9.6: from {@code from} qualifying orders in a quarter, {@code perOrder} for each. */
    public record BonusTier(int from, BigDecimal perOrder) {
    }
}
