package io.resettle.rebate;

import io.resettle.money.Money;
import io.resettle.policy.RebateProgram;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * R12.3: per RECEIVABLE program and category, the accrual of P against the vendor's rebate
 * statement of P. A difference of a cent or more is a break.
 */
public final class VendorRebateCheck {

    private VendorRebateCheck() {
    }

    /** A break, keyed {@code program/category}: expected is the vendor's amount rounded, actual ours. */
    public record Break(String key, BigDecimal expected, BigDecimal actual, BigDecimal difference) {
    }

    /**
     * @param vendor the vendor's amounts by (program, category); empty when it sent no statement,
     *               and then nothing is checked
     * @param rows   this run's accrual rows (R7.5)
     * @return the breaks in key order
     */
    public static List<Break> breaks(Map<List<String>, BigDecimal> vendor, List<RebateRow> rows) {
        List<Break> breaks = new ArrayList<>();
        if (vendor.isEmpty()) {
            return breaks;
        }
        TreeMap<List<String>, BigDecimal> ours = new TreeMap<>((a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b)));
        for (RebateRow row : rows) {
            if (row.direction() == RebateProgram.Direction.RECEIVABLE) {
                ours.merge(List.of(row.program(), row.category().name()), row.accrual(), BigDecimal::add);
            }
        }
        TreeSet<List<String>> keys = new TreeSet<>(ours.comparator());
        keys.addAll(ours.keySet());
        keys.addAll(vendor.keySet());
        for (List<String> key : keys) {
            BigDecimal expected = Money.round2(vendor.getOrDefault(key, BigDecimal.ZERO));
            BigDecimal actual = ours.getOrDefault(key, BigDecimal.ZERO);
            BigDecimal difference = actual.subtract(expected);
            if (difference.abs().compareTo(new BigDecimal("0.01")) >= 0) {
                breaks.add(new Break(key.get(0) + "/" + key.get(1), expected, actual, difference));
            }
        }
        return breaks;
    }
}
