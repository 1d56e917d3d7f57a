package io.resettle.ingest;

import io.resettle.billing.ChargeType;
import io.resettle.ingest.ExportFormat.Field;
import io.resettle.ingest.ExportFormat.OtherDataset;
import io.resettle.ingest.ExportFormat.PaidRule;
import io.resettle.ingest.ExportFormat.RecordIdRule;
import io.resettle.ingest.ExportFormat.ValueMap;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
    static final Set<String> BILLING_METHODS = Set.of("PREPAID", "POSTPAID");

    private final String file;
    private final List<String> problems = new ArrayList<>();
    private final FormatYaml yaml = new FormatYaml(problems);
    private final ValueMapParser valueMaps = new ValueMapParser(yaml);

    private ExportFormatParser(String file) {
        this.file = file;
    }

    /** @param file where the text came from, for messages */
    public static ExportFormat parse(String file, String yaml) {
        return new ExportFormatParser(file).read(yaml);
    }

    private ExportFormat read(String text) {
        Object document;
        try {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (RuntimeException e) {
            throw new ExportFormatException(file, List.of("not valid YAML: " + e.getMessage().lines().findFirst().orElse("")));
        }
        if (!(document instanceof Map<?, ?>)) {
            throw new ExportFormatException(file, List.of("(root): must be a mapping of keys such as name, signature, columns"));
        }
        Map<String, Object> root = yaml.map("(root)", document);
        yaml.unknownKeys("", root, TOP_KEYS);
        String name = yaml.string("name", root.get("name"));
        if (name == null) {
            yaml.problem("name: is required");
        } else if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            yaml.problem("name: '" + name + "' must be lower-case letters, digits and '-'");
        }
        List<String> signature = yaml.strings("signature", root.get("signature"));
        if (signature.isEmpty()) {
            yaml.problem("signature: is required (the columns that recognise the format)");
        }
        List<List<String>> required = new ArrayList<>();
        List<Object> requiredList = yaml.list("required", root.get("required"));
        for (int i = 0; i < requiredList.size(); i++) {
            Object entry = requiredList.get(i);
            List<String> alternatives = entry instanceof List<?> ? yaml.strings("required[" + i + "]", entry)
                    : yaml.strings("required[" + i + "]", List.of(entry));
            if (alternatives.isEmpty()) {
                yaml.problem("required[" + i + "]: must name at least one column");
            } else {
                required.add(alternatives);
            }
        }

        Map<String, Object> columnsNode = yaml.map("columns", root.get("columns"));
        Map<Field, List<String>> columns = new EnumMap<>(Field.class);
        List<String> subAccountOrder = new ArrayList<>();
        for (Map.Entry<String, Object> entry : columnsNode.entrySet()) {
            String key = "columns." + entry.getKey();
            if (entry.getKey().equals("sub_account")) {
                List<Object> entries = yaml.list(key, entry.getValue());
                for (int i = 0; i < entries.size(); i++) {
                    Object e = entries.get(i);
                    if (e instanceof Map<?, ?> login) {
                        Map<String, Object> loginMap = yaml.map(key + "[" + i + "]", login);
                        yaml.unknownKeys(key + "[" + i + "].", loginMap, Set.of("login"));
                        String column = yaml.string(key + "[" + i + "].login", loginMap.get("login"));
                        if (column == null) {
                            yaml.problem(key + "[" + i + "]: a mapping entry must be {login: COLUMN}");
                        } else {
                            subAccountOrder.add(ExportFormat.LOGIN_PREFIX + column);
                        }
                    } else {
                        String column = yaml.string(key + "[" + i + "]", e);
                        if (column != null) {
                            subAccountOrder.add(column);
                        }
                    }
                }
                continue;
            }
            Field field = fieldOf(entry.getKey());
            if (field == null) {
                yaml.problem(key + ": unknown field (known: sub_account, "
                        + String.join(", ", java.util.Arrays.stream(Field.values()).map(Field::key).toList()) + ")");
                continue;
            }
            columns.put(field, yaml.strings(key, entry.getValue()));
        }
        if (subAccountOrder.isEmpty()) {
            yaml.problem("columns.sub_account: is required");
        }
        if (columns.getOrDefault(Field.PAYABLE_AMOUNT, List.of()).isEmpty()) {
            yaml.problem("columns.payable_amount: is required");
        }
        boolean periodFromFolder = yaml.bool("period_from_folder", root.get("period_from_folder"), false);
        if (columns.getOrDefault(Field.PERIOD, List.of()).isEmpty() && !periodFromFolder) {
            yaml.problem("columns.period: is required unless period_from_folder is true");
        }
        if (columns.getOrDefault(Field.CURRENCY, List.of()).isEmpty()
                && !yaml.bool("currency_from_account", root.get("currency_from_account"), false)) {
            yaml.problem("columns.currency: is required unless currency_from_account is true");
        }

        RecordIdRule orderRule = null;
        if (root.containsKey("order_id_from_record_id")) {
            Map<String, Object> node = yaml.map("order_id_from_record_id", root.get("order_id_from_record_id"));
            yaml.unknownKeys("order_id_from_record_id.", node, Set.of("column", "values"));
            String column = yaml.string("order_id_from_record_id.column", node.get("column"));
            List<String> values = yaml.strings("order_id_from_record_id.values", node.get("values"));
            if (column == null || values.isEmpty()) {
                yaml.problem("order_id_from_record_id: needs a column and values");
            } else {
                orderRule = new RecordIdRule(column, values.stream().map(ExportFormat::normalisedValue).toList());
            }
        }

        ValueMap billingMethod = null;
        if (!root.containsKey("billing_method")) {
            yaml.problem("billing_method: is required");
        } else {
            billingMethod = valueMaps.valueMap("billing_method", root.get("billing_method"), BILLING_METHODS::contains,
                    "PREPAID or POSTPAID", false);
        }
        ValueMap chargeType = null;
        if (!root.containsKey("charge_type")) {
            yaml.problem("charge_type: is required");
        } else {
            chargeType = valueMaps.valueMap("charge_type", root.get("charge_type"), ExportFormatParser::isChargeType,
                    "one of " + java.util.Arrays.toString(ChargeType.values()), true);
        }

        PaidRule paid = paid(root.get("paid"));
        String refunds = yaml.string("refunds", root.get("refunds"));
        if (refunds != null && !refunds.equals("negate") && !refunds.equals("as_exported")) {
            yaml.problem("refunds: '" + refunds + "' must be negate (R2.2: a positive refund is negated) or as_exported");
        }
        ZoneId zone = ZoneId.of("UTC");
        String zoneText = yaml.string("time_zone", root.get("time_zone"));
        if (zoneText == null) {
            yaml.problem("time_zone: is required (the zone of the vendor's zone-less times, e.g. Asia/Shanghai or UTC)");
        } else {
            try {
                zone = ZoneId.of(zoneText);
            } catch (DateTimeException e) {
                yaml.problem("time_zone: '" + zoneText + "' is not a time zone id (e.g. Asia/Shanghai, UTC)");
            }
        }
        List<DateTimeFormatter> patterns = new ArrayList<>();
        List<String> patternTexts = yaml.strings("date_patterns", root.get("date_patterns"));
        for (int i = 0; i < patternTexts.size(); i++) {
            try {
                patterns.add(DateTimeFormatter.ofPattern(patternTexts.get(i), Locale.ROOT));
            } catch (IllegalArgumentException e) {
                yaml.problem("date_patterns[" + i + "]: '" + patternTexts.get(i) + "' is not a date pattern (" + e.getMessage() + ")");
            }
        }
        List<OtherDataset> others = new ArrayList<>();
        List<Object> otherList = yaml.list("not_billing_lines", root.get("not_billing_lines"));
        for (int i = 0; i < otherList.size(); i++) {
            String key = "not_billing_lines[" + i + "]";
            Map<String, Object> node = yaml.map(key, otherList.get(i));
            yaml.unknownKeys(key + ".", node, Set.of("name", "has", "lacks"));
            String otherName = yaml.string(key + ".name", node.get("name"));
            List<String> has = yaml.strings(key + ".has", node.get("has"));
            if (otherName == null || has.isEmpty()) {
                yaml.problem(key + ": needs a name and the columns it has");
            } else {
                others.add(new OtherDataset(otherName, has, yaml.strings(key + ".lacks", node.get("lacks"))));
            }
        }
        if (!problems.isEmpty()) {
            throw new ExportFormatException(file, problems);
        }
        return new ExportFormat(name, file, signature, required, columns, subAccountOrder, periodFromFolder,
                yaml.bool("currency_from_account", root.get("currency_from_account"), false), orderRule, billingMethod,
                chargeType, paid, !"as_exported".equals(refunds), zone,
                yaml.bool("policy_time_zone", root.get("policy_time_zone"), false), patterns, others);
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

    private PaidRule paid(Object value) {
        if (value == null || "always".equals(value)) {
            return PaidRule.ALWAYS;
        }
        Map<String, Object> node = yaml.map("paid", value);
        yaml.unknownKeys("paid.", node, Set.of("status_column", "paid_statuses", "outstanding"));
        String status = yaml.string("paid.status_column", node.get("status_column"));
        List<String> statuses = yaml.strings("paid.paid_statuses", node.get("paid_statuses"));
        if (status != null && statuses.isEmpty()) {
            yaml.problem("paid.paid_statuses: is required with paid.status_column");
        }
        return new PaidRule(status, statuses.stream().map(ExportFormat::normalisedValue).toList(),
                yaml.strings("paid.outstanding", node.get("outstanding")));
    }
}
