package io.resettle.ingest;

import io.resettle.billing.ChargeType;
import io.resettle.ingest.ExportFormat.Field;
import io.resettle.ingest.ExportFormat.OtherDataset;
import io.resettle.ingest.ExportFormat.PaidRule;
import io.resettle.ingest.ExportFormat.RecordIdRule;
import io.resettle.ingest.ExportFormat.Target;
import io.resettle.ingest.ExportFormat.ValueMap;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads and validates one export format definition (docs/formats.md) before any row is read.
 * Every problem is collected with its key ({@code charge_type.values.SubscriptionOrder.values.New})
 * and reported together in one {@link ExportFormatException}: unknown keys, missing required keys,
 * canonical values that are not billing methods or charge types, unknown time zones, bad patterns.
 */
public final class ExportFormatParser {

    private static final Set<String> TOP_KEYS = Set.of("name", "description", "signature", "required", "columns",
            "period_from_folder", "currency_from_account", "order_id_from_record_id", "billing_method", "charge_type",
            "paid", "refunds", "time_zone", "policy_time_zone", "date_patterns", "not_billing_lines");
    private static final Set<String> MAP_KEYS = Set.of("column", "from", "values", "empty", "otherwise", "negative",
            "if_column_absent");
    private static final Set<String> BILLING_METHODS = Set.of("PREPAID", "POSTPAID");

    private final String file;
    private final List<String> problems = new ArrayList<>();

    private ExportFormatParser(String file) {
        this.file = file;
    }

    /** @param file where the text came from, for messages */
    public static ExportFormat parse(String file, String yaml) {
        return new ExportFormatParser(file).read(yaml);
    }

    private ExportFormat read(String yaml) {
        Object document;
        try {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (RuntimeException e) {
            throw new ExportFormatException(file, List.of("not valid YAML: " + e.getMessage().lines().findFirst().orElse("")));
        }
        if (!(document instanceof Map<?, ?>)) {
            throw new ExportFormatException(file, List.of("(root): must be a mapping of keys such as name, signature, columns"));
        }
        Map<String, Object> root = map("(root)", document);
        unknownKeys("", root, TOP_KEYS);
        String name = string("name", root.get("name"));
        if (name == null) {
            problems.add("name: is required");
        } else if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            problems.add("name: '" + name + "' must be lower-case letters, digits and '-'");
        }
        List<String> signature = strings("signature", root.get("signature"));
        if (signature.isEmpty()) {
            problems.add("signature: is required (the columns that recognise the format)");
        }
        List<List<String>> required = new ArrayList<>();
        List<Object> requiredList = list("required", root.get("required"));
        for (int i = 0; i < requiredList.size(); i++) {
            Object entry = requiredList.get(i);
            List<String> alternatives = entry instanceof List<?> ? strings("required[" + i + "]", entry)
                    : strings("required[" + i + "]", List.of(entry));
            if (alternatives.isEmpty()) {
                problems.add("required[" + i + "]: must name at least one column");
            } else {
                required.add(alternatives);
            }
        }

        Map<String, Object> columnsNode = map("columns", root.get("columns"));
        Map<Field, List<String>> columns = new EnumMap<>(Field.class);
        List<String> subAccountOrder = new ArrayList<>();
        for (Map.Entry<String, Object> entry : columnsNode.entrySet()) {
            String key = "columns." + entry.getKey();
            if (entry.getKey().equals("sub_account")) {
                List<Object> entries = list(key, entry.getValue());
                for (int i = 0; i < entries.size(); i++) {
                    Object e = entries.get(i);
                    if (e instanceof Map<?, ?> login) {
                        Map<String, Object> loginMap = map(key + "[" + i + "]", login);
                        unknownKeys(key + "[" + i + "].", loginMap, Set.of("login"));
                        String column = string(key + "[" + i + "].login", loginMap.get("login"));
                        if (column == null) {
                            problems.add(key + "[" + i + "]: a mapping entry must be {login: COLUMN}");
                        } else {
                            subAccountOrder.add(ExportFormat.LOGIN_PREFIX + column);
                        }
                    } else {
                        String column = string(key + "[" + i + "]", e);
                        if (column != null) {
                            subAccountOrder.add(column);
                        }
                    }
                }
                continue;
            }
            Field field = fieldOf(entry.getKey());
            if (field == null) {
                problems.add(key + ": unknown field (known: sub_account, "
                        + String.join(", ", java.util.Arrays.stream(Field.values()).map(Field::key).toList()) + ")");
                continue;
            }
            columns.put(field, strings(key, entry.getValue()));
        }
        if (subAccountOrder.isEmpty()) {
            problems.add("columns.sub_account: is required");
        }
        if (columns.getOrDefault(Field.PAYABLE_AMOUNT, List.of()).isEmpty()) {
            problems.add("columns.payable_amount: is required");
        }
        boolean periodFromFolder = bool("period_from_folder", root.get("period_from_folder"), false);
        if (columns.getOrDefault(Field.PERIOD, List.of()).isEmpty() && !periodFromFolder) {
            problems.add("columns.period: is required unless period_from_folder is true");
        }
        if (columns.getOrDefault(Field.CURRENCY, List.of()).isEmpty()
                && !bool("currency_from_account", root.get("currency_from_account"), false)) {
            problems.add("columns.currency: is required unless currency_from_account is true");
        }

        RecordIdRule orderRule = null;
        if (root.containsKey("order_id_from_record_id")) {
            Map<String, Object> node = map("order_id_from_record_id", root.get("order_id_from_record_id"));
            unknownKeys("order_id_from_record_id.", node, Set.of("column", "values"));
            String column = string("order_id_from_record_id.column", node.get("column"));
            List<String> values = strings("order_id_from_record_id.values", node.get("values"));
            if (column == null || values.isEmpty()) {
                problems.add("order_id_from_record_id: needs a column and values");
            } else {
                orderRule = new RecordIdRule(column, values.stream().map(ExportFormat::normalisedValue).toList());
            }
        }

        ValueMap billingMethod = null;
        if (!root.containsKey("billing_method")) {
            problems.add("billing_method: is required");
        } else {
            billingMethod = valueMap("billing_method", root.get("billing_method"), BILLING_METHODS::contains,
                    "PREPAID or POSTPAID", false);
        }
        ValueMap chargeType = null;
        if (!root.containsKey("charge_type")) {
            problems.add("charge_type: is required");
        } else {
            chargeType = valueMap("charge_type", root.get("charge_type"), ExportFormatParser::isChargeType,
                    "one of " + java.util.Arrays.toString(ChargeType.values()), true);
        }

        PaidRule paid = paid(root.get("paid"));
        String refunds = string("refunds", root.get("refunds"));
        if (refunds != null && !refunds.equals("negate") && !refunds.equals("as_exported")) {
            problems.add("refunds: '" + refunds + "' must be negate (R2.2: a positive refund is negated) or as_exported");
        }
        ZoneId zone = ZoneId.of("UTC");
        String zoneText = string("time_zone", root.get("time_zone"));
        if (zoneText == null) {
            problems.add("time_zone: is required (the zone of the vendor's zone-less times, e.g. Asia/Shanghai or UTC)");
        } else {
            try {
                zone = ZoneId.of(zoneText);
            } catch (DateTimeException e) {
                problems.add("time_zone: '" + zoneText + "' is not a time zone id (e.g. Asia/Shanghai, UTC)");
            }
        }
        List<DateTimeFormatter> patterns = new ArrayList<>();
        List<String> patternTexts = strings("date_patterns", root.get("date_patterns"));
        for (int i = 0; i < patternTexts.size(); i++) {
            try {
                patterns.add(DateTimeFormatter.ofPattern(patternTexts.get(i), Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add("date_patterns[" + i + "]: '" + patternTexts.get(i) + "' is not a date pattern (" + e.getMessage() + ")");
            }
        }
        List<OtherDataset> others = new ArrayList<>();
        List<Object> otherList = list("not_billing_lines", root.get("not_billing_lines"));
        for (int i = 0; i < otherList.size(); i++) {
            String key = "not_billing_lines[" + i + "]";
            Map<String, Object> node = map(key, otherList.get(i));
            unknownKeys(key + ".", node, Set.of("name", "has", "lacks"));
            String otherName = string(key + ".name", node.get("name"));
            List<String> has = strings(key + ".has", node.get("has"));
            if (otherName == null || has.isEmpty()) {
                problems.add(key + ": needs a name and the columns it has");
            } else {
                others.add(new OtherDataset(otherName, has, strings(key + ".lacks", node.get("lacks"))));
            }
        }
        if (!problems.isEmpty()) {
            throw new ExportFormatException(file, problems);
        }
        return new ExportFormat(name, file, signature, required, columns, subAccountOrder, periodFromFolder,
                bool("currency_from_account", root.get("currency_from_account"), false), orderRule, billingMethod,
                chargeType, paid, !"as_exported".equals(refunds), zone,
                bool("policy_time_zone", root.get("policy_time_zone"), false), patterns, others);
    }

    private static boolean isChargeType(String value) {
        for (ChargeType type : ChargeType.values()) {
            if (type.name().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static Field fieldOf(String key) {
        for (Field field : Field.values()) {
            if (field.key().equals(key)) {
                return field;
            }
        }
        return null;
    }

    private ValueMap valueMap(String key, Object value, Predicate<String> allowed, String allowedText,
            boolean mayUseBillingMethod) {
        Map<String, Object> node = map(key, value);
        unknownKeys(key + ".", node, MAP_KEYS);
        String column = string(key + ".column", node.get("column"));
        String from = string(key + ".from", node.get("from"));
        boolean fromBillingMethod = false;
        if (from != null) {
            if (!from.equals("billing_method") || !mayUseBillingMethod) {
                problems.add(key + ".from: '" + from + "' is not allowed here"
                        + (mayUseBillingMethod ? " (only billing_method)" : ""));
            }
            fromBillingMethod = true;
        }
        if ((column == null) == (from == null)) {
            problems.add(key + ": needs exactly one of column or from");
        }
        Map<String, Target> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : map(key + ".values", node.get("values")).entrySet()) {
            Target target = target(key + ".values." + entry.getKey(), entry.getValue(), allowed, allowedText, mayUseBillingMethod);
            if (target != null && values.put(ExportFormat.normalisedValue(entry.getKey()), target) != null) {
                problems.add(key + ".values." + entry.getKey() + ": the same value (ignoring case, spaces, '-', '_') is mapped twice");
            }
        }
        Target empty = node.containsKey("empty")
                ? target(key + ".empty", node.get("empty"), allowed, allowedText, mayUseBillingMethod) : null;
        Target otherwise = node.containsKey("otherwise")
                ? target(key + ".otherwise", node.get("otherwise"), allowed, allowedText, mayUseBillingMethod) : null;
        if (values.isEmpty() && otherwise == null) {
            problems.add(key + ".values: is required (value → " + allowedText + ")");
        }
        Map<String, String> negative = new LinkedHashMap<>();
        Object negativeNode = node.get("negative");
        if (negativeNode instanceof Map<?, ?>) {
            for (Map.Entry<String, Object> entry : map(key + ".negative", negativeNode).entrySet()) {
                String to = constant(key + ".negative." + entry.getKey(), entry.getValue(), allowed, allowedText);
                if (!allowed.test(entry.getKey())) {
                    problems.add(key + ".negative." + entry.getKey() + ": '" + entry.getKey() + "' is not " + allowedText);
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
                BILLING_METHODS.forEach(m -> negative.put(m, to));
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
        String text = string(key, value);
        if (text == null) {
            problems.add(key + ": is empty; must be " + allowedText);
            return null;
        }
        if (!allowed.test(text)) {
            problems.add(key + ": '" + text + "' is not " + allowedText);
            return null;
        }
        return text;
    }

    private PaidRule paid(Object value) {
        if (value == null || "always".equals(value)) {
            return PaidRule.ALWAYS;
        }
        Map<String, Object> node = map("paid", value);
        unknownKeys("paid.", node, Set.of("status_column", "paid_statuses", "outstanding"));
        String status = string("paid.status_column", node.get("status_column"));
        List<String> statuses = strings("paid.paid_statuses", node.get("paid_statuses"));
        if (status != null && statuses.isEmpty()) {
            problems.add("paid.paid_statuses: is required with paid.status_column");
        }
        return new PaidRule(status, statuses.stream().map(ExportFormat::normalisedValue).toList(),
                strings("paid.outstanding", node.get("outstanding")));
    }

    // ---- YAML shapes ----

    private void unknownKeys(String prefix, Map<String, Object> node, Set<String> known) {
        for (String key : node.keySet()) {
            if (!known.contains(key)) {
                problems.add(prefix + key + ": unknown key (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(String key, Object value) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> m)) {
            problems.add(key + ": must be a mapping");
            return Map.of();
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        ((Map<Object, Object>) m).forEach((k, v) -> copy.put(String.valueOf(k), v));
        return copy;
    }

    private List<Object> list(String key, Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> l)) {
            problems.add(key + ": must be a list");
            return List.of();
        }
        return new ArrayList<>(l);
    }

    private List<String> strings(String key, Object value) {
        List<String> result = new ArrayList<>();
        List<Object> items = list(key, value);
        for (int i = 0; i < items.size(); i++) {
            String text = string(key + "[" + i + "]", items.get(i));
            if (text == null) {
                problems.add(key + "[" + i + "]: is empty");
            } else {
                result.add(text);
            }
        }
        return result;
    }

    private String string(String key, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            problems.add(key + ": must be a single value");
            return null;
        }
        String text = String.valueOf(value).strip();
        return text.isEmpty() ? null : text;
    }

    private boolean bool(String key, Object value, boolean absent) {
        if (value == null) {
            return absent;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        problems.add(key + ": '" + value + "' must be true or false");
        return absent;
    }
}
