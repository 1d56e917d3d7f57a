package io.resettle.pricing;

import io.resettle.billing.BillingLine;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Volume V(G,P) of R4.1: the sum of the payable amounts of a group's lines of charge types NEW,
 * RENEWAL, UPGRADE, USAGE and REFUND in the period, at full precision (R1.1).
 */
public final class GroupVolume {

    private GroupVolume() {
    }

    /** V of the given lines (all of one group and one period); refunds lower it, pass-through lines do not count. */
    public static BigDecimal of(Collection<BillingLine> lines) {
        BigDecimal volume = BigDecimal.ZERO;
        for (BillingLine line : lines) {
            if (line.chargeType().countsInVolume()) {
                volume = volume.add(line.payableAmount());
            }
        }
        return volume;
    }

    /**
     * V per group of one period's lines, keyed by group id in ascending order. A group whose lines
     * all pass through (R4.5) has volume 0; a group without lines is absent (its volume is 0).
     *
     * @param groupOfSubAccount the group id of a sub-account (R3)
     */
    public static Map<String, BigDecimal> byGroup(Collection<BillingLine> lines, Function<String, String> groupOfSubAccount) {
        Map<String, BigDecimal> volumes = new TreeMap<>();
        for (BillingLine line : lines) {
            String groupId = groupOfSubAccount.apply(line.subAccountId());
            if (groupId == null) {
                throw new IllegalArgumentException("sub-account " + line.subAccountId() + " of line " + line.lineId()
                        + " belongs to no group (R3)");
            }
            BigDecimal counted = line.chargeType().countsInVolume() ? line.payableAmount() : BigDecimal.ZERO;
            volumes.merge(groupId, counted, BigDecimal::add);
        }
        return volumes;
    }
}
