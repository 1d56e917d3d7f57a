package io.resettle.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The three billing export formats of io-contract §2, recognised from the header row.
 * Required columns are listed as alternatives where the contract says "X, else Y".
 */
public enum ExportFormat {

    ALIBABA_BILL("alibaba-bill",
            List.of("BillingCycle", "RecordID", "PretaxAmount", "SubscriptionType"),
            List.of(List.of("RecordID"), List.of("BillingCycle"), List.of("OwnerID", "AccountID"),
                    List.of("ProductCode"), List.of("SubscriptionType"), List.of("Item"),
                    List.of("PretaxAmount"), List.of("Currency"))),

    ALIBABA_CONSOLE("alibaba-console",
            List.of("账期", "应付金额", "消费类型", "计费方式"),
            List.of(List.of("账期"), List.of("Owner账号ID", "账号ID"), List.of("产品Code"),
                    List.of("计费方式"), List.of("消费类型"), List.of("应付金额"))),

    FOCUS("focus",
            List.of("BilledCost", "BillingPeriodStart", "ChargeCategory", "BillingCurrency"),
            List.of(List.of("BillingPeriodStart"), List.of("SubAccountId", "BillingAccountId"),
                    List.of("ChargeCategory"), List.of("ServiceName"), List.of("BilledCost"),
                    List.of("BillingCurrency")));

    private final String label;
    private final List<String> signature;
    private final List<List<String>> required;

    ExportFormat(String label, List<String> signature, List<List<String>> required) {
        this.label = label;
        this.signature = signature;
        this.required = required;
    }

    /** The name used in files.csv and in messages. */
    public String label() {
        return label;
    }

    public static Optional<ExportFormat> fromLabel(String label) {
        for (ExportFormat format : values()) {
            if (format.label.equals(label)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
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

    /** "alibaba-bill: RecordID, BillingCycle, …" for the UNKNOWN_FORMAT message. */
    public String describeRequiredColumns() {
        return label + ": " + String.join(", ", required.stream().map(a -> String.join(" or ", a)).toList());
    }

    /** The format whose signature columns the header shares most; empty when it shares none. */
    public static Optional<ExportFormat> recognise(ExportHeader header) {
        ExportFormat best = null;
        long bestHits = 0;
        for (ExportFormat format : values()) {
            long hits = format.signature.stream().filter(header::has).count();
            if (hits > bestHits) {
                best = format;
                bestHits = hits;
            }
        }
        return Optional.ofNullable(best);
    }
}
