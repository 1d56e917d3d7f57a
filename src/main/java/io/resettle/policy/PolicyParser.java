package io.resettle.policy;

import io.resettle.billing.Category;
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
 * ascending, stage shares not adding up to 1. Rebate programs and tier tables are read by
 * {@link RebateProgramParser}, the output sections by {@link OutputPolicyParser}, all through
 * {@link PolicyYaml}.
 */
public final class PolicyParser {

    private final String file;
    private final List<String> problems = new ArrayList<>();
    private final PolicyYaml yaml = new PolicyYaml(problems);
    private final RebateProgramParser programParser = new RebateProgramParser(yaml);

    private PolicyParser(String file) {
        this.file = file;
    }

    public static Policy parse(String file, YearMonth effectiveFrom, String yaml) {
        return new PolicyParser(file).read(effectiveFrom, yaml);
    }

    private Policy read(YearMonth effectiveFrom, String text) {
        Object document;
        try {
            Yaml parser = new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(new DumperOptions()),
                    new DumperOptions(), new DecimalsAsText());
            // Issue 15: duplicate and unknown keys are refused before anything is read.
            List<String> keyProblems = PolicyKeys.problems(parser.compose(new java.io.StringReader(text)));
            if (!keyProblems.isEmpty()) {
                throw new PolicyException(file, keyProblems);
            }
            document = parser.load(text);
        } catch (PolicyException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PolicyException(file, List.of("not valid YAML: " + e.getMessage()));
        }
        Map<String, Object> root = yaml.map("(root)", document);
        String currency = yaml.string("currency", root.get("currency"));
        if (currency == null) {
            yaml.problem("currency is required");
        }
        Map<String, Category> productCategories = productCategories(yaml.map("categories", root.get("categories")));
        Map<String, Object> ingest = yaml.map("ingest", root.get("ingest"));
        BigDecimal maxRejectRatio = ingest.containsKey("max_reject_ratio")
                ? yaml.rate("ingest.max_reject_ratio", ingest.get("max_reject_ratio"))
                : Policy.DEFAULT_MAX_REJECT_RATIO;
        Optional<java.time.ZoneId> vendorTimeZone = vendorTimeZone(ingest.get("vendor_time_zone"));
        if (!root.containsKey("discount_tables")) {
            yaml.problem("discount_tables is required");
        }
        Map<String, TierTable> discountTables = new LinkedHashMap<>();
        yaml.map("discount_tables", root.get("discount_tables")).forEach((name, tiers) ->
                discountTables.put(name, programParser.tierTable("discount_tables." + name, tiers)));
        List<RebateProgram> programs = new ArrayList<>();
        List<Object> programList = yaml.list("rebate_programs", root.get("rebate_programs"));
        Set<String> programIds = new HashSet<>();
        for (int i = 0; i < programList.size(); i++) {
            RebateProgram program = programParser.program("rebate_programs[" + i + "]", yaml.map("rebate_programs[" + i + "]", programList.get(i)));
            if (program != null && !programIds.add(program.id())) {
                yaml.problem("rebate_programs[" + i + "].id " + program.id() + " is used twice");
            }
            if (program != null) {
                programs.add(program);
            }
        }
        Optional<ReferralPolicy> referral = root.containsKey("referral")
                ? Optional.ofNullable(referral(yaml.map("referral", root.get("referral"))))
                : Optional.empty();
        Map<String, Object> tax = yaml.map("tax", root.get("tax"));
        Policy.TaxBorneBy borneBy = tax.containsKey("borne_by")
                ? yaml.enumValue("tax.borne_by", tax.get("borne_by"), Policy.TaxBorneBy.class)
                : Policy.TaxBorneBy.PAYEE;
        OutputPolicy outputs = OutputPolicyParser.parse(root, yaml);
        if (!problems.isEmpty()) {
            throw new PolicyException(file, problems);
        }
        return new Policy(effectiveFrom, currency, productCategories, maxRejectRatio, discountTables, programs,
                referral, borneBy, vendorTimeZone, outputs);
    }

    private Optional<java.time.ZoneId> vendorTimeZone(Object value) {
        String zone = yaml.string("ingest.vendor_time_zone", value);
        if (zone == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(java.time.ZoneId.of(zone));
        } catch (java.time.DateTimeException e) {
            yaml.problem("ingest.vendor_time_zone '" + zone + "' is not a time zone id (e.g. Asia/Shanghai)");
            return Optional.empty();
        }
    }

    private Map<String, Category> productCategories(Map<String, Object> categories) {
        Map<String, Category> byProduct = new HashMap<>();
        categories.forEach((categoryName, products) -> {
            Category category = yaml.enumValue("categories." + categoryName, categoryName, Category.class);
            for (Object product : yaml.list("categories." + categoryName, products)) {
                String code = String.valueOf(product).strip().toLowerCase(Locale.ROOT);
                Category previous = byProduct.put(code, category);
                if (previous != null && previous != category) {
                    yaml.problem("categories: product " + code + " is mapped to both " + previous + " and " + category);
                }
            }
        });
        return byProduct;
    }

    private ReferralPolicy referral(Map<String, Object> r) {
        int windowDays = yaml.wholeNumber("referral.window_days", r.getOrDefault("window_days", 30));
        BigDecimal rate = yaml.rate("referral.rate", r.getOrDefault("rate", "0.25"));
        int holdDays = yaml.wholeNumber("referral.hold_days", r.getOrDefault("hold_days", 30));
        Set<Category> eligible = new HashSet<>();
        for (Object category : yaml.list("referral.eligible_categories", r.get("eligible_categories"))) {
            PolicyYaml.add(eligible, yaml.enumValue("referral.eligible_categories", category, Category.class));
        }
        Set<String> promotional = yaml.lowerCaseSet("referral.promotional_products", r.get("promotional_products"));
        Set<String> notFirstPurchase = yaml.lowerCaseSet("referral.not_first_purchase", r.get("not_first_purchase"));
        BigDecimal holdRatio = yaml.decimal("referral.hold_ratio", r.getOrDefault("hold_ratio", "0.5"));
        Map<String, Object> bonus = yaml.map("referral.bonus", r.get("bonus"));
        BigDecimal minOrder = bonus.containsKey("min_order") ? yaml.decimal("referral.bonus.min_order", bonus.get("min_order")) : null;
        List<ReferralPolicy.BonusTier> bonusTiers = new ArrayList<>();
        List<Object> tierRows = yaml.list("referral.bonus.tiers", bonus.get("tiers"));
        for (int i = 0; i < tierRows.size(); i++) {
            String tierPath = "referral.bonus.tiers[" + i + "]";
            Map<String, Object> row = yaml.map(tierPath, tierRows.get(i));
            int from = yaml.wholeNumber(tierPath + ".from", row.get("from"));
            BigDecimal perOrder = yaml.decimal(tierPath + ".per_order", row.get("per_order"));
            if (!bonusTiers.isEmpty() && from <= bonusTiers.get(bonusTiers.size() - 1).from()) {
                yaml.problem(tierPath + ".from " + from + " is not above the previous tier's (tiers must ascend)");
            }
            if (perOrder != null) {
                bonusTiers.add(new ReferralPolicy.BonusTier(from, perOrder));
            }
        }
        if (holdRatio != null && holdRatio.signum() < 0) {
            yaml.problem("referral.hold_ratio " + holdRatio + " is negative");
        }
        return new ReferralPolicy(windowDays, rate, holdDays, eligible, promotional, notFirstPurchase, holdRatio,
                minOrder, bonusTiers);
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
