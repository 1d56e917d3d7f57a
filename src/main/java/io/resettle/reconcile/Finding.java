package io.resettle.reconcile;

import java.math.BigDecimal;

/**
 * One row of reconciliation.csv (R12): a check, its key, the expected and actual amounts and
 * their difference (actual − expected). BREAK rows make the run COMPLETED_WITH_BREAKS (R12.5);
 * WARNING rows are listed for finance without failing anything (e.g. OVER_LIMIT, R6.1).
 */
public record Finding(String check, String key, BigDecimal expected, BigDecimal actual, BigDecimal difference,
        Status status) {

    public enum Status { BREAK, WARNING }
}
