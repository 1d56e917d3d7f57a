package io.resettle.pricing;

import io.resettle.billing.BillingLine;
import io.resettle.billing.Category;
import io.resettle.billing.ChargeType;
import io.resettle.masterdata.Agreement;
import io.resettle.money.Money;
import io.resettle.policy.Tier;
import io.resettle.policy.TierTable;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Prices one group's lines of one period with the shared group discount (R4): one tier for the
 * whole group, chosen by its volume V(G,P) in the discount table of its agreement in force
 * (R4.2), rate 0 without one (R4.6). Lines become CHARGE invoice lines (R4.3); refunds of earlier
 * lines keep those lines' rates (R4.4); ADJUSTMENT, CREDIT and TAX pass through at rate 0 (R4.5).
 */
public final class DiscountPricer {

    private final String groupId;
    private final YearMonth period;
    private final BigDecimal volume;
    private final Optional<Agreement> agreement;
    private final Optional<Tier> tier;

    private DiscountPricer(String groupId, YearMonth period, BigDecimal volume, Optional<Agreement> agreement,
            Optional<Tier> tier) {
        this.groupId = groupId;
        this.period = period;
        this.volume = volume;
        this.agreement = agreement;
        this.tier = tier;
    }

    /**
     * The pricing of {@code groupId} in {@code period}.
     *
     * @param volume         V(G,P) at full precision (R4.1, summed by computeGroupVolumes)
     * @param agreement      the group's agreement; ignored unless in force in {@code period} (R5.1)
     * @param discountTables the policy's discount tables by name
     * @throws IllegalArgumentException if the agreement names a table the policy lacks
     */
    public static DiscountPricer forGroup(String groupId, YearMonth period, BigDecimal volume,
            Optional<Agreement> agreement, Map<String, TierTable> discountTables) {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(volume, "volume");
        agreement.ifPresent(it -> {
            if (!it.groupId().equals(groupId)) {
                throw new IllegalArgumentException("agreement " + it.agreementId() + " is group " + it.groupId()
                        + "'s, not " + groupId + "'s");
            }
        });
        Optional<Agreement> inForce = agreement.filter(it -> it.inForce(period));
        Optional<Tier> tier = inForce.flatMap(it -> {
            TierTable table = discountTables.get(it.discountTable());
            if (table == null) {
                throw new IllegalArgumentException("agreement " + it.agreementId() + " names discount table '"
                        + it.discountTable() + "', which the policy in force in " + period + " lacks");
            }
            return table.tierAt(volume);
        });
        return new DiscountPricer(groupId, period, volume, inForce, tier);
    }

    public String groupId() {
        return groupId;
    }

    public YearMonth period() {
        return period;
    }

    /** V(G,P) at full precision. */
    public BigDecimal volume() {
        return volume;
    }

    /** The agreement in force, if any. */
    public Optional<Agreement> agreement() {
        return agreement;
    }

    /** The tier reached (R4.2); empty without an agreement in force or below the first tier. */
    public Optional<Tier> tier() {
        return tier;
    }

    /** The {@code from} of the tier reached, for {@code group-statements.csv}; empty as {@link #tier()}. */
    public Optional<BigDecimal> tierFrom() {
        return tier.map(Tier::from);
    }

    /** The current period's rate for a line of {@code category} that counts in volume (R4.2); 0 without a tier. */
    public BigDecimal rateFor(Category category) {
        return tier.map(it -> it.rateFor(category)).orElse(BigDecimal.ZERO);
    }

    /**
     * The rate a line gets: 0 for pass-through lines (R4.5); for a REFUND whose related line was
     * priced earlier, that line's rate (R4.4); otherwise the current rate for its category (R4.2).
     *
     * @param rateOfEarlierLine the rate a line id got when it was invoiced, if it was
     */
    public BigDecimal rateOf(BillingLine line, Function<String, Optional<BigDecimal>> rateOfEarlierLine) {
        if (!line.chargeType().countsInVolume()) {
            return BigDecimal.ZERO;
        }
        if (line.chargeType() == ChargeType.REFUND && line.relatedLineId() != null) {
            Optional<BigDecimal> original = rateOfEarlierLine.apply(line.relatedLineId());
            if (original.isPresent()) {
                return original.get();
            }
        }
        return rateFor(line.category());
    }

    /**
     * The CHARGE invoice line of one billing line (R4.3): payable = round2(payable amount),
     * discount = round2(payable amount × rate), net = payable − discount.
     *
     * @param rateOfEarlierLine the rate a line id got when it was invoiced (this run included), if it was
     */
    public InvoiceLine price(BillingLine line, Function<String, Optional<BigDecimal>> rateOfEarlierLine) {
        if (!period.equals(line.period())) {
            throw new IllegalArgumentException("line " + line.lineId() + " is of " + line.period() + ", not " + period);
        }
        BigDecimal rate = rateOf(line, rateOfEarlierLine);
        BigDecimal payable = Money.round2(line.payableAmount());
        BigDecimal discount = Money.round2(line.payableAmount().multiply(rate));
        return new InvoiceLine(InvoiceLine.invoiceIdOf(period, line.subAccountId()), line.subAccountId(),
                line.lineId(), InvoiceLineKind.CHARGE, line.productCode(), line.category(), line.chargeType(),
                payable, rate, discount, payable.subtract(discount), line.currency());
    }
}
