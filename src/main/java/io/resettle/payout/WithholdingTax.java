package io.resettle.payout;

import io.resettle.masterdata.PayeeKind;
import io.resettle.money.Money;
import io.resettle.policy.Policy.TaxBorneBy;
import java.math.BigDecimal;

/**
 * Labour-remuneration withholding (劳务报酬预扣) of R10.3 and its grossed-up form of R10.4,
 * per payee per run (per period for re-runs, R11.2).
 */
public final class WithholdingTax {

    private static final BigDecimal FLAT_DEDUCTION = new BigDecimal("800");
    private static final BigDecimal FLAT_DEDUCTION_LIMIT = new BigDecimal("4000");
    private static final BigDecimal DEDUCTION_RATE = new BigDecimal("0.2");
    private static final BigDecimal INCLUSION = new BigDecimal("0.8");
    private static final BigDecimal PAYER_FLAT_LIMIT = new BigDecimal("3360");
    private static final BigDecimal PAYER_BAND_1_LIMIT = new BigDecimal("21000");
    private static final BigDecimal PAYER_BAND_2_LIMIT = new BigDecimal("49500");

    private WithholdingTax() {
    }

    /** R10.3, PAYEE-borne: the tax withheld from a gross X; 0 when X ≤ 0. */
    public static BigDecimal onGross(BigDecimal gross) {
        if (gross.signum() <= 0) {
            return Money.ZERO;
        }
        BigDecimal deduction = gross.compareTo(FLAT_DEDUCTION_LIMIT) <= 0 ? FLAT_DEDUCTION
                : gross.multiply(DEDUCTION_RATE);
        BigDecimal taxable = gross.subtract(deduction).max(BigDecimal.ZERO);
        return onTaxable(taxable);
    }

    /**
     * R10.4, PAYER-borne: the tax the platform pays on top of a net N, computed on the grossed-up
     * taxable income T; 0 when N ≤ 800.
     */
    public static BigDecimal onNet(BigDecimal net) {
        if (net.compareTo(FLAT_DEDUCTION) <= 0) {
            return Money.ZERO;
        }
        BigDecimal taxable;
        if (net.compareTo(PAYER_FLAT_LIMIT) <= 0) {
            taxable = net.subtract(FLAT_DEDUCTION).divide(INCLUSION, Money.RATIO);
        } else {
            Band band = net.compareTo(PAYER_BAND_1_LIMIT) <= 0 ? Band.LOW
                    : net.compareTo(PAYER_BAND_2_LIMIT) <= 0 ? Band.MIDDLE : Band.HIGH;
            taxable = net.subtract(band.quickDeduction).multiply(INCLUSION)
                    .divide(BigDecimal.ONE.subtract(band.rate.multiply(INCLUSION)), Money.RATIO);
        }
        return onTaxable(taxable);
    }

    /**
     * The payout of a positive entitlement {@code amount} (the sum of a payee's items): PAYEE-borne
     * the amount is the gross and net = gross − tax; PAYER-borne the amount is the net and
     * gross = net + tax. COMPANY payees, and amounts ≤ 0, carry no tax.
     */
    public static PayoutAmounts payout(BigDecimal amount, PayeeKind kind, TaxBorneBy borneBy) {
        if (kind == PayeeKind.COMPANY || amount.signum() <= 0) {
            return PayoutAmounts.untaxed(amount);
        }
        if (borneBy == TaxBorneBy.PAYER) {
            BigDecimal tax = onNet(amount);
            return new PayoutAmounts(amount.add(tax), tax, amount);
        }
        BigDecimal tax = onGross(amount);
        return new PayoutAmounts(amount, tax, amount.subtract(tax));
    }

    /** R10.3's bands on taxable income T: 20% up to 20,000; 30% − 2,000 to 50,000; 40% − 7,000. */
    private static BigDecimal onTaxable(BigDecimal taxable) {
        Band band = Band.of(taxable);
        return Money.round2(taxable.multiply(band.rate).subtract(band.quickDeduction));
    }

    private enum Band {
        LOW("0.20", "0"), MIDDLE("0.30", "2000"), HIGH("0.40", "7000");

        private static final BigDecimal LOW_LIMIT = new BigDecimal("20000");
        private static final BigDecimal MIDDLE_LIMIT = new BigDecimal("50000");

        final BigDecimal rate;
        final BigDecimal quickDeduction;

        Band(String rate, String quickDeduction) {
            this.rate = new BigDecimal(rate);
            this.quickDeduction = new BigDecimal(quickDeduction);
        }

        static Band of(BigDecimal taxable) {
            if (taxable.compareTo(LOW_LIMIT) <= 0) {
                return LOW;
            }
            return taxable.compareTo(MIDDLE_LIMIT) <= 0 ? MIDDLE : HIGH;
        }
    }
}
