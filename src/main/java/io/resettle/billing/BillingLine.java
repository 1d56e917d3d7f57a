package io.resettle.billing;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.YearMonth;

/**
 * A normalised billing line (R2.1). Amounts keep full precision (R1.1); refunds are negative
 * (R2.2). Times are UTC.
 *
 * @param relatedLineId the line a refund reverses, or {@code null}
 * @param orderId       SubOrderId / OrderId / InvoiceId, or {@code null} (the line is its own order, R9.2)
 * @param listAmount    list price, or {@code null} when the export has none
 * @param paymentTime   {@code null} when the export has none
 */
public record BillingLine(
        String lineId,
        String relatedLineId,
        YearMonth period,
        String subAccountId,
        String orderId,
        String productCode,
        Category category,
        BillingMethod billingMethod,
        ChargeType chargeType,
        BigDecimal listAmount,
        BigDecimal payableAmount,
        BigDecimal paidAmount,
        String currency,
        LocalDateTime paymentTime,
        LocalDateTime usageStart,
        LocalDateTime usageEnd,
        boolean paid) {

    /** Event time (R2.4): payment time, else usage start, else the first instant of the period. */
    public LocalDateTime eventTime() {
        if (paymentTime != null) {
            return paymentTime;
        }
        if (usageStart != null) {
            return usageStart;
        }
        return period.atDay(1).atStartOfDay();
    }
}
