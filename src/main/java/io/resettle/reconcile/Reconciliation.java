package io.resettle.reconcile;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The findings the {@code reconcile} step records for a revision: the R12.1 breaks against the
 * vendor statement, then the OVER_LIMIT warnings (R6.1) in group order.
 */
public final class Reconciliation {

    /** The check of a group whose CREDIT total is above its limit (R6.1). */
    public static final String CREDIT_LIMIT = "credit_limit";

    /** Checks other steps record and reconcile leaves alone: vendor_rebate (R12.3), payout_return (R12.4). */
    public static final List<String> CHECKS_OF_OTHER_STEPS = List.of("vendor_rebate", "payout_return");

    private Reconciliation() {
    }

    /** A group whose CREDIT invoices total more than its credit limit. */
    public record OverLimit(String groupId, BigDecimal limit, BigDecimal total) {
    }

    /**
     * @param ingested  full-precision payable per sub-account of the accepted lines
     * @param statement the vendor's payable per sub-account (empty: no statement, nothing to compare)
     * @param overLimit the revision's OVER_LIMIT groups in group order
     */
    public static List<Finding> findings(Map<String, BigDecimal> ingested, Map<String, BigDecimal> statement,
            List<OverLimit> overLimit) {
        List<Finding> findings = new ArrayList<>();
        if (!statement.isEmpty()) {
            findings.addAll(StatementReconciliation.compare(ingested, statement));
        }
        for (OverLimit group : overLimit) {
            findings.add(new Finding(CREDIT_LIMIT, group.groupId(), group.limit(), group.total(),
                    group.total().subtract(group.limit()), Finding.Status.WARNING));
        }
        return findings;
    }
}
