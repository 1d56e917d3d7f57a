package io.resettle.ingest;

import io.resettle.support.csv.ExportHeader;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One billing export format (io-contract §2) as its declarative definition describes it
 * (docs/formats.md): how it is recognised from the header row, which columns it needs, which
 * columns give each canonical field ("X, else Y"), how enumeration values map, how line ids are
 * built, and the zone of its zone-less times. Built and validated by {@link ExportFormatParser};
 * read by the one {@link LineNormaliser}.
 *
 * @param name           the name used in files.csv and in messages
 * @param source         where the definition came from (a resource or a data set's file)
 * @param signature      columns that recognise the format: the header sharing most of them wins
 * @param required       each entry a list of alternatives, one of which the header must have
 * @param columns        canonical field → the columns to try in order
 * @param subAccountOrder the sub-account columns in the order to try; a column of vendor login names
 *                       (matched to accounts.csv {@code vendor_login}) is written {@code login:NAME}
 * @param timeZone       the zone of zone-less times
 * @param policyTimeZone whether {@code ingest.vendor_time_zone} of the policy overrides {@code timeZone}
 * @param datePatterns   further date/time patterns tried when the built-in ones do not parse
 * @param notBillingLines other datasets of the same family, listed IGNORED (FOCUS ContractCommitment)
 */
public record ExportFormat(
        String name,
        String source,
        List<String> signature,
        List<List<String>> required,
        Map<Field, List<String>> columns,
        List<String> subAccountOrder,
        boolean periodFromFolder,
        boolean currencyFromAccount,
        RecordIdRule orderIdFromRecordId,
        ValueMap billingMethod,
        ValueMap chargeType,
        PaidRule paid,
        boolean negateRefunds,
        ZoneId timeZone,
        boolean policyTimeZone,
        List<DateTimeFormatter> datePatterns,
        List<OtherDataset> notBillingLines) {

    /** Canonical fields whose value comes from a list of columns. */
    public enum Field {
        RECORD_ID, LINE_QUALIFIERS, RELATED_RECORD_ID, PERIOD, ORDER_ID, PRODUCT_CODE, SERVICE_CATEGORY,
        LIST_AMOUNT, PAYABLE_AMOUNT, PAID_AMOUNT, CURRENCY, PAYMENT_TIME, USAGE_START, USAGE_END, DERIVED_ID;

        /** The key in a definition file: {@code record_id}, {@code line_qualifiers}, … */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A sub-account entry naming a column of vendor login names ({@code {login: Owner账号}}). */
    public static final String LOGIN_PREFIX = "login:";

    /**
     * An enumeration mapping: the column's value (any letter case, ignoring spaces, '-' and '_')
     * to a constant or to a nested mapping.
     *
     * @param column         the column read, or {@code null} when {@code fromBillingMethod}
     * @param fromBillingMethod map the row's billing method instead of a column (detail bills)
     * @param values         normalised value → target
     * @param empty          target for an empty cell or absent column; {@code null}: BAD_VALUE
     * @param otherwise      target for a value not in {@code values}; {@code null}: BAD_VALUE
     * @param negative       result → result when the payable amount is negative
     * @param ifColumnAbsent mapping used instead when the header lacks {@code column}
     */
    public record ValueMap(String column, boolean fromBillingMethod, Map<String, Target> values, Target empty,
            Target otherwise, Map<String, String> negative, ValueMap ifColumnAbsent) {

        /** Every constant this mapping can produce (for validation). */
        public List<String> constants() {
            List<String> all = new ArrayList<>();
            List<Target> targets = new ArrayList<>(values.values());
            if (empty != null) {
                targets.add(empty);
            }
            if (otherwise != null) {
                targets.add(otherwise);
            }
            for (Target target : targets) {
                if (target.constant() != null) {
                    all.add(target.constant());
                } else {
                    all.addAll(target.nested().constants());
                }
            }
            all.addAll(negative.values());
            if (ifColumnAbsent != null) {
                all.addAll(ifColumnAbsent.constants());
            }
            return all;
        }
    }

    /** A constant (an enum name) or a nested mapping. */
    public record Target(String constant, ValueMap nested) {
    }

    /** The record id is also the order id when {@code column}'s value is one of {@code values} (normalised). */
    public record RecordIdRule(String column, List<String> values) {
    }

    /**
     * Paid flag: when {@code statusColumn} holds a value, paid iff it is one of {@code paidStatuses};
     * else when an {@code outstanding} column holds a value, paid iff it is zero; else paid.
     */
    public record PaidRule(String statusColumn, List<String> paidStatuses, List<String> outstanding) {

        public static final PaidRule ALWAYS = new PaidRule(null, List.of(), List.of());
    }

    /** A dataset that is not billing lines: the header has every {@code has} column and none of {@code lacks}. */
    public record OtherDataset(String name, List<String> has, List<String> lacks) {

        public boolean matches(ExportHeader header) {
            return has.stream().allMatch(header::has) && lacks.stream().noneMatch(header::has);
        }
    }

    public ExportFormat {
        signature = List.copyOf(signature);
        required = required.stream().map(List::copyOf).toList();
        columns = Map.copyOf(columns);
        subAccountOrder = List.copyOf(subAccountOrder);
        datePatterns = List.copyOf(datePatterns);
        notBillingLines = List.copyOf(notBillingLines);
    }

    /** The name used in files.csv and in messages. */
    public String label() {
        return name;
    }

    /** The columns of a field, empty when the definition names none. */
    public List<String> columnsOf(Field field) {
        return columns.getOrDefault(field, List.of());
    }

    /** How many of the signature columns the header has. */
    public long signatureHits(ExportHeader header) {
        return signature.stream().filter(header::has).count();
    }

    /** Required columns missing from {@code header}, each written as "X or Y" for alternatives. */
    public List<String> missingColumns(ExportHeader header) {
        List<String> missing = new ArrayList<>();
        for (List<String> alternatives : required) {
            if (alternatives.stream().noneMatch(header::has)) {
                missing.add(String.join(" or ", alternatives));
            }
        }
        return missing;
    }

    /** "alibaba-bill: RecordID or SplitItemID or InstanceID, …" for messages. */
    public String describeRequiredColumns() {
        return name + ": " + String.join(", ", required.stream().map(a -> String.join(" or ", a)).toList());
    }

    /** Normalised form of an enumeration value: lower case, without spaces, '-' and '_'. */
    public static String normalisedValue(String value) {
        StringBuilder key = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != ' ' && c != '-' && c != '_' && c != '\u3000') {
                key.append(c);
            }
        }
        return key.toString().toLowerCase(Locale.ROOT);
    }
}
