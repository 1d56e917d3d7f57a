package io.resettle.ingest;

import io.resettle.billing.ChargeType;
import io.resettle.ingest.ExportFormat.Target;
import io.resettle.ingest.ExportFormat.ValueMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A format definition's value maps (docs/formats.md: {@code billing_method}, {@code charge_type}),
 * read for {@link ExportFormatParser}: a column or {@code from}, values mapped to canonical
 * constants or nested maps, {@code empty}, {@code otherwise}, {@code negative} and
 * {@code if_column_absent}.
 */
final class ValueMapParser {

    private static final Set<String> MAP_KEYS = Set.of("column", "from", "values", "empty", "otherwise", "negative",
            "if_column_absent");

    private final FormatYaml yaml;

    ValueMapParser(FormatYaml yaml) {
        this.yaml = yaml;
    }

    ValueMap valueMap(String key, Object value, Predicate<String> allowed, String allowedText,
            boolean mayUseBillingMethod) {
        Map<String, Object> node = yaml.map(key, value);
        yaml.unknownKeys(key + ".", node, MAP_KEYS);
        String column = yaml.string(key + ".column", node.get("column"));
        String from = yaml.string(key + ".from", node.get("from"));
        boolean fromBillingMethod = false;
        if (from != null) {
            if (!from.equals("billing_method") || !mayUseBillingMethod) {
                yaml.problem(key + ".from: '" + from + "' is not allowed here"
                        + (mayUseBillingMethod ? " (only billing_method)" : ""));
            }
            fromBillingMethod = true;
        }
        if ((column == null) == (from == null)) {
            yaml.problem(key + ": needs exactly one of column or from");
        }
        Map<String, Target> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : yaml.map(key + ".values", node.get("values")).entrySet()) {
            Target target = target(key + ".values." + entry.getKey(), entry.getValue(), allowed, allowedText, mayUseBillingMethod);
            if (target != null && values.put(ExportFormat.normalisedValue(entry.getKey()), target) != null) {
                yaml.problem(key + ".values." + entry.getKey() + ": the same value (ignoring case, spaces, '-', '_') is mapped twice");
            }
        }
        Target empty = node.containsKey("empty")
                ? target(key + ".empty", node.get("empty"), allowed, allowedText, mayUseBillingMethod) : null;
        Target otherwise = node.containsKey("otherwise")
                ? target(key + ".otherwise", node.get("otherwise"), allowed, allowedText, mayUseBillingMethod) : null;
        if (values.isEmpty() && otherwise == null) {
            yaml.problem(key + ".values: is required (value → " + allowedText + ")");
        }
        Map<String, String> negative = new LinkedHashMap<>();
        Object negativeNode = node.get("negative");
        if (negativeNode instanceof Map<?, ?>) {
            for (Map.Entry<String, Object> entry : yaml.map(key + ".negative", negativeNode).entrySet()) {
                String to = constant(key + ".negative." + entry.getKey(), entry.getValue(), allowed, allowedText);
                if (!allowed.test(entry.getKey())) {
                    yaml.problem(key + ".negative." + entry.getKey() + ": '" + entry.getKey() + "' is not " + allowedText);
                }
                if (to != null) {
                    negative.put(entry.getKey(), to);
                }
            }
        } else if (negativeNode != null) {
            String to = constant(key + ".negative", negativeNode, allowed, allowedText);
            if (to != null) {
                for (ChargeType type : ChargeType.values()) {
                    negative.put(type.name(), to);
                }
                ExportFormatParser.BILLING_METHODS.forEach(m -> negative.put(m, to));
            }
        }
        ValueMap ifAbsent = node.containsKey("if_column_absent")
                ? valueMap(key + ".if_column_absent", node.get("if_column_absent"), allowed, allowedText, mayUseBillingMethod)
                : null;
        return new ValueMap(column, fromBillingMethod, values, empty, otherwise, negative, ifAbsent);
    }

    private Target target(String key, Object value, Predicate<String> allowed, String allowedText, boolean mayUseBillingMethod) {
        if (value instanceof Map<?, ?>) {
            return new Target(null, valueMap(key, value, allowed, allowedText, mayUseBillingMethod));
        }
        String constant = constant(key, value, allowed, allowedText);
        return constant == null ? null : new Target(constant, null);
    }

    private String constant(String key, Object value, Predicate<String> allowed, String allowedText) {
        String text = yaml.string(key, value);
        if (text == null) {
            yaml.problem(key + ": is empty; must be " + allowedText);
            return null;
        }
        if (!allowed.test(text)) {
            yaml.problem(key + ": '" + text + "' is not " + allowedText);
            return null;
        }
        return text;
    }
}
