package io.resettle.referral;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * One row of the commission ledger (commissions.csv, R9): a customer's first purchase with its
 * status as of the run's period.
 *
 * @param ambassadorId the associated ambassador at payment time, {@code null} when none (R9.1)
 * @param orderPayable full precision (R1.1)
 * @param refunded     refunds of the order booked up to the run's period, positive
 * @param commission   what the ambassador earns on the order as of the period: round2((payable −
 *                     refunded) × rate), never below 0; 0 unless it qualifies. Once due, it equals
 *                     the COMMISSION item plus the order's CLAWBACK items (R9.4, R9.5)
 * @param dueDate      payment date + hold days (R9.4); {@code null} unless it qualifies
 */
public record Commission(
        String orderId,
        String subAccountId,
        String ambassadorId,
        LocalDateTime paymentTime,
        BigDecimal orderPayable,
        BigDecimal refunded,
        CommissionStatus status,
        BigDecimal commission,
        LocalDate dueDate) {
}
