package io.resettle.referral;

import io.resettle.masterdata.ManagedBy;
import io.resettle.masterdata.ReferralVisit;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * R9.1: a visit at t associates the customer with the ambassador during [t, t + window_days); a
 * later visit replaces it (last touch). Customers not managed by the agent are never associated.
 */
public final class Association {

    private Association() {
    }

    /**
     * The ambassador the customer is associated with at {@code time}, if any.
     *
     * @param visits the customer's visits (others are ignored); visits at the same instant are
     *               ordered by ambassador id, the greatest touching last
     */
    public static Optional<String> ambassadorAt(Customer customer, List<ReferralVisit> visits, LocalDateTime time,
            int windowDays) {
        if (customer.managedBy() != ManagedBy.AGENT) {
            return Optional.empty();
        }
        return visits.stream()
                .filter(visit -> visit.subAccountId().equals(customer.subAccountId()))
                .filter(visit -> !visit.visitedAt().isAfter(time))
                .max(Comparator.comparing(ReferralVisit::visitedAt).thenComparing(ReferralVisit::ambassadorId))
                .filter(last -> time.isBefore(last.visitedAt().plusDays(windowDays)))
                .map(ReferralVisit::ambassadorId);
    }
}
