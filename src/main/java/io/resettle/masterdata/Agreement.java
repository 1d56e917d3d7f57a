package io.resettle.masterdata;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A group's discount agreement, one row of {@code agreements.csv} (R5.1): the discount table
 * named here applies from {@code termStart} to {@code termEnd} (inclusive), ending early at
 * {@code terminatedOn} if set. The minimum commitment is a volume over the term, settled in the
 * closing period (R5.2).
 *
 * @param discountTable name of a table in the policy's {@code discount_tables}
 * @param terminatedOn  {@code null} unless terminated early; within the term
 */
public record Agreement(
        String agreementId,
        String groupId,
        String discountTable,
        YearMonth termStart,
        YearMonth termEnd,
        BigDecimal minCommitment,
        ClawbackMode clawbackMode,
        BigDecimal penaltyRate,
        YearMonth terminatedOn) {

    public Agreement {
        Objects.requireNonNull(agreementId, "agreementId");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(discountTable, "discountTable");
        Objects.requireNonNull(termStart, "termStart");
        Objects.requireNonNull(termEnd, "termEnd");
        Objects.requireNonNull(minCommitment, "minCommitment");
        Objects.requireNonNull(clawbackMode, "clawbackMode");
        Objects.requireNonNull(penaltyRate, "penaltyRate");
        if (termEnd.isBefore(termStart)) {
            throw new IllegalArgumentException(agreementId + ": term ends " + termEnd + " before it starts " + termStart);
        }
        if (terminatedOn != null && (terminatedOn.isBefore(termStart) || terminatedOn.isAfter(termEnd))) {
            throw new IllegalArgumentException(agreementId + ": terminated_on " + terminatedOn + " is outside the term "
                    + termStart + ".." + termEnd);
        }
        if (minCommitment.signum() < 0 || penaltyRate.signum() < 0) {
            throw new IllegalArgumentException(agreementId + ": commitment and penalty rate cannot be negative");
        }
    }

    /** The closing period C of R5.2: {@code terminatedOn} if set, else {@code termEnd}. */
    public YearMonth closingPeriod() {
        return terminatedOn != null ? terminatedOn : termEnd;
    }

    /** Whether the agreement gives its discount table in {@code period} (R5.1). */
    public boolean inForce(YearMonth period) {
        return !period.isBefore(termStart) && !period.isAfter(closingPeriod());
    }

    /** Whether {@code period} is the one whose settlement settles the commitment (R5.2). */
    public boolean closesIn(YearMonth period) {
        return closingPeriod().equals(period);
    }

    /**
     * The agreements by group, each group's in the order given: look a group up here and pass its
     * list to {@link #inForceFor}, instead of scanning every agreement once per group (quadratic:
     * 20 s for 20,000 groups).
     */
    public static Map<String, List<Agreement>> byGroup(Collection<Agreement> agreements) {
        Map<String, List<Agreement>> byGroup = new LinkedHashMap<>();
        for (Agreement agreement : agreements) {
            byGroup.computeIfAbsent(agreement.groupId(), group -> new java.util.ArrayList<>()).add(agreement);
        }
        return byGroup;
    }

    /**
     * The agreement of {@code groupId} in force in {@code period}, if any (R4.6: none means rate 0).
     *
     * @throws IllegalStateException if two agreements of the group overlap in that period
     */
    public static Optional<Agreement> inForceFor(Collection<Agreement> agreements, String groupId, YearMonth period) {
        List<Agreement> found = agreements.stream()
                .filter(agreement -> agreement.groupId().equals(groupId) && agreement.inForce(period))
                .toList();
        if (found.size() > 1) {
            throw new IllegalStateException("group " + groupId + " has " + found.size() + " agreements in force in "
                    + period + ": " + found.stream().map(Agreement::agreementId).sorted().toList());
        }
        return found.stream().findFirst();
    }
}
