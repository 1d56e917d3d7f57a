package io.resettle.rebate;

import io.resettle.billing.BillingLine;
import io.resettle.billing.BillingMethod;
import io.resettle.billing.Category;
import io.resettle.billing.ChargeType;
import io.resettle.policy.RebateProgram.Eligibility;
import io.resettle.policy.RebateProgram.Stage;
import io.resettle.policy.RebateProgram.StageCondition;
import io.resettle.policy.RebateProgram;
import io.resettle.policy.Tier;
import io.resettle.policy.TierTable;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The two programs of the io-contract §1 sample policy, and a billing line builder. */
final class RebateFixtures {

    private static final Set<Category> PRODUCT_CATEGORIES =
            Set.of(Category.COMPUTE, Category.SECURITY, Category.DATABASE, Category.STORAGE, Category.NETWORK);

    private RebateFixtures() {
    }

    /** {@code channel}: AGENT, RECEIVABLE, GRADUATED, weights SECURITY 1.0. */
    static RebateProgram channel() {
        return new RebateProgram("channel", RebateProgram.Scope.AGENT, RebateProgram.Direction.RECEIVABLE,
                RebateProgram.Mode.GRADUATED, 1,
                new Eligibility(Set.of(BillingMethod.PREPAID, BillingMethod.POSTPAID), PRODUCT_CATEGORIES, Set.of()),
                Map.of(Category.SECURITY, new BigDecimal("1.0")),
                new TierTable(List.of(
                        tier("500000", "0.04", "0.07"),
                        tier("2000000", "0.06", "0.10"),
                        tier("5000000", "0.08", "0.12"))),
                List.of());
    }

    /** {@code customer-share}: GROUP, PAYABLE, RETROACTIVE, PREPAID only, stages 10% / 90%. */
    static RebateProgram customerShare() {
        return new RebateProgram("customer-share", RebateProgram.Scope.GROUP, RebateProgram.Direction.PAYABLE,
                RebateProgram.Mode.RETROACTIVE, 1,
                new Eligibility(Set.of(BillingMethod.PREPAID), PRODUCT_CATEGORIES, Set.of()),
                Map.of(),
                new TierTable(List.of(
                        new Tier(new BigDecimal("100000"), Map.of(), new BigDecimal("0.02")),
                        new Tier(new BigDecimal("500000"), Map.of(), new BigDecimal("0.03")))),
                List.of(new Stage(new BigDecimal("0.10"), 1, StageCondition.NONE),
                        new Stage(new BigDecimal("0.90"), 12, StageCondition.RENEWED)));
    }

    static RebateProgram program(RebateProgram.Mode mode, Map<Category, BigDecimal> weights, List<Tier> tiers,
            List<Stage> stages) {
        return new RebateProgram("p", RebateProgram.Scope.GROUP, RebateProgram.Direction.PAYABLE, mode, 1,
                Eligibility.EVERYTHING, weights, new TierTable(tiers), stages);
    }

    static Tier tier(String from, String defaultRate, String securityRate) {
        return new Tier(new BigDecimal(from), Map.of(Category.SECURITY, new BigDecimal(securityRate)),
                new BigDecimal(defaultRate));
    }

    static BillingLine line(String lineId, String period, String productCode, Category category,
            BillingMethod method, ChargeType type, String payable) {
        YearMonth month = YearMonth.parse(period);
        BigDecimal amount = new BigDecimal(payable);
        return new BillingLine(lineId, null, month, "A", null, productCode, category, method, type, amount, amount,
                amount, "CNY", month.atDay(2).atStartOfDay(), null, null, true);
    }
}
