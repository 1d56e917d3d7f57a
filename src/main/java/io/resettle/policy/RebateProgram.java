package io.resettle.policy;

import io.resettle.billing.BillingMethod;
import io.resettle.billing.Category;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A rebate program (R7.1).
 *
 * @param weights per-category weights; a category not listed weighs 1
 * @param stages  R8.3 payout stages of a PAYABLE program (shares add up to 1); one stage of
 *                share 1 due the month after, condition NONE, when the policy lists none
 */
public record RebateProgram(
        String id,
        Scope scope,
        Direction direction,
        Mode mode,
        int fiscalYearStartMonth,
        Eligibility eligibility,
        Map<Category, BigDecimal> weights,
        TierTable tiers,
        List<Stage> stages) {

    public RebateProgram {
        weights = Map.copyOf(weights);
        stages = List.copyOf(stages);
    }

    public BigDecimal weightOf(Category category) {
        return weights.getOrDefault(category, BigDecimal.ONE);
    }

    public enum Scope { AGENT, GROUP }

    public enum Direction { RECEIVABLE, PAYABLE }

    public enum Mode { GRADUATED, RETROACTIVE }

    /** Eligibility filters (R7.2); an empty set means "all". */
    public record Eligibility(Set<BillingMethod> billingMethods, Set<Category> categories, Set<String> excludedProducts) {

        public static final Eligibility EVERYTHING = new Eligibility(Set.of(), Set.of(), Set.of());

        public Eligibility {
            billingMethods = Set.copyOf(billingMethods);
            categories = Set.copyOf(categories);
            excludedProducts = Set.copyOf(excludedProducts);
        }

        public boolean admits(BillingMethod method, Category category, String productCode) {
            return (billingMethods.isEmpty() || billingMethods.contains(method))
                    && (categories.isEmpty() || categories.contains(category))
                    && (productCode == null || !excludedProducts.contains(productCode.toLowerCase(java.util.Locale.ROOT)));
        }
    }

    /** A payout stage (R8.3). */
    public record Stage(BigDecimal share, int dueAfterMonths, StageCondition condition) {
    }

    public enum StageCondition { NONE, ACTIVE, RENEWED }
}
