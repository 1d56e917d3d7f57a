package io.resettle.invoice;

import java.math.BigDecimal;
import java.time.YearMonth;

/**
 * A sub-account's invoice of a period (io-contract §3, {@code invoices.csv} totals) as
 * {@code buildInvoices} recorded it. Its totals (line count, payable, discount, net) are the sums
 * of its lines (R12.2), made in one place: {@code InvoiceStore.rebuildInvoices}, set-based, so a
 * period of millions of lines never sits in memory. Master-data columns (group, title, tax id,
 * settlement mode, revision) are joined by the writer.
 */
public record Invoice(
        String invoiceId,
        String subAccountId,
        YearMonth period,
        int lineCount,
        BigDecimal payable,
        BigDecimal discount,
        BigDecimal net,
        String currency) {
}
