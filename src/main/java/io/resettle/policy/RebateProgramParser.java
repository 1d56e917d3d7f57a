package io.resettle.policy;

import io.resettle.billing.BillingMethod;
import io.resettle.billing.Category;
import io.resettle.policy.RebateProgram.Direction;
import io.resettle.policy.RebateProgram.Eligibility;
import io.resettle.policy.RebateProgram.Mode;
import io.resettle.policy.RebateProgram.Scope;
import io.resettle.policy.RebateProgram.Stage;
import io.resettle.policy.RebateProgram.StageCondition;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A policy's {@code rebate_programs} entries and its tier tables (io-contract §1; also those of
 * {@code discount_tables}), read for {@link PolicyParser}: tiers must ascend, rates lie in [0, 1],
 * stage shares add up to 1.
 */
final class RebateProgramParser {

    private final PolicyYaml yaml;

    RebateProgramParser(PolicyYaml yaml) {
        this.yaml = yaml;
    }

    RebateProgram program(String path, Map<String, Object> p) {
        String id = yaml.string(path + ".id", p.get("id"));
        if (id == null) {
            yaml.problem(path + ".id is required");
        }
        Scope scope = yaml.enumValue(path + ".scope", p.get("scope"), Scope.class);
        Direction direction = yaml.enumValue(path + ".direction", p.get("direction"), Direction.class);
        Mode mode = yaml.enumValue(path + ".mode", p.get("mode"), Mode.class);
        int fiscalYearStart = 1;
        if (p.containsKey("fiscal_year_start")) {
            BigDecimal month = yaml.decimal(path + ".fiscal_year_start", p.get("fiscal_year_start"));
            if (month != null && (month.scale() > 0 && month.stripTrailingZeros().scale() > 0
                    || month.intValue() < 1 || month.intValue() > 12)) {
                yaml.problem(path + ".fiscal_year_start " + month + " is not a month 1-12");
            } else if (month != null) {
                fiscalYearStart = month.intValue();
            }
        }
        Map<String, Object> eligible = yaml.map(path + ".eligible", p.get("eligible"));
        Set<BillingMethod> methods = new HashSet<>();
        for (Object method : yaml.list(path + ".eligible.billing_methods", eligible.get("billing_methods"))) {
            PolicyYaml.add(methods, yaml.enumValue(path + ".eligible.billing_methods", method, BillingMethod.class));
        }
        Set<Category> categories = new HashSet<>();
        for (Object category : yaml.list(path + ".eligible.categories", eligible.get("categories"))) {
            PolicyYaml.add(categories, yaml.enumValue(path + ".eligible.categories", category, Category.class));
        }
        Set<String> excluded = yaml.lowerCaseSet(path + ".eligible.exclude_products", eligible.get("exclude_products"));
        Map<Category, BigDecimal> weights = new HashMap<>();
        yaml.map(path + ".weights", p.get("weights")).forEach((category, weight) -> {
            Category parsed = yaml.enumValue(path + ".weights." + category, category, Category.class);
            BigDecimal value = yaml.decimal(path + ".weights." + category, weight);
            if (value != null && value.signum() < 0) {
                yaml.problem(path + ".weights." + category + " " + value + " is negative");
            }
            if (parsed != null && value != null) {
                weights.put(parsed, value);
            }
        });
        if (!p.containsKey("tiers")) {
            yaml.problem(path + ".tiers is required");
        }
        TierTable tiers = tierTable(path + ".tiers", p.get("tiers"));
        List<Stage> stages = stages(path + ".stages", p.get("stages"));
        if (id == null || scope == null || direction == null || mode == null) {
            return null;
        }
        return new RebateProgram(id, scope, direction, mode, fiscalYearStart,
                new Eligibility(methods, categories, excluded), weights, tiers, stages);
    }

    private List<Stage> stages(String path, Object value) {
        if (value == null) {
            return List.of(new Stage(BigDecimal.ONE, 1, StageCondition.NONE));
        }
        List<Object> rows = yaml.list(path, value);
        List<Stage> stages = new ArrayList<>();
        BigDecimal shares = BigDecimal.ZERO;
        for (int i = 0; i < rows.size(); i++) {
            String stagePath = path + "[" + i + "]";
            Map<String, Object> row = yaml.map(stagePath, rows.get(i));
            BigDecimal share = yaml.rate(stagePath + ".share", row.get("share"));
            BigDecimal due = yaml.decimal(stagePath + ".due_after_months", row.get("due_after_months"));
            StageCondition condition = row.containsKey("condition")
                    ? yaml.enumValue(stagePath + ".condition", row.get("condition"), StageCondition.class)
                    : StageCondition.NONE;
            if (due != null && due.signum() < 0) {
                yaml.problem(stagePath + ".due_after_months " + due + " is negative");
            }
            if (share != null && due != null && condition != null) {
                stages.add(new Stage(share, due.intValue(), condition));
                shares = shares.add(share);
            }
        }
        if (!rows.isEmpty() && shares.compareTo(BigDecimal.ONE) != 0) {
            yaml.problem(path + ": shares add up to " + shares.toPlainString() + ", not 1");
        }
        return stages;
    }

    TierTable tierTable(String path, Object value) {
        List<Object> rows = yaml.list(path, value);
        List<Tier> tiers = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            String tierPath = path + "[" + i + "]";
            Map<String, Object> row = yaml.map(tierPath, rows.get(i));
            BigDecimal from = yaml.decimal(tierPath + ".from", row.get("from"));
            if (from != null && from.signum() < 0) {
                yaml.problem(tierPath + ".from " + from + " is negative");
            }
            Map<Category, BigDecimal> rates = new HashMap<>();
            BigDecimal defaultRate = BigDecimal.ZERO;
            for (Map.Entry<String, Object> rate : yaml.map(tierPath + ".rates", row.get("rates")).entrySet()) {
                String ratePath = tierPath + ".rates." + rate.getKey();
                BigDecimal parsed = yaml.rate(ratePath, rate.getValue());
                if (rate.getKey().equalsIgnoreCase("default")) {
                    defaultRate = parsed;
                } else {
                    Category category = yaml.enumValue(ratePath, rate.getKey(), Category.class);
                    if (category != null) {
                        rates.put(category, parsed);
                    }
                }
            }
            if (from != null) {
                if (!tiers.isEmpty() && from.compareTo(tiers.get(tiers.size() - 1).from()) <= 0) {
                    yaml.problem(tierPath + ".from " + from.toPlainString() + " is not above the previous tier's "
                            + tiers.get(tiers.size() - 1).from().toPlainString() + " (tiers must ascend)");
                }
                tiers.add(new Tier(from, rates, defaultRate == null ? BigDecimal.ZERO : defaultRate));
            }
        }
        if (rows.isEmpty()) {
            yaml.problem(path + " has no tiers");
        }
        return new TierTable(tiers);
    }
}
