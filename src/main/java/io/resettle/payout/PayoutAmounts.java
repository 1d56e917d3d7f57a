package io.resettle.payout;

import io.resettle.money.Money;
import java.math.BigDecimal;

/**
 * Gross, tax withheld and net of a payout, an entitlement or an adjustment (R10.3, R10.4, R11.2).
 * The single owner of the payout invariant of R12.2: gross − tax = net, whoever bears the tax
 * (PAYEE: net is derived; PAYER: gross is derived).
 */
public record PayoutAmounts(BigDecimal gross, BigDecimal tax, BigDecimal net) {

    public static final PayoutAmounts ZERO = new PayoutAmounts(Money.ZERO, Money.ZERO, Money.ZERO);

    /** An amount with no tax: gross = net (carry-forwards, non-positive grosses, companies). */
    public static PayoutAmounts untaxed(BigDecimal amount) {
        return new PayoutAmounts(amount, Money.ZERO, amount);
    }

    public PayoutAmounts plus(PayoutAmounts other) {
        return new PayoutAmounts(gross.add(other.gross), tax.add(other.tax), net.add(other.net));
    }

    public PayoutAmounts minus(PayoutAmounts other) {
        return new PayoutAmounts(gross.subtract(other.gross), tax.subtract(other.tax), net.subtract(other.net));
    }

    public boolean isZero() {
        return gross.signum() == 0 && tax.signum() == 0 && net.signum() == 0;
    }

    /** R12.2: payout net = gross − tax (PAYEE) or gross − tax = net (PAYER) — the same equation. */
    public boolean balances() {
        return gross.subtract(tax).compareTo(net) == 0;
    }
}
