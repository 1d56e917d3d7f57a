package io.resettle.masterdata;

import java.time.LocalDateTime;

/** A visit of a customer to an ambassador's referral link, referrals.csv (R9.1); time in UTC. */
public record ReferralVisit(String ambassadorId, String subAccountId, LocalDateTime visitedAt) {
}
