package io.resettle.payout;

import io.resettle.payable.Payee;
import java.math.BigDecimal;

/**
 * A payout return received with P's data (payout-returns.csv, R12.4), beside the payout it names:
 * the PAY row of that id in a completed revision of an earlier period, if there is one.
 *
 * @param status FAILED or PAID, as the bank reported it
 * @param amount as received, full precision
 * @param payee  the payee of the named payout; {@code null} when no payout has that id
 * @param net    the net of the named payout; {@code null} when no payout has that id
 */
public record PayoutReturn(String payoutId, String status, BigDecimal amount, Payee payee, BigDecimal net) {
}
