package io.resettle.rebate;

import io.resettle.billing.BillingLine;
import io.resettle.policy.RebateProgram;

/**
 * Which lines count for a rebate program (R7.2): charge types NEW, RENEWAL, UPGRADE, USAGE and
 * REFUND that pass the program's billing-method, category and excluded-product filters.
 */
public final class RebateEligibility {

    /** Scope id of AGENT-scope programs in rebates.csv (io-contract §3). */
    public static final String AGENT_SCOPE = "AGENT";

    private RebateEligibility() {
    }

    public static boolean admits(RebateProgram program, BillingLine line) {
        return line.chargeType().countsInVolume()
                && program.eligibility().admits(line.billingMethod(), line.category(), line.productCode());
    }

    /** The scope key of R7.1: {@code AGENT} for AGENT scope, the group id for GROUP scope. */
    public static String scopeId(RebateProgram program, String groupId) {
        return program.scope() == RebateProgram.Scope.AGENT ? AGENT_SCOPE : groupId;
    }
}
