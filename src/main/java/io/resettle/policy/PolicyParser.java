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
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads and validates a policy file (io-contract §1). Every problem is collected with its key
 * path (e.g. {@code rebate_programs[1].tiers[2].from}) and reported together in one
 * {@link PolicyException}: unknown enumeration values, rates outside [0, 1], tiers not
 * ascending, stage shares not adding up to 1.
 */
public final class PolicyParser {

    private final String file;
    private final List<String> problems = new ArrayList<>();

    private PolicyParser(String file) {
        this.file = file;
    }

    public static Policy parse(String file, YearMonth effectiveFrom, String yaml) {
        return new PolicyParser(file).read(effectiveFrom, yaml);
    }

    private Policy read(YearMonth effectiveFrom, String yaml) {
        Object document;
        try {
            Yaml parser = new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(new DumperOptions()),
                    new DumperOptions(), new DecimalsAsText());
            // Issue 15: duplicate and unknown keys are refused before anything is read.
            List<String> keyProblems = PolicyKeys.problems(parser.compose(new java.io.StringReader(yaml)));
            if (!keyProblems.isEmpty()) {
                throw new PolicyException(file, keyProblems);
            }
            document = parser.load(yaml);
        } catch (PolicyException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PolicyException(file, List.of("not valid YAML: " + e.getMessage()));
        }
        Map<String, Object> root = map("(root)", document);
        String currency = string("currency", root.get("currency"));
        if (currency == null) {
            problems.add("currency is required");
        }
        Map<String, Category> productCategories = productCategories(map("categories", root.get("categories")));
        Map<String, Object> ingest = map("ingest", root.get("ingest"));
        BigDecimal maxRejectRatio = ingest.containsKey("max_reject_ratio")
                ? rate("ingest.max_reject_ratio", ingest.get("max_reject_ratio"))
                : Policy.DEFAULT_MAX_REJECT_RATIO;
        Optional<java.time.ZoneId> vendorTimeZone = vendorTimeZone(ingest.get("vendor_time_zone"));
        if (!root.containsKey("discount_tables")) {
            problems.add("discount_tables is required");
        }
        Map<String, TierTable> discountTables = new LinkedHashMap<>();
        map("discount_tables", root.get("discount_tables")).forEach((name, tiers) ->
                discountTables.put(name, tierTable("discount_tables." + name, tiers)));
        List<RebateProgram> programs = new ArrayList<>();
        List<Object> programList = list("rebate_programs", root.get("rebate_programs"));
        Set<String> programIds = new HashSet<>();
        for (int i = 0; i < programList.size(); i++) {
            RebateProgram program = program("rebate_programs[" + i + "]", map("rebate_programs[" + i + "]", programList.get(i)));
            if (program != null && !programIds.add(program.id())) {
                problems.add("rebate_programs[" + i + "].id " + program.id() + " is used twice");
            }
            if (program != null) {
                programs.add(program);
            }
        }
        Optional<ReferralPolicy> referral = root.containsKey("referral")
                ? Optional.ofNullable(referral(map("referral", root.get("referral"))))
                : Optional.empty();
        Map<String, Object> tax = map("tax", root.get("tax"));
        Policy.TaxBorneBy borneBy = tax.containsKey("borne_by")
                ? enumValue("tax.borne_by", tax.get("borne_by"), Policy.TaxBorneBy.class)
                : Policy.TaxBorneBy.PAYEE;
        OutputPolicy outputs = OutputPolicyParser.parse(root, problems);
        if (!problems.isEmpty()) {
            throw new PolicyException(file, problems);
        }
        return new Policy(effectiveFrom, currency, productCategories, maxRejectRatio, discountTables, programs,
                referral, borneBy, vendorTimeZone, outputs);
    }

    private Optional<java.time.ZoneId> vendorTimeZone(Object value) {
        String zone = string("ingest.vendor_time_zone", value);
        if (zone == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(java.time.ZoneId.of(zone));
        } catch (java.time.DateTimeException e) {
            problems.add("ingest.vendor_time_zone '" + zone + "' is not a time zone id (e.g. Asia/Shanghai)");
            return Optional.empty();
        }
    }

    private Map<String, Category> productCategories(Map<String, Object> categories) {
        Map<String, Category> byProduct = new HashMap<>();
        categories.forEach((categoryName, products) -> {
            Category category = enumValue("categories." + categoryName, categoryName, Category.class);
            for (Object product : list("categories." + categoryName, products)) {
                String code = String.valueOf(product).strip().toLowerCase(Locale.ROOT);
                Category previous = byProduct.put(code, category);
                if (previous != null && previous != category) {
                    problems.add("categories: product " + code + " is mapped to both " + previous + " and " + category);
                }
            }
        });
        return byProduct;
    }

    private TierTable tierTable(String path, Object value) {
        List<Object> rows = list(path, value);
        List<Tier> tiers = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            String tierPath = path + "[" + i + "]";
            Map<String, Object> row = map(tierPath, rows.get(i));
            BigDecimal from = decimal(tierPath + ".from", row.get("from"));
            if (from != null && from.signum() < 0) {
                problems.add(tierPath + ".from " + from + " is negative");
            }
            Map<Category, BigDecimal> rates = new HashMap<>();
            BigDecimal defaultRate = BigDecimal.ZERO;
            for (Map.Entry<String, Object> rate : map(tierPath + ".rates", row.get("rates")).entrySet()) {
                String ratePath = tierPath + ".rates." + rate.getKey();
                BigDecimal parsed = rate(ratePath, rate.getValue());
                if (rate.getKey().equalsIgnoreCase("default")) {
                    defaultRate = parsed;
                } else {
                    Category category = enumValue(ratePath, rate.getKey(), Category.class);
                    if (category != null) {
                        rates.put(category, parsed);
                    }
                }
            }
            if (from != null) {
                if (!tiers.isEmpty() && from.compareTo(tiers.get(tiers.size() - 1).from()) <= 0) {
                    problems.add(tierPath + ".from " + from.toPlainString() + " is not above the previous tier's "
                            + tiers.get(tiers.size() - 1).from().toPlainString() + " (tiers must ascend)");
                }
                tiers.add(new Tier(from, rates, defaultRate == null ? BigDecimal.ZERO : defaultRate));
            }
        }
        if (rows.isEmpty()) {
            problems.add(path + " has no tiers");
        }
        return new TierTable(tiers);
    }

    private RebateProgram program(String path, Map<String, Object> p) {
        String id = string(path + ".id", p.get("id"));
        if (id == null) {
            problems.add(path + ".id is required");
        }
        Scope scope = enumValue(path + ".scope", p.get("scope"), Scope.class);
        Direction direction = enumValue(path + ".direction", p.get("direction"), Direction.class);
        Mode mode = enumValue(path + ".mode", p.get("mode"), Mode.class);
        int fiscalYearStart = 1;
        if (p.containsKey("fiscal_year_start")) {
            BigDecimal month = decimal(path + ".fiscal_year_start", p.get("fiscal_year_start"));
            if (month != null && (month.scale() > 0 && month.stripTrailingZeros().scale() > 0
                    || month.intValue() < 1 || month.intValue() > 12)) {
                problems.add(path + ".fiscal_year_start " + month + " is not a month 1-12");
            } else if (month != null) {
                fiscalYearStart = month.intValue();
            }
        }
        Map<String, Object> eligible = map(path + ".eligible", p.get("eligible"));
        Set<BillingMethod> methods = new HashSet<>();
        for (Object method : list(path + ".eligible.billing_methods", eligible.get("billing_methods"))) {
            add(methods, enumValue(path + ".eligible.billing_methods", method, BillingMethod.class));
        }
        Set<Category> categories = new HashSet<>();
        for (Object category : list(path + ".eligible.categories", eligible.get("categories"))) {
            add(categories, enumValue(path + ".eligible.categories", category, Category.class));
        }
        Set<String> excluded = lowerCaseSet(path + ".eligible.exclude_products", eligible.get("exclude_products"));
        Map<Category, BigDecimal> weights = new HashMap<>();
        map(path + ".weights", p.get("weights")).forEach((category, weight) -> {
            Category parsed = enumValue(path + ".weights." + category, category, Category.class);
            BigDecimal value = decimal(path + ".weights." + category, weight);
            if (value != null && value.signum() < 0) {
                problems.add(path + ".weights." + category + " " + value + " is negative");
            }
            if (parsed != null && value != null) {
                weights.put(parsed, value);
            }
        });
        if (!p.containsKey("tiers")) {
            problems.add(path + ".tiers is required");
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
        List<Object> rows = list(path, value);
        List<Stage> stages = new ArrayList<>();
        BigDecimal shares = BigDecimal.ZERO;
        for (int i = 0; i < rows.size(); i++) {
            String stagePath = path + "[" + i + "]";
            Map<String, Object> row = map(stagePath, rows.get(i));
            BigDecimal share = rate(stagePath + ".share", row.get("share"));
            BigDecimal due = decimal(stagePath + ".due_after_months", row.get("due_after_months"));
            StageCondition condition = row.containsKey("condition")
                    ? enumValue(stagePath + ".condition", row.get("condition"), StageCondition.class)
                    : StageCondition.NONE;
            if (due != null && due.signum() < 0) {
                problems.add(stagePath + ".due_after_months " + due + " is negative");
            }
            if (share != null && due != null && condition != null) {
                stages.add(new Stage(share, due.intValue(), condition));
                shares = shares.add(share);
            }
        }
        if (!rows.isEmpty() && shares.compareTo(BigDecimal.ONE) != 0) {
            problems.add(path + ": shares add up to " + shares.toPlainString() + ", not 1");
        }
        return stages;
    }

    private ReferralPolicy referral(Map<String, Object> r) {
        int windowDays = wholeNumber("referral.window_days", r.getOrDefault("window_days", 30));
        BigDecimal rate = rate("referral.rate", r.getOrDefault("rate", "0.25"));
        int holdDays = wholeNumber("referral.hold_days", r.getOrDefault("hold_days", 30));
        Set<Category> eligible = new HashSet<>();
        for (Object category : list("referral.eligible_categories", r.get("eligible_categories"))) {
            add(eligible, enumValue("referral.eligible_categories", category, Category.class));
        }
        Set<String> promotional = lowerCaseSet("referral.promotional_products", r.get("promotional_products"));
        Set<String> notFirstPurchase = lowerCaseSet("referral.not_first_purchase", r.get("not_first_purchase"));
        BigDecimal holdRatio = decimal("referral.hold_ratio", r.getOrDefault("hold_ratio", "0.5"));
        Map<String, Object> bonus = map("referral.bonus", r.get("bonus"));
        BigDecimal minOrder = bonus.containsKey("min_order") ? decimal("referral.bonus.min_order", bonus.get("min_order")) : null;
        List<ReferralPolicy.BonusTier> bonusTiers = new ArrayList<>();
        List<Object> tierRows = list("referral.bonus.tiers", bonus.get("tiers"));
        for (int i = 0; i < tierRows.size(); i++) {
            String tierPath = "referral.bonus.tiers[" + i + "]";
            Map<String, Object> row = map(tierPath, tierRows.get(i));
            int from = wholeNumber(tierPath + ".from", row.get("from"));
            BigDecimal perOrder = decimal(tierPath + ".per_order", row.get("per_order"));
            if (!bonusTiers.isEmpty() && from <= bonusTiers.get(bonusTiers.size() - 1).from()) {
                problems.add(tierPath + ".from " + from + " is not above the previous tier's (tiers must ascend)");
            }
            if (perOrder != null) {
                bonusTiers.add(new ReferralPolicy.BonusTier(from, perOrder));
            }
        }
        if (holdRatio != null && holdRatio.signum() < 0) {
            problems.add("referral.hold_ratio " + holdRatio + " is negative");
        }
        return new ReferralPolicy(windowDays, rate, holdDays, eligible, promotional, notFirstPurchase, holdRatio,
                minOrder, bonusTiers);
    }

    // ---- typed access, each recording a problem instead of throwing ----

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(String path, Object value) {
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), v));
            return copy;
        }
        problems.add(path + " must be a mapping");
        return Map.of();
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(String path, Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> l) {
            return (List<Object>) l;
        }
        problems.add(path + " must be a list");
        return List.of();
    }

    private String string(String path, Object value) {
        return value == null ? null : String.valueOf(value).strip();
    }

    private BigDecimal decimal(String path, Object value) {
        if (value == null) {
            problems.add(path + " is required");
            return null;
        }
        try {
            return new BigDecimal(String.valueOf(value).strip());
        } catch (NumberFormatException e) {
            problems.add(path + " '" + value + "' is not a number");
            return null;
        }
    }

    private int wholeNumber(String path, Object value) {
        BigDecimal number = decimal(path, value);
        if (number == null) {
            return 0;
        }
        try {
            int whole = number.intValueExact();
            if (whole < 0) {
                problems.add(path + " " + value + " is negative");
            }
            return whole;
        } catch (ArithmeticException e) {
            problems.add(path + " '" + value + "' is not a whole number");
            return 0;
        }
    }

    private BigDecimal rate(String path, Object value) {
        BigDecimal rate = decimal(path, value);
        if (rate != null && (rate.signum() < 0 || rate.compareTo(BigDecimal.ONE) > 0)) {
            problems.add(path + " " + rate.toPlainString() + " is outside [0, 1]");
        }
        return rate;
    }

    private <E extends Enum<E>> E enumValue(String path, Object value, Class<E> type) {
        if (value == null) {
            problems.add(path + " is required");
            return null;
        }
        String name = String.valueOf(value).strip().toUpperCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        List<String> known = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            known.add(constant.name());
        }
        problems.add(path + ": unknown value '" + value + "' (expected one of " + String.join(", ", known) + ")");
        return null;
    }

    private Set<String> lowerCaseSet(String path, Object value) {
        Set<String> set = new HashSet<>();
        for (Object item : list(path, value)) {
            set.add(String.valueOf(item).strip().toLowerCase(Locale.ROOT));
        }
        return set;
    }

    private static <T> void add(Set<T> set, T value) {
        if (value != null) {
            set.add(value);
        }
    }

    /** Leaves decimals as text, so that rates and amounts become exact BigDecimals, never doubles (R1.1). */
    private static final class DecimalsAsText extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, BOOL, "yYnNtTfFoO");
            addImplicitResolver(Tag.INT, INT, "-+0123456789");
            addImplicitResolver(Tag.MERGE, MERGE, "<");
            addImplicitResolver(Tag.NULL, NULL, "~nN\u0000");
            addImplicitResolver(Tag.NULL, EMPTY, null);
        }
    }
}
