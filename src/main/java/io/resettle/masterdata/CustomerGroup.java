package io.resettle.masterdata;

import java.math.BigDecimal;

/** A customer group (集团), groups.csv; {@code implicit} for the own group of a sub-account without one (R3). */
public record CustomerGroup(String groupId, String groupName, String currency, BigDecimal creditLimit,
        RebatePayoutMethod rebatePayout, String payeeName, String payoutAccount, boolean implicit) {
}
