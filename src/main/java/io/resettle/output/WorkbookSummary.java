package io.resettle.output;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/** The period workbook summary's figures, gathered from the CSVs' rows while their sheets are written. */
final class WorkbookSummary {

    /** Which data rows of a file a sheet holds. */
    record SheetRange(String sheet, String file, long first, long last) {
        long count() {
            return last - first + 1;
        }
    }

    long invoices;
    long invoiceLines;
    BigDecimal invoicePayable = BigDecimal.ZERO;
    BigDecimal invoiceDiscount = BigDecimal.ZERO;
    BigDecimal invoiceNet = BigDecimal.ZERO;
    final List<String[]> breaks = new ArrayList<>();
    long payoutsToPay;
    long payoutsHeld;
    BigDecimal payoutGross = BigDecimal.ZERO;
    BigDecimal payoutTax = BigDecimal.ZERO;
    BigDecimal payoutNet = BigDecimal.ZERO;
    /** "program scope_id" → the tiers its slices of this period fall in, in event order. */
    final Map<String, Set<String>> sliceTiers = new LinkedHashMap<>();
    final List<String[]> groupTiers = new ArrayList<>();
    final List<SheetRange> sheets = new ArrayList<>();

    /** One data row of {@code file}; {@code r} gives its cell under a header name. */
    void take(String file, UnaryOperator<String> r) {
        switch (file) {
            case "invoices.csv" -> {
                invoices++;
                invoicePayable = invoicePayable.add(amount(r, "payable"));
                invoiceDiscount = invoiceDiscount.add(amount(r, "discount"));
                invoiceNet = invoiceNet.add(amount(r, "net"));
            }
            case "invoice-lines.csv" -> invoiceLines++;
            case "reconciliation.csv" -> {
                if ("BREAK".equals(r.apply("status"))) {
                    breaks.add(new String[] {r.apply("check"), r.apply("key"), r.apply("difference")});
                }
            }
            case "payouts.csv" -> {
                if ("PAY".equals(r.apply("status"))) {
                    payoutsToPay++;
                    payoutGross = payoutGross.add(amount(r, "gross"));
                    payoutTax = payoutTax.add(amount(r, "tax_withheld"));
                    payoutNet = payoutNet.add(amount(r, "net"));
                } else {
                    payoutsHeld++;
                }
            }
            case "rebate-slices.csv" -> sliceTiers.computeIfAbsent(r.apply("program") + " " + r.apply("scope_id"),
                    key -> new LinkedHashSet<>()).add(r.apply("tier_from").isEmpty() ? "0" : r.apply("tier_from"));
            case "group-statements.csv" -> {
                if (!r.apply("tier_from").isEmpty()) {
                    groupTiers.add(new String[] {r.apply("group_id"), r.apply("tier_from")});
                }
            }
            default -> {
            }
        }
    }

    private static BigDecimal amount(UnaryOperator<String> r, String column) {
        String text = r.apply(column);
        return text.isEmpty() ? BigDecimal.ZERO : new BigDecimal(text);
    }
}
