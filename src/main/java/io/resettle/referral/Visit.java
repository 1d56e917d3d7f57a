package io.resettle.referral;

import java.time.LocalDateTime;

/** A visit of an ambassador's referral link (referrals.csv), UTC (R9.1). */
public record Visit(String ambassadorId, String subAccountId, LocalDateTime visitedAt) {
}
