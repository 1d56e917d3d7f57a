package io.resettle.rebate;

import io.resettle.payable.ItemType;
import java.math.BigDecimal;
import java.time.YearMonth;

/**
 * A rebate item for the payout run of a group (R8.3, R8.4; payout-items.csv of io-contract §3). The
 * payout run adds payout id and status (FORFEITED items keep status FORFEITED and are never paid).
 *
 * @param itemType  REBATE_STAGE, FORFEITED or CLAWBACK
 * @param duePeriod the period the item falls due: the stage's due period, or the period of the run
 *                  that books a clawback
 * @param amount    positive for a stage, negative for a clawback
 */
public record RebatePayoutItem(
        String groupId,
        ItemType itemType,
        String reference,
        YearMonth duePeriod,
        BigDecimal amount) {
}
