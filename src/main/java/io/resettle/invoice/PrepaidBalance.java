package io.resettle.invoice;

import io.resettle.money.Money;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Collection;
import java.util.Objects;

/**
 * A PREPAID sub-account's balance of a period, one row of {@code prepaid-balances.csv} (R6.2,
 * io-contract §3): closing = opening + allocations dated in the period − the period's invoice
 * total. A negative closing balance is TOP_UP_REQUIRED with the missing amount; it is never
 * clamped.
 *
 * @param opening   the previous period's closing balance, else 0
 * @param allocated sum of the allocations dated in the period
 * @param charged   the net total of the period's invoice (0 without an invoice)
 * @param missing   the top-up needed to bring the balance back to zero; 0 when status is OK
 */
public record PrepaidBalance(
        String subAccountId,
        YearMonth period,
        BigDecimal opening,
        BigDecimal allocated,
        BigDecimal charged,
        BigDecimal closing,
        Status status,
        BigDecimal missing) {

    /** R6.2. */
    public enum Status {
        OK, TOP_UP_REQUIRED
    }

    /**
     * @param opening     previous closing balance, else 0; whole cents
     * @param allocations amounts of the allocations dated in {@code period}; whole cents each
     * @param invoiceNet  net total of the sub-account's invoice of {@code period}, 0 without one
     */
    public static PrepaidBalance of(String subAccountId, YearMonth period, BigDecimal opening,
            Collection<BigDecimal> allocations, BigDecimal invoiceNet) {
        Objects.requireNonNull(subAccountId, "subAccountId");
        Objects.requireNonNull(period, "period");
        BigDecimal allocated = Money.ZERO;
        for (BigDecimal allocation : allocations) {
            allocated = allocated.add(cents(allocation, "allocation"));
        }
        BigDecimal open = cents(opening, "opening balance");
        BigDecimal charged = cents(invoiceNet, "invoice net");
        BigDecimal closing = open.add(allocated).subtract(charged);
        boolean topUpRequired = closing.signum() < 0;
        return new PrepaidBalance(subAccountId, period, open, allocated, charged, closing,
                topUpRequired ? Status.TOP_UP_REQUIRED : Status.OK, topUpRequired ? closing.negate() : Money.ZERO);
    }

    // Balances are a ledger: an amount with fractions of a cent would invent or lose money.
    private static BigDecimal cents(BigDecimal amount, String name) {
        Objects.requireNonNull(amount, name);
        if (amount.compareTo(Money.round2(amount)) != 0) {
            throw new IllegalArgumentException(name + " must be whole cents: " + amount);
        }
        return amount.setScale(Money.CENT_SCALE);
    }
}
