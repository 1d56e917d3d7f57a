package io.resettle.invoice;

import io.resettle.money.Money;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/**
 * A group's statement of a period, one row of {@code group-statements.csv} (R6.1, io-contract
 * §3). The credit total is the sum of the invoice totals (nets) of the group's CREDIT
 * sub-accounts; above the credit limit the statement is OVER_LIMIT.
 *
 * @param volume     round2 of V(G,P) for printing; the tier was chosen on the full-precision
 *                   volume (R4.1)
 * @param tierFrom   the {@code from} of the tier reached, in cents; empty below the first tier or
 *                   without an agreement in force
 * @param creditTotal sum of the nets of the group's CREDIT invoices (R12.2)
 */
public record GroupStatement(
        String groupId,
        YearMonth period,
        BigDecimal volume,
        Optional<BigDecimal> tierFrom,
        BigDecimal creditTotal,
        BigDecimal creditLimit,
        Status status) {

    /** R6.1. */
    public enum Status {
        OK, OVER_LIMIT
    }

    /**
     * @param volume         V(G,P) at full precision
     * @param tierFrom       the tier reached by the group's pricing
     * @param creditInvoices the period's invoices of the group's CREDIT sub-accounts only
     */
    public static GroupStatement of(String groupId, YearMonth period, BigDecimal volume, Optional<BigDecimal> tierFrom,
            BigDecimal creditLimit, Collection<Invoice> creditInvoices) {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(period, "period");
        BigDecimal creditTotal = Money.ZERO;
        String currency = null;
        for (Invoice invoice : creditInvoices) {
            if (!period.equals(invoice.period())) {
                throw new IllegalArgumentException(invoice.invoiceId() + " is not an invoice of " + period);
            }
            if (currency == null) {
                currency = invoice.currency();
            }
            Money.requireSameCurrency(currency, invoice.currency());
            creditTotal = creditTotal.add(invoice.net());
        }
        Status status = creditTotal.compareTo(creditLimit) > 0 ? Status.OVER_LIMIT : Status.OK;
        return new GroupStatement(groupId, period, Money.round2(volume), tierFrom.map(Money::round2),
                creditTotal, Money.round2(creditLimit), status);
    }
}
