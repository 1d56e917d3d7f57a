package io.resettle.pricing;

import io.resettle.masterdata.Agreement;
import io.resettle.masterdata.ClawbackMode;
import io.resettle.money.Money;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Settlement of an agreement's minimum commitment in its closing period C (R5.2, R5.3).
 *
 * <p>achieved = sum of V(G,P) over the term up to C; shortfall = max(0, commitment − achieved).
 * With a shortfall: granted = the discounts invoiced to the group during the term (C included);
 * clawback = granted (FULL), round2(granted × shortfall / commitment) (PRORATED, never more than
 * granted) or 0 (NONE);
 * penalty = round2(shortfall × penalty rate) whatever the mode. The clawback is charged back in
 * proportion to each sub-account's discount by largest remainder (R1.3) as CLAWBACK-{agreement}
 * lines; the penalty is one PENALTY-{agreement} line on the PRIMARY sub-account.
 *
 * @param clawbackBySubAccount the clawback's parts in ascending sub-account order; adds up to
 *                             {@code clawback}
 * @param lines                the derived invoice lines on the period-C invoices, in io-contract
 *                             order (no line for a zero part or a zero penalty)
 */
public record CommitmentSettlement(
        Agreement agreement,
        YearMonth closingPeriod,
        BigDecimal achieved,
        BigDecimal shortfall,
        BigDecimal granted,
        BigDecimal clawback,
        BigDecimal penalty,
        Map<String, BigDecimal> clawbackBySubAccount,
        List<InvoiceLine> lines) {

    public CommitmentSettlement {
        clawbackBySubAccount = Collections.unmodifiableMap(new TreeMap<>(clawbackBySubAccount));
        lines = List.copyOf(lines);
    }

    /**
     * Settles {@code agreement} in its closing period.
     *
     * @param period               the period being settled; must be the agreement's closing period
     * @param volumesByPeriod      V(G,P) per period at full precision; periods outside the term up
     *                             to C are ignored, missing ones count 0
     * @param discountsBySubAccount discount each sub-account of the group received during the term,
     *                             C included (see {@link #discountsBySubAccount})
     * @param primarySubAccountId  the group's PRIMARY sub-account, which bears the penalty
     * @param currency             the group's currency (R1.4)
     */
    public static CommitmentSettlement settle(Agreement agreement, YearMonth period,
            Map<YearMonth, BigDecimal> volumesByPeriod, Map<String, BigDecimal> discountsBySubAccount,
            String primarySubAccountId, String currency) {
        Objects.requireNonNull(currency, "currency");
        if (!agreement.closesIn(period)) {
            throw new IllegalArgumentException("agreement " + agreement.agreementId() + " closes in "
                    + agreement.closingPeriod() + ", not " + period);
        }
        BigDecimal achieved = BigDecimal.ZERO;
        for (Map.Entry<YearMonth, BigDecimal> entry : volumesByPeriod.entrySet()) {
            if (agreement.inForce(entry.getKey())) {
                achieved = achieved.add(entry.getValue());
            }
        }
        BigDecimal granted = Money.sum(discountsBySubAccount.values());
        BigDecimal commitment = agreement.minCommitment();
        BigDecimal shortfall = commitment.subtract(achieved).max(BigDecimal.ZERO);
        // A zero commitment is no commitment (and would divide by zero below).
        if (commitment.signum() == 0 || shortfall.signum() == 0) {
            return new CommitmentSettlement(agreement, period, achieved, BigDecimal.ZERO, granted, Money.ZERO,
                    Money.ZERO, Map.of(), List.of());
        }
        BigDecimal clawback = clawback(agreement.clawbackMode(), granted, shortfall, commitment);
        BigDecimal penalty = Money.round2(shortfall.multiply(agreement.penaltyRate()));

        Map<String, BigDecimal> parts = clawback.signum() == 0 ? Map.of()
                : Money.allocate(clawback, discountsBySubAccount);
        String lineSuffix = agreement.agreementId();
        List<InvoiceLine> lines = new ArrayList<>();
        parts.forEach((subAccountId, part) -> {
            if (part.signum() != 0) {
                lines.add(InvoiceLine.derived(InvoiceLine.invoiceIdOf(period, subAccountId), subAccountId,
                        "CLAWBACK-" + lineSuffix, InvoiceLineKind.CLAWBACK, part, currency));
            }
        });
        if (penalty.signum() != 0) {
            Objects.requireNonNull(primarySubAccountId, "primarySubAccountId (the penalty's invoice, R5.3)");
            lines.add(InvoiceLine.derived(InvoiceLine.invoiceIdOf(period, primarySubAccountId), primarySubAccountId,
                    "PENALTY-" + lineSuffix, InvoiceLineKind.PENALTY, penalty, currency));
        }
        lines.sort(InvoiceLine.IO_ORDER);
        return new CommitmentSettlement(agreement, period, achieved, shortfall, granted, clawback, penalty, parts,
                lines);
    }

    /**
     * The discount each sub-account received on the given invoice lines (the group's lines of the
     * term up to C), the weights of R5.3. Only CHARGE lines carry discounts.
     */
    public static Map<String, BigDecimal> discountsBySubAccount(Collection<InvoiceLine> lines) {
        Map<String, BigDecimal> discounts = new TreeMap<>();
        for (InvoiceLine line : lines) {
            if (line.kind() == InvoiceLineKind.CHARGE) {
                discounts.merge(line.subAccountId(), line.discount(), BigDecimal::add);
            }
        }
        return discounts;
    }

    private static BigDecimal clawback(ClawbackMode mode, BigDecimal granted, BigDecimal shortfall,
            BigDecimal commitment) {
        // Nothing net was granted (refunds outweighed charges): nothing to claw back.
        if (granted.signum() <= 0) {
            return Money.ZERO;
        }
        return switch (mode) {
            case NONE -> Money.ZERO;
            case FULL -> Money.round2(granted);
            // Capped at granted: a net-negative achieved volume makes shortfall exceed the commitment,
            // and more than was granted is not a clawback.
            case PRORATED -> Money.round2(granted.multiply(shortfall).divide(commitment, Money.RATIO))
                    .min(Money.round2(granted));
        };
    }
}
