package io.resettle.reconcile;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * R12.1: per sub-account, the ingested payable total against the vendor statement. A difference of
 * 0.01 or more is a break; a statement sub-account with no export lines, and an export
 * sub-account missing from the statement, are breaks too.
 */
public final class StatementReconciliation {

    public static final String STATEMENT_TOTAL = "vendor_statement_total";
    public static final String MISSING_EXPORT = "statement_without_export";
    public static final String MISSING_FROM_STATEMENT = "export_missing_from_statement";

    private static final BigDecimal TOLERANCE = new BigDecimal("0.01");

    private StatementReconciliation() {
    }

    /**
     * @param ingested  full-precision payable totals per sub-account of the accepted lines
     * @param statement the vendor's payable per sub-account
     */
    public static List<Finding> compare(Map<String, BigDecimal> ingested, Map<String, BigDecimal> statement) {
        List<Finding> findings = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(ingested.keySet());
        keys.addAll(statement.keySet());
        for (String key : keys) {
            BigDecimal actual = ingested.get(key);
            BigDecimal expected = statement.get(key);
            if (actual == null) {
                findings.add(new Finding(MISSING_EXPORT, key, expected, BigDecimal.ZERO, expected.negate(),
                        Finding.Status.BREAK));
            } else if (expected == null) {
                findings.add(new Finding(MISSING_FROM_STATEMENT, key, BigDecimal.ZERO, actual, actual, Finding.Status.BREAK));
            } else {
                BigDecimal difference = actual.subtract(expected);
                if (difference.abs().compareTo(TOLERANCE) >= 0) {
                    findings.add(new Finding(STATEMENT_TOTAL, key, expected, actual, difference, Finding.Status.BREAK));
                }
            }
        }
        return findings;
    }
}
